package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample drop through the whole flow, against a sandbox over real HTTP. */
class ContactDropEndToEndTest {

    @TempDir
    Path dataDir;

    private DropHarness harness;

    @BeforeEach
    void start() {
        harness = new DropHarness(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String sample() throws Exception {
        return Files.readString(Path.of("config/samples/demo-contacts.csv"));
    }

    @Test
    void aDroppedFileEndsAsContactsReadBackThroughTheApi() throws Exception {
        Path dropped = harness.drop("demo", "renewals.csv", sample());

        assertThat(harness.runOnce()).containsValue(Drop.Status.COMPLETED_WITH_REJECTS);

        JsonNode summary = harness.summary("renewals.csv");
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED_WITH_REJECTS");
        assertThat(summary.get("rowsRead").asLong()).isEqualTo(30);
        assertThat(summary.get("uploaded").asLong()).isEqualTo(18);
        assertThat(summary.get("accepted").asLong()).isEqualTo(18);
        assertThat(summary.get("rejected").asLong()).isEqualTo(12);
        assertThat(summary.get("duplicatesInDrop").asLong()).isEqualTo(1);
        assertThat(summary.get("unchanged").asLong()).isZero();
        assertThat(summary.get("sharedPhoneNumbers").asLong()).isEqualTo(1);
        assertThat(summary.get("fileSha256").asText()).hasSize(64);
        assertThat(summary.get("rejectedByReason").get("CONSENT_MISSING").asLong()).isEqualTo(3);

        String listId = harness.listId("Demo Renewals");
        assertThat(summary.get("contactListId").asText()).isEqualTo(listId);
        assertThat(harness.size(listId)).isEqualTo(18);
        List<JsonNode> read = harness.contacts(listId, List.of("CRM-10001", "CRM-10006", "CRM-10007", "CRM-10015"));
        assertThat(read).hasSize(3); // CRM-10015 had no consent
        JsonNode ana = read.get(0).get("data");
        assertThat(ana.get("phone").asText()).isEqualTo("+13172014455");
        assertThat(ana.get("consent").asText()).isEqualTo("true");
        assertThat(ana.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(ana.has("crmOwner")).isFalse();
        assertThat(read.get(1).get("data").get("phone").asText()).isEqualTo("+442079460958");
        assertThat(read.get(1).get("data").get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(read.get(2).get("data").get("firstName").asText()).isEqualTo("Greta \"G\"");

        assertThat(dropped).doesNotExist();
        assertThat(Files.list(dataDir.resolve("processed")).findFirst().orElseThrow().resolve("renewals.csv"))
                .exists();
        List<String> rejects = harness.rejects("renewals.csv");
        assertThat(rejects.get(0)).isEqualTo("row,externalId,reasons,details");
        assertThat(rejects).hasSize(13).anyMatch(l -> l.startsWith("24,CRM-10002,DUPLICATE_IN_DROP"));
        assertThat(String.join("\n", rejects)).doesNotContain("@example").doesNotContain("201-44");

        // the drop's event, once (the run's audit.checkpoint goes to the CDP too)
        await().atMost(Duration.ofSeconds(10)).until(() -> cdpEvents("contacts.synced").size() == 1);
        JsonNode event = cdpEvents("contacts.synced").get(0);
        assertThat(event.get("data").get("uploaded").asLong()).isEqualTo(18);
        assertThat(event.get("data").get("contactListId").asText()).isEqualTo(listId);

        String audit = Files.readString(Files.list(dataDir.resolve("audit")).findFirst().orElseThrow());
        assertThat(audit).contains("\"type\":\"contacts.drop\"").contains("\"uploaded\":18")
                .doesNotContain("@example").doesNotContain("+1317");
        // the drop's record says how long it took, its share of rejected rows and where it went
        JsonNode drop = audit.lines().map(l -> {
            try {
                return DropHarness.JSON.readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(r -> "contacts.drop".equals(r.get("type").asText())).findFirst().orElseThrow();
        assertThat(drop.at("/details/latencyMs").asLong()).isEqualTo(summary.get("durationMs").asLong());
        assertThat(drop.at("/details/errorRate").asDouble()).isEqualTo(0.4);
        assertThat(drop.at("/details/target").asText()).startsWith("live: ");
    }

    private List<JsonNode> cdpEvents(String type) {
        List<JsonNode> events = new java.util.ArrayList<>();
        harness.control.get("/sandbox/webhooks?name=cdp").forEach(w -> {
            if (type.equals(w.get("body").get("type").asText())) {
                events.add(w.get("body"));
            }
        });
        return events;
    }

    @Test
    void aSecondDropOfTheSameFileUploadsNothing() throws Exception {
        harness.drop("demo", "renewals.csv", sample());
        harness.runOnce();
        long requestsAfterFirst = harness.addContactRequests();

        harness.drop("demo", "renewals.csv", sample());
        harness.drop("demo", "renewals-again.csv", sample());
        Map<Path, Drop.Status> second = harness.runOnce();

        assertThat(second.values()).containsExactlyInAnyOrder(Drop.Status.SKIPPED,
                Drop.Status.COMPLETED_WITH_REJECTS);
        JsonNode again = harness.summary("renewals-again.csv");
        assertThat(again.get("uploaded").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(18);
        assertThat(harness.addContactRequests()).isEqualTo(requestsAfterFirst);
        assertThat(harness.size(harness.listId("Demo Renewals"))).isEqualTo(18);
    }

    @Test
    void uploadsOnlyTheRowsThatChanged() throws Exception {
        harness.drop("demo", "day1.csv", sample());
        harness.runOnce();

        harness.drop("demo", "day2.csv", sample().replace("CRM-10004,Dev,Patel,3172014458", "CRM-10004,Dev,Patel-Shah,3172014458"));
        harness.runOnce();

        JsonNode day2 = harness.summary("day2.csv");
        assertThat(day2.get("uploaded").asLong()).isEqualTo(1);
        assertThat(day2.get("unchanged").asLong()).isEqualTo(17);
        String listId = harness.listId("Demo Renewals");
        assertThat(harness.contacts(listId, List.of("CRM-10004")).get(0).get("data").get("lastName").asText())
                .isEqualTo("Patel-Shah");
    }

    @Test
    void isolatesTheRowsGenesysRefusesAndStillSendsTheRest() throws Exception {
        harness.control.put("/sandbox/contacts/refuse", "{'pattern':'CRM-1000[37]'}");
        harness.drop("demo", "refused.csv", sample());

        harness.runOnce();

        JsonNode summary = harness.summary("refused.csv");
        assertThat(summary.get("uploaded").asLong()).isEqualTo(16);
        assertThat(summary.get("rejectedByReason").get("API_REJECTED").asLong()).isEqualTo(2);
        assertThat(harness.size(harness.listId("Demo Renewals"))).isEqualTo(16);
        assertThat(harness.rejects("refused.csv")).anyMatch(l -> l.startsWith("3,CRM-10003,API_REJECTED,")
                && l.contains("refused"));
    }

    @Test
    void losesNoContactWhileTheServiceAnswers429And503() throws Exception {
        harness.control.post("/sandbox/faults", "{'path':'/api/v2/outbound/contactlists/','method':'POST',"
                + "'status':429,'times':2,'retryAfter':'0'}");
        harness.control.post("/sandbox/faults", "{'path':'/api/v2/outbound/contactlists/','method':'POST',"
                + "'status':503,'times':2}");
        StringBuilder big = new StringBuilder(sample().lines().findFirst().orElseThrow()).append('\n');
        for (int i = 0; i < 5000; i++) {
            big.append("X-").append(i).append(",First,Last,+1317201").append(String.format("%04d", i))
                    .append(",p").append(i).append("@example.com,yes,no,40,North,5,100,10,owner\n");
        }
        harness.drop("demo", "big.csv", big.toString());

        assertThat(harness.runOnce()).containsValue(Drop.Status.COMPLETED);

        assertThat(harness.summary("big.csv").get("uploaded").asLong()).isEqualTo(5000);
        assertThat(harness.size(harness.listId("Demo Renewals"))).isEqualTo(5000);
        List<Integer> statuses = harness.control.journal("/api/v2/outbound/contactlists/").stream()
                .filter(e -> e.get("method").asText().equals("POST")).map(e -> e.get("status").asInt()).toList();
        assertThat(statuses).contains(429, 503);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(5);
    }
}
