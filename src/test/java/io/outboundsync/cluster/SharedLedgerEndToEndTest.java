package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two machines (two data folders) with {@code state.jdbc-url} on one PostgreSQL database: what one acknowledged,
 * the other knows, so the same drop taken on the second machine sends nothing again. Real HTTP to the sandbox, a
 * real PostgreSQL server.
 */
class SharedLedgerEndToEndTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void aDropSyncedOnOneMachineIsRecognisedOnTheOther() throws Exception {
        String url = TestPostgres.newDatabase();
        Map<String, String> shared = TestPostgres.stateSettings(url);
        String drop = DropHarness.generatedDrop("S", 3_000, 0);
        try (DropHarness org = new DropHarness(first, Map.of())) {
            org.drop("demo", "shared.csv", drop);
            assertThat(org.runOnce(shared)).containsValue(Drop.Status.COMPLETED);
            assertThat(org.summary("shared.csv").get("uploaded").asLong()).isEqualTo(3_000);
            long uploadsBefore = org.addContactRequests();

            // the other machine: its own data folder, the same database and Genesys org
            Path inbox = second.resolve("inbox/contacts/demo");
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve("shared-again.csv"), drop);
            try (Pipeline other = Pipeline.start(Settings.of(org.pipelineSettings(shared)), Path.of("config"), second,
                    "test")) {
                assertThat(other.contactDrops().awaitDrained(2, TimeUnit.MINUTES)).isTrue();
            }
            JsonNode summary = DropHarness.JSON.readTree(second.resolve("reports/shared-again.csv.summary.json")
                    .toFile());
            assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(summary.get("uploaded").asLong()).isZero();
            assertThat(summary.get("unchanged").asLong()).isEqualTo(3_000);
            assertThat(org.addContactRequests()).as("no upload from the second machine").isEqualTo(uploadsBefore);
            // the embedded ledger was never made: the state lives in the database
            try (var files = Files.walk(second.resolve("state"))) {
                assertThat(files.filter(f -> f.getFileName().toString().equals("contacts.mv.db"))).isEmpty();
            }
        }
    }
}
