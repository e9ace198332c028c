package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

        // the same rows again: Genesys has both uncallable as they are, so nothing is sent (a contact made callable
        // again behind our back is what `contacts reconcile` finds, withdrawnButCallableInGenesys, and repairs)
        int before = org.control.journal("/api/v2/").size();
        org.drop("demo", "day3.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "yes")
                + row("CRM-2", "(317) 201-4456", "no", "no"));
        org.runOnce();
        assertThat(org.summary("day3.csv").get("withdrawn").asLong()).isZero();
        assertThat(org.summary("day3.csv").get("unchanged").asLong()).isZero();
        assertThat(org.summary("day3.csv").get("rejected").asLong()).isEqualTo(2);
        assertThat(changes(before)).isEmpty();

        // a withdrawn contact with a new number: withdrawn again, the new number on the DNC list too
        org.drop("demo", "day4.csv", HEADER + row("CRM-2", "(317) 201-4499", "no", "no"));
        org.runOnce();
        assertThat(org.summary("day4.csv").get("withdrawn").asLong()).isEqualTo(1);
        assertThat(dncNumbers()).contains("+13172014499", "+13172014456");
        assertThat(org.contacts(listId, List.of("CRM-2"))).singleElement()
                .satisfies(c -> assertThat(c.get("callable").asBoolean()).isFalse());
    }

    /** Within one drop, a row that says "do not call" wins over the contact's other rows, before or after it. */
    /**
     * Reproduced: an accepting row and a later withdrawing row of one contact uploaded it callable, then withdrew
     * it. The decision is made over the whole drop before anything is sent: a withdrawal anywhere in it wins.
     */
    @Test
    void inOneDropTheWithdrawalWinsWhicheverRowComesFirst() throws Exception {
        org.drop("demo", "mixed.csv", HEADER + row("CRM-1", "(317) 201-4455", "yes", "no")
                + row("CRM-1", "(317) 201-4455", "no", "no")
                + row("CRM-2", "(317) 201-4456", "no", "no")
                + row("CRM-2", "(317) 201-4456", "yes", "no")
                + row("CRM-3", "(317) 201-4457", "yes", "no"));
        org.runOnce();

        JsonNode summary = org.summary("mixed.csv");
        String listId = org.listId("Demo Renewals");
        // neither CRM-1 nor CRM-2 was ever sent: Genesys had neither, so their withdrawals change nothing there
        assertThat(summary.get("uploaded").asLong()).isEqualTo(1);
        assertThat(summary.get("withdrawn").asLong()).isZero();
        assertThat(summary.get("rowsRead").asLong()).isEqualTo(5);
        assertThat(summary.get("rejected").asLong()).isEqualTo(4);
        assertThat(org.contacts(listId, List.of("CRM-1", "CRM-2", "CRM-3"))).singleElement()
                .satisfies(c -> assertThat(c.get("id").asText()).isEqualTo("CRM-3"));
        assertThat(org.addContactRequests()).isEqualTo(1);
        // every row is in the rejects file with its reason, the accepting ones naming the row that withdrew them
        assertThat(org.rejects("mixed.csv")).contains(
                "1,CRM-1,DUPLICATE_IN_DROP,contact CRM-1 is withdrawn by row 2 of this drop (a withdrawal anywhere in"
                        + " the drop wins)",
                "4,CRM-2,DUPLICATE_IN_DROP,contact CRM-2 is withdrawn by row 3 of this drop (a withdrawal anywhere in"
                        + " the drop wins)")
                .anyMatch(l -> l.startsWith("2,CRM-1,CONSENT_MISSING"))
                .anyMatch(l -> l.startsWith("3,CRM-2,CONSENT_MISSING"));
    }

    /**
     * Reproduced: a contact Genesys had, accepted by one row and withdrawn by a later one, was sent callable and
     * then uncallable, in every run of the same file. Now one withdrawal, and the same file again sends nothing.
     */
    @Test
    void aContactGenesysHasIsWithdrawnOnceByADropThatAlsoAcceptsIt() throws Exception {
        syncCampaign();
        StringBuilder day1 = new StringBuilder(HEADER);
        for (int i = 10; i < 60; i++) {
            day1.append(row("CRM-" + i, "(317) 201-44" + i, "yes", "no"));
        }
        org.drop("demo", "day1.csv", day1.toString());
        org.runOnce();
        String listId = org.listId("Demo Renewals");
        assertThat(org.size(listId)).isEqualTo(50);

        // the next export: the 50 contacts, CRM-20 again further down with its consent withdrawn
        String day2 = day1 + row("CRM-20", "(317) 201-4420", "no", "no");
        int before = org.control.journal("/api/v2/").size();
        org.drop("demo", "day2.csv", day2);
        org.runOnce();
        JsonNode summary = org.summary("day2.csv");
        assertThat(summary.get("uploaded").asLong()).isZero();
        assertThat(summary.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(changes(before)).as("requests that change the list or its DNC list").containsExactly(
                "POST /api/v2/outbound/dnclists/{id}/phonenumbers", "POST /api/v2/outbound/contactlists/{id}/contacts");
        assertThat(org.contacts(listId, List.of("CRM-20"))).singleElement()
                .satisfies(c -> assertThat(c.get("callable").asBoolean()).isFalse());
        assertThat(dialable()).hasSize(49).doesNotContain("CRM-20");

        // the same export again, under another name: nothing to send
        before = org.control.journal("/api/v2/").size();
        org.drop("demo", "day3.csv", day2);
        org.runOnce();
        assertThat(org.summary("day3.csv").get("uploaded").asLong()).isZero();
        assertThat(org.summary("day3.csv").get("withdrawn").asLong()).isZero();
        assertThat(changes(before)).as("requests that change the list or its DNC list").isEmpty();
        assertThat(dialable()).hasSize(49).doesNotContain("CRM-20");
    }

    /** The requests after the first {@code from} of the journal that change contacts or DNC numbers. */
    private List<String> changes(int from) {
        List<JsonNode> journal = org.control.journal("/api/v2/");
        List<String> changes = new ArrayList<>();
        for (JsonNode entry : journal.subList(from, journal.size())) {
            String path = entry.get("path").asText().replaceFirst("\\?.*$", "");
            if (!entry.get("method").asText().equals("GET") && (path.contains("/contacts")
                    || path.contains("/phonenumbers"))) {
                changes.add(entry.get("method").asText() + " " + path.replaceAll("/(contactlists|dnclists)/[^/]+/",
                        "/$1/{id}/"));
            }
        }
        return changes;
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
        org.applyCampaigns();
    }

    private String campaignId() {
        return org.campaignId("Demo Renewals");
    }

    /** The contacts the campaign would dial now (the sandbox's dialer view). */
    private List<String> dialable() {
        return org.dialable("Demo Renewals");
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
