package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contact who withdraws consent or asks not to be called after being uploaded is made uncallable in Genesys:
 * the contact is updated to {@code callable: false} and its number goes on the internal DNC list the campaign
 * refers to, so no list of the org dials it. Against a sandbox over real HTTP.
 */
class WithdrawalEndToEndTest {

    private static final String HEADER = "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,"
            + "engagementScore,lifetimeValue,leadAgeDays\n";

    @TempDir
    Path dataDir;
    @TempDir
    Path configDir;

    private DropHarness org;

    @BeforeEach
    void start() throws Exception {
        org = new DropHarness(dataDir, Map.of()).withDemoConfigIn(configDir);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private static String row(String id, String phone, String consent, String doNotCall) {
        return id + ",Ana,Lopez," + phone + ",ana@example.com," + consent + "," + doNotCall + ",42,North,7.5,1200,30\n";
    }

    @Test
    void consentWithdrawnAndDoNotCallAskedAfterUploadMakeBothContactsUncallable() throws Exception {
        syncCampaign();
        org.drop("demo", "day1.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "no")
                + row("CRM-2", "(317) 201-4456", "yes", "no"));
        org.runOnce();
        String listId = org.listId("Demo Renewals");
        assertThat(org.contacts(listId, List.of("CRM-1", "CRM-2")))
                .allSatisfy(c -> assertThat(c.get("callable").asBoolean()).isTrue());
        assertThat(dialable()).containsExactlyInAnyOrder("CRM-1", "CRM-2");

        org.drop("demo", "day2.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "yes")
                + row("CRM-2", "(317) 201-4456", "no", "no"));
        org.runOnce();

        JsonNode summary = org.summary("day2.csv");
        assertThat(summary.get("withdrawn").asLong()).isEqualTo(2);
        assertThat(summary.get("uploaded").asLong()).isZero();
        assertThat(summary.get("rejectedByReason").get("DNC_CONSENT_CONFLICT").asLong()).isEqualTo(1);
        assertThat(summary.get("rejectedByReason").get("CONSENT_MISSING").asLong()).isEqualTo(1);
        List<JsonNode> contacts = org.contacts(listId, List.of("CRM-1", "CRM-2"));
        assertThat(contacts).hasSize(2).allSatisfy(c -> assertThat(c.get("callable").asBoolean()).isFalse());
        assertThat(contacts.get(0).get("data").get("doNotCall").asText()).isEqualTo("true");
        assertThat(contacts.get(1).get("data").get("consent").asText()).isEqualTo("false");
        assertThat(dncNumbers()).contains("+13172014455", "+13172014456");
        assertThat(dialable()).isEmpty();

        // the audit and the CDP webhook say which contacts and why, phones only as pseudonyms
        String audit = auditText();
        assertThat(audit).contains("contacts.withdrawn").contains("CRM-1").contains("CRM-2")
                .contains("DNC_CONSENT_CONFLICT").contains("CONSENT_MISSING").doesNotContain("3172014455");
        // the pseudonyms are keyed with the key the first run generated in the data folder
        var redactor = new io.outboundsync.notify.Redactor(io.outboundsync.notify.PseudonymKey.load(null, dataDir));
        assertThat(audit).contains(redactor.scrub("+13172014455")).contains(redactor.scrub("+13172014456"));
        JsonNode withdrawn = webhook("contacts.withdrawn");
        assertThat(withdrawn.toString()).contains("CRM-1").contains("CRM-2").contains("<phone:")
                .doesNotContain("3172014455");

        // the same rows again: a withdrawal is never skipped as unchanged
        org.drop("demo", "day3.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "yes")
                + row("CRM-2", "(317) 201-4456", "no", "no"));
        org.runOnce();
        assertThat(org.summary("day3.csv").get("withdrawn").asLong()).isEqualTo(2);
        assertThat(org.summary("day3.csv").get("unchanged").asLong()).isZero();
    }

    /** Within one drop, a row that says "do not call" wins over the contact's other rows, before or after it. */
    @Test
    void inOneDropTheWithdrawalWinsWhicheverRowComesFirst() throws Exception {
        org.drop("demo", "mixed.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "no")
                + row("CRM-1", "(317) 201-4455", "no", "no")
                + row("CRM-2", "(317) 201-4456", "no", "no")
                + row("CRM-2", "(317) 201-4456", "yes", "no"));
        org.runOnce();

        JsonNode summary = org.summary("mixed.csv");
        String listId = org.listId("Demo Renewals");
        // CRM-1 was sent, then made uncallable; CRM-2 was never sent (its later row is a duplicate)
        assertThat(summary.get("uploaded").asLong()).isEqualTo(1);
        assertThat(summary.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(org.contacts(listId, List.of("CRM-1", "CRM-2"))).singleElement().satisfies(c -> {
            assertThat(c.get("id").asText()).isEqualTo("CRM-1");
            assertThat(c.get("callable").asBoolean()).isFalse();
        });
        assertThat(org.rejects("mixed.csv")).anyMatch(l -> l.startsWith("4,CRM-2,DUPLICATE_IN_DROP"));
    }

    @Test
    void aContactNeverUploadedIsOnlyRejected() throws Exception {
        org.drop("demo", "day1.csv", HEADER + row("CRM-9", "(317) 201-4459", "no", "no"));
        org.runOnce();
        assertThat(org.summary("day1.csv").get("withdrawn").asLong()).isZero();
        assertThat(org.size(org.listId("Demo Renewals"))).isZero();
    }

    @Test
    void aNumberAddedToTheDoNotCallFileAfterUploadIsOnTheDncListAtTheNextRun() throws Exception {
        syncCampaign();
        org.drop("demo", "day1.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "no"));
        org.runOnce();
        assertThat(dncNumbers()).doesNotContain("+13172014455").contains("+13175550199");

        Files.writeString(configDir.resolve("dnc/internal-dnc.txt"), "+1 (317) 555-0199\n317-201-4455\n",
                StandardCharsets.UTF_8);
        org.runOnce();

        assertThat(dncNumbers()).contains("+13172014455", "+13175550199");
        assertThat(dialable()).isEmpty();
    }

    @Test
    void aContactThatConsentsAgainIsCallableAgainButItsNumberStaysOnTheDncList() throws Exception {
        syncCampaign();
        org.drop("demo", "day1.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "no"));
        org.runOnce();
        org.drop("demo", "day2.csv", HEADER + row("CRM-1", "(317) 201-4455", "no", "no"));
        org.runOnce();
        org.drop("demo", "day3.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "no"));
        org.runOnce();

        String listId = org.listId("Demo Renewals");
        assertThat(org.summary("day3.csv").get("uploaded").asLong()).isEqualTo(1);
        // day 3's row is day 1's, but the contact was made uncallable since: never recognised as unchanged
        assertThat(org.summary("day3.csv").get("unchangedRecognised").asLong()).isZero();
        assertThat(org.contacts(listId, List.of("CRM-1")).get(0).get("callable").asBoolean()).isTrue();
        // removing a number from the DNC list is a person's decision, never automatic
        assertThat(dncNumbers()).contains("+13172014455");
        assertThat(dialable()).isEmpty();
    }

    private void syncCampaign() {
        try (Pipeline pipeline = org.pipeline(Map.of("contacts.inbox.auto-startup", "false"))) {
            assertThat(pipeline.campaigns().applyAll("test").failed()).isFalse();
        }
    }

    private String campaignId() {
        return org.control.get("/api/v2/outbound/campaigns?name=Demo%20Renewals").get("entities").get(0)
                .get("id").asText();
    }

    /** The contacts the campaign would dial now (the sandbox's dialer view). */
    private List<String> dialable() {
        List<String> ids = new ArrayList<>();
        org.control.get("/sandbox/campaigns/" + campaignId() + "/dialable").get("contacts")
                .forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    /** The numbers on the DNC lists the campaign refers to. */
    private List<String> dncNumbers() {
        JsonNode campaign = org.control.get("/api/v2/outbound/campaigns/" + campaignId());
        List<String> numbers = new ArrayList<>();
        assertThat(campaign.path("dncLists").size()).isEqualTo(1);
        for (JsonNode ref : campaign.get("dncLists")) {
            JsonNode list = org.control.get("/api/v2/outbound/dnclists/" + ref.get("id").asText());
            assertThat(list.get("dncSourceType").asText()).isEqualTo("rds");
            org.control.get("/sandbox/dnclists/" + ref.get("id").asText() + "/phonenumbers").get("phoneNumbers")
                    .forEach(n -> numbers.add(n.asText()));
        }
        return numbers;
    }

    private String auditText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dataDir.resolve("audit"))) {
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static JsonNode readJson(String text) {
        try {
            return DropHarness.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode webhook(String type) {
        for (JsonNode event : org.control.get("/sandbox/webhooks?name=cdp")) {
            JsonNode body = readJson(event.get("rawBody").asText());
            if (type.equals(body.path("type").asText())) {
                return body;
            }
        }
        throw new AssertionError("no CDP webhook " + type);
    }
}
