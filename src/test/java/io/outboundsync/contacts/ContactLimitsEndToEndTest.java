package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduced (issue 25, point 6): a list past Genesys' 1,000,000 contacts (5,000,000 an org) was neither checked nor
 * enforced by the sandbox. The sandbox refuses an add past its limits with 400, as Genesys does; a drop sends only
 * the new contacts the list and the org still take, and the rest go to the rejects file with the numbers, never as
 * requests Genesys would refuse. The limits are lowered to 25 here (the shipped ones are Genesys').
 */
class ContactLimitsEndToEndTest {

    @TempDir
    Path dataDir;

    private DropHarness org;

    @BeforeEach
    void start() {
        org = new DropHarness(dataDir, Map.of("sandbox.limits.contacts-per-list", "25"));
    }

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void aDropSendsOnlyTheNewContactsTheListStillTakesAndRejectsTheRestWithTheNumbers() throws Exception {
        Map<String, String> limits = Map.of("genesys.limits.contacts-per-list", "25");
        org.drop("demo", "day1.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        org.runOnce(limits);
        String listId = org.listId("Demo Renewals");
        long before = org.size(listId);
        assertThat(before).isEqualTo(org.summary("day1.csv").get("uploaded").asLong()).isLessThan(25);

        org.drop("demo", "day2.csv", DropHarness.generatedDrop("N", 20, 0));
        org.runOnce(limits);

        JsonNode day2 = org.summary("day2.csv");
        long room = 25 - before;
        assertThat(day2.get("uploaded").asLong()).isEqualTo(room);
        assertThat(day2.get("rejectedByReason").get("API_REJECTED").asLong()).isEqualTo(20 - room);
        assertThat(day2.get("accepted").asLong() + day2.get("rejected").asLong()).isEqualTo(20);
        assertThat(org.size(listId)).isEqualTo(25);
        List<String> rejects = org.rejects("day2.csv");
        assertThat(rejects).hasSize((int) (20 - room) + 1);
        assertThat(rejects.get(1)).contains(",API_REJECTED,\"Genesys would refuse it: the contact list 'Demo Renewals'"
                + " held " + before + " contacts and the org " + before + " when this drop's first new contact came,"
                + " and Genesys takes at most 25 contacts a list; this drop's new contacts past that are not sent.");
        // nothing Genesys would refuse was sent
        assertThat(org.control.journal("/api/v2/outbound/contactlists/")).noneMatch(e -> e.get("status").asInt() == 400);

        // and the sandbox refuses what Genesys refuses: one more contact in the full list
        assertThatThrownBy(() -> org.control.post("/api/v2/outbound/contactlists/" + listId + "/contacts",
                "[{'id':'ONE-MORE','contactListId':'" + listId + "','data':{'externalId':'ONE-MORE',"
                        + "'phone':'+13175550123'}}]"))
                .hasMessageStartingWith("400 ").hasMessageContaining("Adding 1 contacts would put contact list "
                        + listId + " at 26 contacts; a contact list holds at most 25.");
    }

    /**
     * An org has at most 1,000 contact lists (here 1): a plan that would create one more is refused with the numbers
     * before anything is sent, and the sandbox refuses the next list with 400, as Genesys does.
     */
    @Test
    void aListPastTheOrgsLimitIsRefusedAtPlanTimeAndByTheSandbox(@TempDir Path other) {
        try (DropHarness small = new DropHarness(other, Map.of("sandbox.limits.contact-lists", "1"))) {
            small.control.post("/api/v2/outbound/contactlists", "{'name':'First','columnNames':['phone'],"
                    + "'phoneColumns':[{'columnName':'phone','type':'cell'}]}");
            try (io.outboundsync.runtime.Pipeline plan = small.pipeline(Map.of("genesys.limits.contact-lists", "1",
                    "pipeline.tool", "true"))) {
                var report = plan.campaigns().planAll().reports().get(0);
                assertThat(report.error()).isEqualTo("contactList 'Demo Renewals' cannot be created: the org has 1"
                        + " contact lists and Genesys allows at most 1 an org. Fix: delete contact lists Genesys no"
                        + " longer needs, or name an existing list in contactList.name");
            }
            assertThatThrownBy(() -> small.control.post("/api/v2/outbound/contactlists", "{'name':'Second',"
                    + "'columnNames':['phone'],'phoneColumns':[{'columnName':'phone','type':'cell'}]}"))
                    .hasMessageStartingWith("400 ")
                    .hasMessageContaining("The organization has 1 contact lists; it may have at most 1.");
        }
    }
}
