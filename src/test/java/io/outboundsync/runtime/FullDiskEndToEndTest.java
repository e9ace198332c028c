package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.SmallDisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduced (issue 25, point 9): with the data folder on a full disk the ledger closed ("The database has been
 * closed") and stayed closed after space was freed; every drop failed until a restart while {@code /observe/health}
 * said UP. A real full disk (a 16 MB tmpfs, filled to the byte) under a {@code run}: readiness goes DOWN naming the
 * folder and the error, the drop waits in the inbox, and once space is back the run goes on by itself: the ledger
 * open again, the drop completed, readiness UP, with no restart.
 */
class FullDiskEndToEndTest {

    @TempDir
    Path inbox;

    private SmallDisk disk;
    private DropHarness org;
    private Pipeline pipeline;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        disk = SmallDisk.mount(16);
        org = new DropHarness(disk.path().resolve("data"), Map.of());
        port = DropHarness.freePort();
    }

    @AfterEach
    void stop() {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
            org.close();
        } finally {
            disk.close();
        }
    }

    private void drop(String name, String content) throws Exception {
        Path file = inbox.resolve("demo").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/observe/health")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return DropHarness.JSON.readTree(answer.body());
    }

    private io.outboundsync.contacts.ledger.LedgerKeeper keeper() {
        return pipeline.ledgerKeeper();
    }

    private static JsonNode check(JsonNode health, String name) {
        return DropHarness.healthCheck(health, name);
    }

    @Test
    void aFullDiskStopsTheDropsSaysWhyAndTheRunGoesOnWhenSpaceIsBack() throws Exception {
        Map<String, String> settings = new HashMap<>(org.pipelineSettings(Map.of(
                "observe.port", String.valueOf(port),
                "contacts.inbox.dir", inbox.toString(),
                "contacts.inbox.take-once", "false",
                "contacts.ledger.check-ms", "500")));
        pipeline = Pipeline.start(Settings.of(settings), Path.of("config"), org.dataDir, "run",
                java.time.Clock.systemUTC());
        drop("day1.csv", DropHarness.generatedDrop("A", 200, 0));
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(org.dataDir.resolve(
                "reports/day1.csv.summary.json")));
        String listId = org.listId("Demo Renewals");
        assertThat(org.size(listId)).isEqualTo(200);

        disk.fill();
        drop("day2.csv", DropHarness.generatedDrop("B", 300, 0));

        // said: readiness DOWN, the folder and the kernel's words
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = health();
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
            // (camel-observability-services writes a / in a message as \\/)
            assertThat(check(health, "storage").path("message").asText("").replace("\\/", "/"))
                    .startsWith("The folder " + org.dataDir.resolve("state") + " cannot be written (No space left on"
                            + " device): drops, their reports and audit records would fail.");
        });
        // the ledger found closed: readiness says so too
        await().atMost(Duration.ofSeconds(30)).until(() -> keeper().isClosed());
        assertThat(check(health(), "state").get("message").asText()).startsWith("The ledger is closed since ");
        // the drop did not complete, and waits in the inbox
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.contactDrops().outcomes().keySet().stream()
                .anyMatch(p -> p.getFileName().toString().equals("day2.csv")));
        assertThat(Files.exists(inbox.resolve("demo/day2.csv"))).isTrue();
        assertThat(Files.exists(org.dataDir.resolve("reports/day2.csv.summary.json"))).isFalse();

        disk.free();
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(org.dataDir.resolve(
                "reports/day2.csv.summary.json")));
        JsonNode day2 = org.summary("day2.csv");
        assertThat(day2.get("status").asText()).isEqualTo(Drop.Status.COMPLETED.name());
        assertThat(org.size(listId)).isEqualTo(500);
        assertThat(inbox.resolve("demo/day2.csv")).doesNotExist();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health().get("status").asText())
                .as(health().toString()).isEqualTo("UP"));
        // opened again by itself (also whenever a failed drop's temporary files gave back a megabyte), no restart
        assertThat(keeper().reopened()).isPositive();
        assertThat(keeper().isClosed()).isFalse();
    }
}
