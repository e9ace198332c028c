package io.outboundsync.contacts;

import io.outboundsync.testing.DropHarness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process is killed with SIGKILL in the middle of a file and started again: the second run ends with exact
 * counts, every contact in Genesys once, and what the ledger had recorded before the kill not sent again.
 */
class KillMidFileTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void aProcessKilledMidFileAndRestartedEndsWithExactCountsAndNoDuplicates() throws Exception {
        // every request to the sandbox takes 100 ms more, so the file takes seconds and the kill lands mid-file
        try (DropHarness harness = new DropHarness(dataDir, Map.of("sandbox.fault.slow-rate", "1",
                "sandbox.fault.slow-ms", "100"))) {
            StringBuilder csv = new StringBuilder("externalId,phone,consent\n");
            for (int i = 0; i < ROWS; i++) {
                csv.append("K-").append(i).append(",+1317").append(String.format("%07d", 2_000_000 + i))
                        .append(",yes\n");
            }
            harness.drop("demo", "big.csv", csv.toString());

            Process first = start(harness);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> listSize(harness) >= 5_000 || !first.isAlive());
            assertThat(first.isAlive()).as("the first run is still working when it is killed").isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            first.waitFor();
            long beforeRestart = listSize(harness);
            assertThat(beforeRestart).isBetween(5_000L, (long) ROWS - 1);
            assertThat(dataDir.resolve("inbox/contacts/demo/big.csv")).exists();

            harness.runOnce();

            JsonNode summary = harness.summary("big.csv");
            assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(summary.get("rowsRead").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("accepted").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("uploaded").asLong() + summary.get("unchanged").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("unchanged").asLong()).as("acknowledged before the kill, not sent again")
                    .isPositive();
            assertThat(listSize(harness)).isEqualTo(ROWS);
            assertThat(harness.contacts(harness.listId("Demo Renewals"), List.of("K-0", "K-19999"))).hasSize(2);
            assertThat(dataDir.resolve("inbox/contacts/demo/big.csv")).doesNotExist();
        }
    }

    private static long listSize(DropHarness harness) {
        try {
            return harness.size(harness.listId("Demo Renewals"));
        } catch (AssertionError noListYet) {
            return 0;
        }
    }

    /** The real command line in a process of its own, pointed at the sandbox as its live org. */
    private Process start(DropHarness harness) throws Exception {
        return io.outboundsync.testing.OutboundSyncProcess.start(Path.of("config"), dataDir, "once",
                harness.pipelineSettings(Map.of()), Files.createTempFile("killed-run", ".log"));
    }
}
