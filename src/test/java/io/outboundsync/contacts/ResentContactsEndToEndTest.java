package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.testing.DropHarness;
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
 * The CRM sends a contact again after the dialer has called it: Genesys updates the contact, and by default keeps
 * its place in the dialing queue, so it is not dialed a second time (every add says so: {@code doNotQueue=true},
 * {@code clearSystemData=false}, {@code priority=false}). A campaign file may ask otherwise ({@code contacts.upsert}).
 * The sandbox models the queue and reads a flag left out as Genesys' "false", the reading that redials.
 */
class ResentContactsEndToEndTest {

    private static final String HEADER = "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,"
            + "engagementScore,lifetimeValue,leadAgeDays\n";

    /** The demo campaign file's flags, the defaults written out. */
    private static final String DEMO_FLAGS = "upsert: { priority: false, clearSystemData: false, doNotQueue: true }";

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

    private static String rows(String firstName) {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 1; i <= 3; i++) {
            rows.append("CRM-").append(i).append(',').append(firstName).append(",Lopez,(317) 201-445").append(i)
                    .append(",ana@example.com,yes,no,42,North,7.5,1200,30\n");
        }
        return rows.toString();
    }

    @Test
    void aContactAlreadyDialedAndSentAgainIsUpdatedButNotDialedAgain() throws Exception {
        syncCampaign();
        org.drop("demo", "day1.csv", rows("Ana"));
        org.runOnce();
        assertThat(dialable()).containsExactly("CRM-1", "CRM-2", "CRM-3");
        assertThat(dial(2)).containsExactly("CRM-1", "CRM-2");

        org.drop("demo", "day2.csv", rows("Anna"));
        org.runOnce();
        assertThat(org.summary("day2.csv").get("uploaded").asLong()).isEqualTo(3);
        String listId = org.listId("Demo Renewals");
        assertThat(org.contacts(listId, List.of("CRM-1", "CRM-2", "CRM-3")))
                .allSatisfy(c -> assertThat(c.get("data").get("firstName").asText()).isEqualTo("Anna"));
        // updated, yet the two dialed stay out of the queue: only the one never dialed is still to be dialed
        assertThat(dialable()).containsExactly("CRM-3");
        assertThat(addQueries()).isNotEmpty()
                .allSatisfy(q -> assertThat(q).isEqualTo("priority=false&clearSystemData=false&doNotQueue=true"));
    }

    @Test
    void aCampaignFileCanAskForContactsSentAgainToBeQueuedAgainFirst() throws Exception {
        Path file = configDir.resolve("campaigns/demo.yaml");
        Files.writeString(file, Files.readString(file).replace(DEMO_FLAGS,
                "upsert: { doNotQueue: false, priority: true }"));
        syncCampaign();
        org.drop("demo", "day1.csv", rows("Ana"));
        org.runOnce();
        // each new contact was added "to be dialed next"
        assertThat(dial(3)).containsExactly("CRM-3", "CRM-2", "CRM-1");

        org.drop("demo", "day2.csv", HEADER + rows("Anna").lines().skip(2).findFirst().orElseThrow() + "\n");
        org.runOnce();
        assertThat(dialable()).containsExactly("CRM-2");
        assertThat(addQueries()).last().isEqualTo("priority=true&clearSystemData=false&doNotQueue=false");
    }

    @Test
    void aMistypedFlagStopsTheCampaignFileWithItsLine() throws Exception {
        Path file = configDir.resolve("campaigns/demo.yaml");
        Files.writeString(file, Files.readString(file).replace(DEMO_FLAGS,
                "upsert: { doNotQueu: false }"));
        assertThatThrownBy(() -> ContactConfig.load(configDir, file))
                .hasMessageContaining("contacts.upsert.doNotQueu").hasMessageContaining("doNotQueue");
    }

    private void syncCampaign() {
        org.applyCampaigns();
    }

    private List<String> dialable() {
        return org.dialable("Demo Renewals");
    }

    /** The dialer takes the first contacts of the queue (the campaign on, as Genesys dials only one that is). */
    private List<String> dial(int count) {
        return org.dial("Demo Renewals", count);
    }

    private List<String> addQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode e : org.control.journal("/api/v2/outbound/contactlists/")) {
            if (e.get("method").asText().equals("POST") && e.get("path").asText().endsWith("/contacts")) {
                queries.add(e.path("query").asText());
            }
        }
        return queries;
    }
}
