package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.reconcile.Reconciler;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.OutboundSyncProcess;
import io.outboundsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run} instances on a shared inbox and PostgreSQL; the one processing a 200,000-row drop is killed with
 * SIGKILL: its claim on the file is no longer renewed, the other instance takes the file over after the lease and
 * finishes it from the shared ledger. Genesys ends exact (an export compared with the ledger), the summary is
 * written once. Real processes, real HTTP to the sandbox, a real PostgreSQL.
 */
class KillTakeoverTest {

    private static final int ROWS = 200_000;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path root;

    private static Map<String, String> tool(Map<String, String> settings) {
        settings.put("pipeline.tool", "true");
        return settings;
    }

    @Test
    void theOtherInstanceFinishesTheDropOfAKilledOne() throws Exception {
        String url = TestPostgres.newDatabase();
        Path inbox = root.resolve("shared/inbox");
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        Process first = null;
        Process second = null;
        try (DropHarness org = new DropHarness(a, Map.of())) {
            Map<String, String> shared = TestPostgres.stateSettings(url);
            shared.putAll(Map.of("contacts.inbox.dir", inbox.toString(), "contacts.inbox.take-once", "false",
                    "state.claim-lease-ms", "3000"));
            // a campaign sync every two seconds on the Quartz cluster; an instance silent for a second is dead
            shared.put("campaigns.sync.cron", "0/2 * * * * ?");
            shared.put("state.cluster-check-in-ms", "1000");
            Files.createDirectories(inbox.resolve("demo"));
            int portA = DropHarness.freePort();
            shared.put("state.instance-id", "a");
            first = OutboundSyncProcess.instance(org, a, shared, portA, "a");
            shared.put("state.instance-id", "b");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> OutboundSyncProcess.ready(portA));
            Path generated = root.resolve("drop.csv");
            assertThat(new ProcessBuilder("bash", "bench/generate-drop.sh", generated.toString(),
                    String.valueOf(ROWS)).inheritIO().start().waitFor()).isZero();
            Files.move(generated, inbox.resolve("demo/big.csv"));
            // the health of the instance says it holds the drop
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(OutboundSyncProcess.healthCheck(portA, "instances"))
                            .containsPattern("a \\(this one\\), seen [0-9]+ s ago, holds file demo/big.csv"));
            // the second instance is up while the first works: the claim keeps it off the file
            int portB = DropHarness.freePort();
            second = OutboundSyncProcess.instance(org, b, shared, portB, "b");
            Process killed = first;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> org.acknowledgedContacts() >= ROWS / 4 || !killed.isAlive());
            assertThat(first.isAlive()).as("the first instance is still working when it is killed").isTrue();

            assertThat(Files.exists(b.resolve("reports/big.csv.summary.json"))).isFalse();
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            java.time.Instant killedAt = java.time.Instant.now();
            // what Genesys holds, and what the shared ledger recorded, when the instance died
            long inGenesys = org.size(org.listId("Demo Renewals"));
            long recorded;
            try (Connection db = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT count(*) FROM ledger_contacts")) {
                rows.next();
                recorded = rows.getLong(1);
            }
            System.out.printf("at the kill: %d contacts in Genesys, %d recorded in the shared ledger%n", inGenesys,
                    recorded);

            // the instance left says the killed one is silent, and that it holds the drop now
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(OutboundSyncProcess.healthCheck(portB, "instances"))
                            .contains("a, SILENT for")
                            .containsPattern("b \\(this one\\), seen [0-9]+ s ago, holds file demo/big.csv"));
            Path summaryFile = b.resolve("reports/big.csv.summary.json");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.exists(summaryFile));
            JsonNode summary = DropHarness.JSON.readTree(summaryFile.toFile());
            long accepted = summary.get("accepted").asLong();
            assertThat(summary.get("status").asText()).isEqualTo("COMPLETED_WITH_REJECTS");
            assertThat(summary.get("rowsRead").asLong()).isEqualTo(ROWS);
            assertThat(accepted + summary.get("rejected").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("uploaded").asLong() + summary.get("unchanged").asLong()).isEqualTo(accepted);
            // what the killed instance had sent is not sent again, beyond the batches in flight at the kill (two
            // upload threads; an upsert by id, so harmless)
            assertThat(recorded).as("acknowledged and recorded before the kill").isPositive();
            assertThat(inGenesys - recorded).as("acknowledged by Genesys, not yet recorded: the batches in flight")
                    .isLessThanOrEqualTo(2_000);
            assertThat(summary.get("unchanged").asLong()).as("recognised from the shared ledger")
                    .isGreaterThanOrEqualTo(recorded - ROWS / 500);
            assertThat(a.resolve("reports/big.csv.summary.json")).as("the summary is written once").doesNotExist();
            // the file consumer moves the drop once its exchange completes, a moment after the summary is written
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !Files.exists(inbox.resolve("demo/big.csv")));
            assertThat(org.size(org.listId("Demo Renewals"))).isEqualTo(accepted);
            try (Connection db = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                    Statement sql = db.createStatement();
                    ResultSet drops = sql.executeQuery("SELECT count(*) FILTER (WHERE status LIKE 'COMPLETED%'),"
                            + " count(*) FROM drops WHERE file_name = 'big.csv'")) {
                drops.next();
                assertThat(drops.getLong(1)).as("finished once").isEqualTo(1);
                assertThat(drops.getLong(2)).as("started by each instance").isEqualTo(2);
            }
            // the schedule goes on on the instance left, each firing once
            await().atMost(Duration.ofSeconds(30)).until(() -> OutboundSyncProcess.scheduledSyncs(b).stream()
                    .anyMatch(f -> java.time.Instant.parse(f.split(" ")[1]).isAfter(killedAt.plusSeconds(2))));
            List<String> fired = OutboundSyncProcess.scheduledSyncs(a, b);
            assertThat(fired.stream().map(f -> f.split(" ")[1]).toList()).as("scheduled syncs: %s", fired)
                    .doesNotHaveDuplicates();
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);

            // Genesys exactly as the shared ledger says
            io.outboundsync.contacts.reconcile.Reconciliation reconciled;
            try (Pipeline check = Pipeline.start(io.outboundsync.config.Settings.of(org.pipelineSettings(
                    tool(TestPostgres.stateSettings(url)))),
                    Path.of("config"), root.resolve("check"), "test")) {
                reconciled = check.reconcile("demo", false);
            }
            assertThat(reconciled.isInAgreement()).as("reconcile: %s", reconciled).isTrue();
            assertThat(reconciled.getAgree()).isEqualTo(accepted);
        } finally {
            for (Process process : new Process[] {first, second}) {
                if (process != null) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
