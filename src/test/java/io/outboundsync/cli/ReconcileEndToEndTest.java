package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.testing.CommandLineRun;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contacts reconcile}: a contact deleted in Genesys, one edited there and one added there by someone else are
 * found through the real export API (POST, GET until ready, the CSV downloaded), reported, and repaired from the
 * ledger's last acknowledged values; the one unknown to us is reported and left alone. The sandbox as the live org.
 */
class ReconcileEndToEndTest {

    @TempDir
    Path data;

    @TempDir
    Path config;

    private DropHarness org;
    private CommandLineRun cli;

    @BeforeEach
    void start() throws Exception {
        org = new DropHarness(data, Map.of("sandbox.export-delay-ms", "300"));
        cli = new CommandLineRun(config, data);
        org.withDemoConfigIn(config);
        org.setForCommandLine(Map.of("contacts.reconcile.export-poll-ms", "100"));
    }

    @AfterEach
    void stop() {
        org.clearForCommandLine();
        org.close();
    }

    private List<String> table() {
        return cli.output().lines().filter(l -> l.startsWith("CAMPAIGN") || l.startsWith("demo")).toList();
    }

    private JsonNode lastReport() throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("reports"))) {
            Path newest = files.filter(f -> f.getFileName().toString().startsWith("reconcile-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
            return DropHarness.JSON.readTree(newest.toFile());
        }
    }

    @Test
    void findsWhatChangedInGenesysRepairsItFromTheLedgerAndLeavesTheUnknownAlone() throws Exception {
        org.drop("demo", "renewals.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        assertThat(cli.run("once")).isZero();
        String listId = org.listId("Demo Renewals");
        String contacts = "/api/v2/outbound/contactlists/" + listId + "/contacts";
        // someone else, in Genesys: one contact deleted, one edited, one added
        org.control.delete(contacts + "/CRM-10001");
        ObjectNode edited = (ObjectNode) org.contacts(listId, List.of("CRM-10002")).get(0);
        ((ObjectNode) edited.get("data")).put("firstName", "Edited");
        org.control.put(contacts + "/CRM-10002", edited.toString().replace('"', '\''));
        org.control.post(contacts, "[{'id':'STRANGER-1','contactListId':'" + listId + "','data':{'externalId':"
                + "'STRANGER-1','phone':'+13175550199'}}]");

        assertThat(cli.run("contacts", "reconcile", "demo")).isEqualTo(1);
        assertThat(table()).containsExactly(
                "CAMPAIGN  IN GENESYS  AGREE  MISSING  CHANGED  UNKNOWN  WITHDRAWN-BUT-CALLABLE  REPAIRED",
                "demo              18     16        1        1        1                       0         -");
        JsonNode report = lastReport();
        // the report says which Genesys it compared, as the console's first line does
        assertThat(report.get("target").asText()).isEqualTo(org.target());
        assertThat(report.get("missingInGenesys").asLong()).isEqualTo(1);
        assertThat(report.get("samples").get("missingInGenesys")).containsExactly(
                DropHarness.JSON.getNodeFactory().textNode("CRM-10001"));
        assertThat(report.get("samples").get("changedInGenesys").get(0).asText()).isEqualTo("CRM-10002");
        assertThat(report.get("samples").get("unknownToUs").get(0).asText()).isEqualTo("STRANGER-1");
        assertThat(report.toString()).doesNotContain("+1317").doesNotContain("@example");
        // the export went the real way
        assertThat(org.control.journal("/api/v2/outbound/contactlists/" + listId + "/export"))
                .extracting(e -> e.get("method").asText() + " " + e.get("status").asInt())
                .startsWith("POST 200", "GET 404").endsWith("GET 200");
        // the file's place asked for (never a redirect followed), the file fetched from the storage host without
        // our token (the sandbox refuses a signed URL that comes with one, as a presigned URL does)
        assertThat(org.control.journal("/api/v2/downloads/"))
                .extracting(e -> e.get("query").asText() + " " + e.get("status").asInt())
                .containsExactly("issueRedirect=false 200");
        assertThat(org.control.journal("/sandbox/storage/downloads/"))
                .extracting(e -> e.get("status").asInt()).containsExactly(200);

        assertThat(cli.run("contacts", "reconcile", "demo", "--repair")).isEqualTo(1); // the stranger remains
        assertThat(table()).last().isEqualTo(
                "demo              18     16        1        1        1                       0         2");
        assertThat(org.contacts(listId, List.of("CRM-10001", "CRM-10002"))).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("data").get("firstName").asText()).isNotEqualTo("Edited"));

        assertThat(cli.run("contacts", "reconcile", "demo")).isEqualTo(1);
        assertThat(table()).last().isEqualTo(
                "demo              19     18        0        0        1                       0         -");

        // the stranger leaves Genesys: now the two agree
        org.control.delete(contacts + "/STRANGER-1");
        assertThat(cli.run("contacts", "reconcile", "demo")).isZero();
        assertThat(table()).last().isEqualTo(
                "demo              18     18        0        0        0                       0         -");

        // the audit and the CDP heard of each reconciliation, the audit with the outcome each one found
        String audit;
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            audit = Files.readString(files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow());
        }
        assertThat(audit.lines().map(l -> {
            try {
                return DropHarness.JSON.readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(r -> "contacts.reconciled".equals(r.get("type").asText())).map(r -> r.get("outcome").asText()))
                .containsExactly("differences", "differences", "differences", "ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            int n = 0;
            for (JsonNode w : org.control.get("/sandbox/webhooks?name=cdp")) {
                n += "contacts.reconciled".equals(w.get("body").get("type").asText()) ? 1 : 0;
            }
            return n == 4;
        });
    }

    /**
     * The storage host that serves the export's file fails: a passing failure (503) is tried again; one that is not
     * (403, an expired signature) ends the reconciliation, said with the host and the status and never the signed
     * URL, which is a credential.
     */
    @Test
    void aFailingStorageHostIsRetriedThenSaidWithoutTheSignedUrl() throws Exception {
        org.drop("demo", "renewals.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        assertThat(cli.run("once")).isZero();
        org.control.post("/sandbox/faults", "{'path':'/sandbox/storage/','status':503,'times':2}");
        assertThat(cli.run("contacts", "reconcile", "demo")).isZero();
        assertThat(org.control.journal("/sandbox/storage/downloads/"))
                .extracting(e -> e.get("status").asInt()).containsExactly(503, 503, 200);

        org.control.post("/sandbox/faults", "{'path':'/sandbox/storage/','status':403,'times':5}");
        assertThat(cli.run("contacts", "reconcile", "demo")).isNotZero();
        assertThat(cli.errors()).contains("could not be downloaded from 127.0.0.1: it answered 403")
                .doesNotContain("X-Amz-Signature").doesNotContain("/sandbox/storage/");
        assertThat(cli.output()).doesNotContain("X-Amz-Signature");
        assertThat(org.control.journal("/sandbox/storage/downloads/")).hasSize(4);
    }

    /** contacts.reconcile.cron: `run` reconciles every campaign on the schedule (report only). */
    @Test
    void runReconcilesOnItsSchedule() throws Exception {
        org.drop("demo", "renewals.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        assertThat(cli.run("once")).isZero();
        String listId = org.listId("Demo Renewals");
        org.control.delete("/api/v2/outbound/contactlists/" + listId + "/contacts/CRM-10001");

        Map<String, String> settings = new java.util.HashMap<>(org.pipelineSettings(Map.of(
                "observe.enabled", "false", "contacts.reconcile.cron", "0/2 * * * * ?",
                "contacts.reconcile.export-poll-ms", "100")));
        try (io.outboundsync.runtime.Pipeline run = io.outboundsync.runtime.Pipeline.start(
                io.outboundsync.config.Settings.of(settings), config, data, "run")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.list(data.resolve("reports"))
                    .anyMatch(f -> f.getFileName().toString().startsWith("reconcile-")));
        }
        JsonNode report = lastReport();
        assertThat(report.get("trigger").asText()).isEqualTo("schedule");
        assertThat(report.get("missingInGenesys").asLong()).isEqualTo(1);
        assertThat(report.get("repair").asBoolean()).isFalse();
    }
}
