package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sustained Genesys outage during a drop: the circuit opens, the calls after it fail fast, the drop stops and stays
 * in the inbox with what Genesys acknowledged recorded, and the alerts receiver hears of the opening and of the
 * failed drop (signed, like the other receivers); the next run after the outage finishes the drop. Real HTTP to
 * the sandbox.
 */
class AlertsEndToEndTest {

    @TempDir
    Path dataDir;

    private DropHarness org;

    @BeforeEach
    void start() {
        org = new DropHarness(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private static String drop(int rows) {
        return DropHarness.generatedDrop("O", rows, 0);
    }

    private List<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        org.control.get("/sandbox/webhooks?name=alerts").forEach(alerts::add);
        return alerts;
    }

    @Test
    void anOutageOpensTheCircuitStopsTheDropAndRaisesAlerts() throws Exception {
        Map<String, String> outage = new java.util.HashMap<>(Map.of("genesys.contacts.batch-size", "50",
                "genesys.retry.max-attempts", "2", "genesys.retry.backoff-initial-ms", "10",
                "genesys.retry.backoff-max-ms", "20", "genesys.circuit.minimum-calls", "4",
                "genesys.circuit.window-calls", "4", "genesys.circuit.failure-rate-percent", "100",
                "genesys.circuit.open-seconds", "60", "genesys.contacts.upload-concurrency", "1"));
        outage.put("notify.alerts.url", org.sandbox.baseUrl() + "/sandbox/webhooks/alerts");
        outage.put("notify.alerts.secret", "alerts-secret");
        org.drop("demo", "outage.csv", drop(1000));
        // the first two batches land; then every upload answers 503
        org.control.post("/sandbox/faults", "{'method':'POST','path':'/api/v2/outbound/contactlists/','status':503,"
                + "'times':1000,'after':2}");
        org.runOnce(outage);

        JsonNode summary = org.summary("outage.csv");
        assertThat(summary.get("status").asText()).isEqualTo("FAILED");
        // the batch that failed first (503 after its attempts) stopped it; the uploads after it were refused at once
        assertThat(summary.get("error").asText()).contains("503").contains("stays in the inbox");
        assertThat(Files.exists(dataDir.resolve("inbox/contacts/demo/outage.csv"))).as("stays in the inbox").isTrue();
        // fail fast: only the four attempts that opened the circuit reached Genesys (one upload thread here: with two,
        // the calls in flight when it opens, and successes finishing between failures in the count-based window,
        // make the count vary by a few)
        long refused = org.control.journal("/api/v2/outbound/contactlists/").stream()
                .filter(e -> e.get("status").asInt() == 503).count();
        assertThat(refused).isEqualTo(4);

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() >= 2);
        List<String> kinds = alerts().stream().map(a -> a.get("body").get("type").asText()).toList();
        assertThat(kinds).contains("alert.circuit_open", "alert.drop_failed");
        JsonNode dropFailed = alerts().stream().filter(a -> a.get("body").get("type").asText()
                .equals("alert.drop_failed")).findFirst().orElseThrow();
        assertThat(dropFailed.get("headers").get("X-Signature").asText()).startsWith("sha256=");
        assertThat(dropFailed.get("body").get("data").get("file").asText()).isEqualTo("outage.csv");
        assertThat(dropFailed.toString()).doesNotContain("@example.com").doesNotContain("+1317");

        // Genesys is back: the next run finishes the drop; the contacts acknowledged before are not sent again
        org.control.delete("/sandbox/faults");
        assertThat(org.runOnce(outage)).containsValue(Drop.Status.COMPLETED);
        JsonNode done = org.summary("outage.csv");
        assertThat(done.get("uploaded").asLong() + done.get("unchanged").asLong()).isEqualTo(1000);
        assertThat(done.get("unchanged").asLong()).isEqualTo(summary.get("uploaded").asLong()).isPositive();
        assertThat(org.size(org.listId("Demo Renewals"))).isEqualTo(1000);
    }

    /** While the circuit is open, `run` leaves a new drop in the inbox; once it closes, the drop goes through. */
    @Test
    void runLeavesNewDropsInTheInboxWhileTheCircuitIsOpen() throws Exception {
        try (Pipeline run = Pipeline.start(io.outboundsync.config.Settings.of(org.pipelineSettings(Map.of(
                "observe.enabled", "false", "contacts.inbox.poll-delay-ms", "100", "contacts.inbox.take-once",
                "false"))), Path.of("config"), dataDir,
                "run")) {
            run.circuit().breaker().transitionToOpenState();
            org.drop("demo", "held.csv", drop(2500));
            // held for fifteen polls of the inbox: still there, no summary, all along
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> Files.exists(
                    dataDir.resolve("inbox/contacts/demo/held.csv"))
                    && !Files.exists(dataDir.resolve("reports/held.csv.summary.json")));
            assertThat(org.control.journal("/api/v2/outbound/contactlists/")).isEmpty();

            run.circuit().breaker().transitionToClosedState();
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(
                    dataDir.resolve("reports/held.csv.summary.json")));
            assertThat(org.summary("held.csv").get("uploaded").asLong()).isEqualTo(2500);
            // and it resumed with smaller batches that grew back (tutorial 003): 2,500 contacts in batches of 1,000
            // would be 3 requests; from 100, doubling as each lands, at least 100+200+400+800+1000
            long uploads = org.control.journal("/api/v2/outbound/contactlists/").stream()
                    .filter(e -> e.get("method").asText().equals("POST") && e.get("path").asText().endsWith("/contacts")
                            && e.get("status").asInt() == 200).count();
            assertThat(uploads).isBetween(5L, 25L);
            assertThat(run.batchPace().cap()).isEqualTo(1000);
        }
    }

    /** A campaign sync that fails raises alert.campaign_sync_failed, naming the campaign and the error. */
    @Test
    void aFailedCampaignSyncRaisesAnAlert() {
        Map<String, String> settings = new java.util.HashMap<>(org.pipelineSettings(Map.of()));
        settings.put("notify.alerts.url", org.sandbox.baseUrl() + "/sandbox/webhooks/alerts");
        settings.put("notify.alerts.secret", "alerts-secret");
        // Genesys refuses the rule set the campaign file declares
        org.control.post("/sandbox/faults", "{'method':'POST','path':'/api/v2/outbound/rulesets','status':400,"
                + "'times':10}");
        try (Pipeline pipeline = Pipeline.start(io.outboundsync.config.Settings.of(settings), Path.of("config"),
                dataDir, "test")) {
            assertThat(pipeline.campaigns().applyAll("test").failed()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream().anyMatch(a -> a.get("body")
                .get("type").asText().equals("alert.campaign_sync_failed")));
        JsonNode alert = alerts().stream().filter(a -> a.get("body").get("type").asText()
                .equals("alert.campaign_sync_failed")).findFirst().orElseThrow().get("body").get("data");
        assertThat(alert.get("campaign").asText()).isEqualTo("demo");
        assertThat(alert.get("error").asText()).contains("400");
    }

    /**
     * Rules that contradict each other (tutorial 004) refuse their campaign, and are counted and alerted, not only
     * written in the log: alert.rule_conflict names the campaign and the pair by name and line, once per file.
     */
    @Test
    void conflictingRulesAreCountedAndAlerted(@TempDir Path config) throws Exception {
        org.withDemoConfigIn(config);
        Path demo = config.resolve("campaigns/demo.yaml");
        Files.writeString(demo, Files.readString(demo).replace("      - callbackInMinutes: 60",
                "      - doNotDial: true"));
        Map<String, String> settings = new java.util.HashMap<>(org.pipelineSettings(Map.of()));
        settings.put("notify.alerts.url", org.sandbox.baseUrl() + "/sandbox/webhooks/alerts");
        settings.put("notify.alerts.secret", "alerts-secret");
        try (Pipeline pipeline = Pipeline.start(io.outboundsync.config.Settings.of(settings), config, dataDir,
                "test")) {
            pipeline.campaigns().applyAll("test");
            pipeline.campaigns().applyAll("test");
            assertThat(pipeline.meters().registry().get("outboundsync.campaigns.rule.conflicts")
                    .tag("campaign", "demo").counter().count()).isEqualTo(2.0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream().anyMatch(a -> a.get("body")
                .get("type").asText().equals("alert.rule_conflict")));
        List<JsonNode> raised = alerts().stream().filter(a -> a.get("body").get("type").asText()
                .equals("alert.rule_conflict")).toList();
        assertThat(raised).as("once for the file, not at every sync").hasSize(1);
        JsonNode data = raised.get(0).get("body").get("data");
        assertThat(data.get("campaign").asText()).isEqualTo("demo");
        assertThat(data.get("conflicts").get(0).asText()).startsWith("line ")
                .contains("'VIP caller id' (line 92) and 'Young leads first' (line 98) can match the same contact and");
    }

    /**
     * An audit record that cannot be written raises alert.audit_failed, and waits in the spool. The day's audit file is
     * replaced by a folder of the same name: appending to it fails even for root, where a read-only mode would not
     * stop the write.
     */
    @Test
    void anAuditWriteFailureRaisesAnAlert() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(org.pipelineSettings(Map.of()));
        settings.put("notify.alerts.url", org.sandbox.baseUrl() + "/sandbox/webhooks/alerts");
        settings.put("notify.alerts.secret", "alerts-secret");
        try (Pipeline pipeline = Pipeline.start(io.outboundsync.config.Settings.of(settings), Path.of("config"),
                dataDir, "test")) {
            Path day;
            try (var files = Files.list(dataDir.resolve("audit"))) {
                day = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
            }
            long written = pipeline.audit().head().seq();
            Files.delete(day);
            Files.createDirectory(day);

            // the record is not lost: chained, it waits in the spool
            pipeline.audit().append("test.record", "test", "subject", "ok", io.outboundsync.support.Details.of("n", 1));
            assertThat(pipeline.audit().spooled()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> alerts().stream().anyMatch(a -> a.get("body")
                    .get("type").asText().equals("alert.audit_failed")));
            JsonNode alert = alerts().stream().filter(a -> a.get("body").get("type").asText()
                    .equals("alert.audit_failed")).findFirst().orElseThrow();
            assertThat(alert.get("headers").get("X-Signature").asText()).startsWith("sha256=");
            assertThat(alert.get("body").get("data").get("problem").asText()).contains(day.getFileName().toString())
                    .contains("they wait, chained, in " + dataDir.resolve("state/audit-spool.jsonl"));
            // the chain holds it, and the file gets it once the folder takes writes again
            assertThat(pipeline.audit().head().seq()).isEqualTo(written + 1);
            Files.delete(day);
            assertThat(pipeline.audit().drainSpool()).isEqualTo(1);
            assertThat(Files.readAllLines(day)).last().asString().contains("\"type\":\"test.record\"");
        }
    }
}
