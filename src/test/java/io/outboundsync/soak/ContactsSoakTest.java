package io.outboundsync.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.reconcile.Reconciler;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.OutboundSyncProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contacts half of the soak: a 200,000-row drop ({@code -Dsoak.rows}) taken by {@code run} in a process of its
 * own against the sandbox, which answers 5% of the API's requests with 503, 2% late and drops 1% of the
 * connections, with two 429 storms, a 60-second outage of the whole API in the middle and the process killed with
 * SIGKILL once mid-drop and started again. At the end every accepted contact is in Genesys exactly as the ledger
 * says (an export of the list compared with the ledger, and the list's size), and the summary's counts add up to
 * the rows. {@code bench/soak.sh} runs the same at 1M rows.
 */
@Tag("soak")
class ContactsSoakTest {

    private static final int ROWS = Integer.getInteger("soak.rows", 200_000);
    private static final long OUTAGE_MS = Long.getLong("soak.outage-ms", 60_000);
    private static final String UPLOADS = "/api/v2/outbound/contactlists/";

    @TempDir
    Path dataDir;

    @Test
    void aDropSurvivesFaultsStormsAnOutageAndAKill() throws Exception {
        Path log = Files.createTempFile("soak-run", ".log");
        try (DropHarness org = new DropHarness(dataDir, Map.of("sandbox.journal-size", "200000",
                "sandbox.fault.seed", "14", "sandbox.fault.retry-after-seconds", "1"))) {
            Path drop = dataDir.resolve("soak.csv");
            Process generator = new ProcessBuilder("bash", "bench/generate-drop.sh", drop.toString(),
                    String.valueOf(ROWS)).inheritIO().start();
            assertThat(generator.waitFor()).isZero();

            Map<String, String> settings = org.pipelineSettings(new HashMap<>(Map.of(
                    // run: a drop stopped by the outage stays in the inbox and is taken again
                    "contacts.inbox.take-once", "false",
                    "observe.port", String.valueOf(DropHarness.freePort()),
                    "genesys.retry.backoff-initial-ms", "200",
                    "genesys.retry.backoff-max-ms", "2000",
                    "genesys.circuit.open-seconds", "10")));
            org.control.put("/sandbox/faults/random", "{'errorRate':0.05,'slowRate':0.02,'slowMs':500,"
                    + "'dropRate':0.01}");
            Process first = OutboundSyncProcess.start(Path.of("config"), dataDir, "run", settings, log);
            Files.createDirectories(dataDir.resolve("inbox/contacts/demo"));
            Files.move(drop, dataDir.resolve("inbox/contacts/demo/soak.csv"));
            LongSupplier uploaded = org::acknowledgedContacts;

            await("10% uploaded").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> uploaded.getAsLong() >= ROWS / 10 || !first.isAlive());
            assertThat(first.isAlive()).as("the first run is working (log %s)", log).isTrue();
            storm(org);
            await("25% uploaded").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> uploaded.getAsLong() >= ROWS / 4 || !first.isAlive());
            assertThat(first.isAlive()).as("the first run is still working when it is killed").isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long atKill = uploaded.getAsLong();

            Process second = OutboundSyncProcess.start(Path.of("config"), dataDir, "run", settings, log);
            try {
                await("half uploaded").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> uploaded.getAsLong() >= ROWS / 2 || !second.isAlive());
                assertThat(second.isAlive()).as("the second run is working (log %s)", log).isTrue();
                org.control.post("/sandbox/faults", "{'path':'/api/v2/','status':503,'retryAfter':'1','forMs':"
                        + OUTAGE_MS + "}");
                long outageEnds = System.currentTimeMillis() + OUTAGE_MS;
                await("the outage ends").atMost(Duration.ofMillis(OUTAGE_MS + 5_000))
                        .until(() -> System.currentTimeMillis() > outageEnds);
                await("70% uploaded").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> uploaded.getAsLong() >= ROWS * 7L / 10 || !second.isAlive());
                storm(org);
                Path summaryFile = dataDir.resolve("reports/soak.csv.summary.json");
                await("the drop completes").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                        .until(() -> completed(summaryFile) || !second.isAlive());
                assertThat(second.isAlive()).as("the second run is still up (log %s)", log).isTrue();
            } finally {
                second.destroy(); // SIGTERM: the shutdown hook closes the run
                second.waitFor(60, TimeUnit.SECONDS);
                second.destroyForcibly();
            }

            // what was injected, from the sandbox's journal, before the faults are turned off to check the result
            Map<String, Integer> injected = new TreeMap<>();
            org.control.journal("/api/v2/").forEach(e -> {
                if (!e.path("fault").isNull() && !e.path("fault").asText().isEmpty()) {
                    injected.merge(e.path("fault").asText(), 1, Integer::sum);
                }
            });
            org.control.put("/sandbox/faults/random", "{'errorRate':0,'slowRate':0,'dropRate':0}");
            org.control.delete("/sandbox/faults");

            JsonNode summary = org.summary("soak.csv");
            long accepted = summary.get("accepted").asLong();
            long rejected = summary.get("rejected").asLong();
            long byReason = 0;
            for (JsonNode n : summary.get("rejectedByReason")) {
                byReason += n.asLong();
            }
            assertThat(summary.get("status").asText()).isEqualTo("COMPLETED_WITH_REJECTS");
            assertThat(summary.get("rowsRead").asLong()).isEqualTo(ROWS);
            assertThat(accepted + rejected).isEqualTo(ROWS);
            assertThat(byReason).isEqualTo(rejected);
            assertThat(summary.get("uploaded").asLong() + summary.get("unchanged").asLong()).isEqualTo(accepted);
            // as an uninterrupted run ends: every 500th row repeats the id before it with consent no, and that
            // withdrawal wins over the whole drop: the contact is never sent, so nothing needs withdrawing in Genesys
            assertThat(summary.get("withdrawn").asLong()).isZero();
            assertThat(org.rejects("soak.csv")).as("the accepting row of each contact a later row withdrew")
                    .filteredOn(l -> l.contains("a withdrawal anywhere in the drop wins")).hasSize(ROWS / 500);
            // a 429 storm is waited out, never a failed drop (the outage may fail it: the circuit opens)
            assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains("did not take the contacts")
                    && l.contains("statusCode: 429"));
            assertThat(summary.get("unchanged").asLong()).as("acknowledged before the kill and the outage, not sent"
                    + " again").isGreaterThanOrEqualTo(atKill - 2_000);
            assertThat(org.rejects("soak.csv")).as("a header and one line a reject").hasSize((int) rejected + 1);
            assertThat(dataDir.resolve("inbox/contacts/demo/soak.csv")).doesNotExist();
            String listId = org.listId("Demo Renewals");
            assertThat(org.size(listId)).as("contacts in Genesys").isEqualTo(accepted);

            // Genesys exactly as the ledger says: the list exported and compared with the ledger, contact by contact
            io.outboundsync.contacts.reconcile.Reconciliation reconciled;
            try (Pipeline check = org.pipeline(Map.of("pipeline.tool", "true"))) {
                reconciled = check.reconcile("demo", false);
            }
            assertThat(reconciled.isInAgreement()).as("reconcile: %s", reconciled).isTrue();
            assertThat(reconciled.getAgree()).isEqualTo(accepted);

            assertThat(injected).containsKeys("drop", "error", "scripted 429", "scripted 503");
            // an outage is not a hailstorm of retries: the circuit lets a few probes through, not every attempt of
            // every batch (without it: five attempts a batch in flight, a new poll of the drop every 100 ms)
            assertThat(injected.get("scripted 503")).as("requests that met the 60 s outage")
                    .isLessThan((int) (OUTAGE_MS / 1000));
            assertThat(injected.keySet()).anyMatch(k -> k.startsWith("slow"));
            System.out.printf("contacts soak: %d rows, %d accepted, %d rejected; uploaded %d, recognised after the"
                    + " kill/outage %d; %d acknowledged before the kill; injected %s; Genesys = ledger for %d"
                    + " contacts%n", ROWS, accepted, rejected, summary.get("uploaded").asLong(),
                    summary.get("unchanged").asLong(), atKill, injected, reconciled.getAgree());
        }
    }

    /** A 429 storm on the contact uploads: 30 answers in a row with Retry-After 1. */
    private static void storm(DropHarness org) {
        org.control.post("/sandbox/faults", "{'path':'" + UPLOADS + "','method':'POST','status':429,'times':30,"
                + "'retryAfter':'1'}");
    }

    private static boolean completed(Path summaryFile) {
        try {
            return Files.exists(summaryFile) && DropHarness.JSON.readTree(summaryFile.toFile()).path("status")
                    .asText().startsWith("COMPLETED");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
