package io.outboundsync.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.runtime.Pipeline;
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
 * What a synced campaign does once Genesys dials it, against the sandbox's dialer: it keeps running when its list
 * is dialed through, so contacts the CRM sends later are dialed ({@code alwaysRunning}); and a sync adds our DNC
 * list to the campaign's, never detaching one an admin attached in Genesys unless the file lists them all.
 */
class CampaignDialingEndToEndTest {

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

    private static String row(String id, String phone) {
        return id + ",Ana,Lopez," + phone + ",ana@example.com,yes,no,42,North,7.5,1200,30\n";
    }

    private void edit(String from, String to) throws Exception {
        Path file = configDir.resolve("campaigns/demo.yaml");
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void anAlwaysRunningCampaignDialsContactsSyncedAfterItsListWasDialedThrough() throws Exception {
        CampaignSync.Report applied = apply();
        assertThat(applied.notes()).anySatisfy(n -> assertThat(n).startsWith("always running: yes"));
        assertThat(campaign().get("alwaysRunning").asBoolean()).isTrue();
        org.drop("demo", "day1.csv", HEADER + row("CRM-1", "(317) 201-4451"));
        org.runOnce();
        assertThat(dialAll()).containsExactly("CRM-1");
        assertThat(status()).isEqualTo("on");

        org.drop("demo", "day2.csv", HEADER + row("CRM-2", "(317) 201-4452"));
        org.runOnce();
        assertThat(dialAll()).containsExactly("CRM-2");
    }

    @Test
    void aCampaignThatIsNotAlwaysRunningCompletesWhenItsListIsDialedThrough() throws Exception {
        edit("  timeZone: America/Indiana/Indianapolis\n",
                "  timeZone: America/Indiana/Indianapolis\n  alwaysRunning: false\n");
        assertThat(apply().notes()).anySatisfy(n -> assertThat(n).startsWith("always running: no"));
        org.drop("demo", "day1.csv", HEADER + row("CRM-1", "(317) 201-4451"));
        org.runOnce();
        assertThat(dialAll()).containsExactly("CRM-1");
        assertThat(status()).isEqualTo("complete");
    }

    @Test
    void aDncListAnAdminAttachedInGenesysStaysAttachedAfterASync() throws Exception {
        apply();
        String ours = campaign().get("dncLists").get(0).get("id").asText();
        // an admin attaches the org's own DNC list to the campaign, in Genesys
        String theirs = dncList("Org DNC");
        org.control.post("/api/v2/outbound/dnclists/" + theirs + "/phonenumbers", "['+13172014452']");
        attachInGenesys(theirs);
        // and the file changes, so the next sync updates the campaign
        edit("callerName: Demo Renewals", "callerName: Demo Renewals Team");

        CampaignSync.Report plan = plan();
        assertThat(plan.notes()).contains("DNC lists: Demo Renewals DNC (ours), Org DNC (attached in Genesys, kept)");
        apply();
        assertThat(campaign().get("callerName").asText()).isEqualTo("Demo Renewals Team");
        assertThat(dncIds()).containsExactly(ours, theirs);

        org.drop("demo", "day1.csv", HEADER + row("CRM-1", "(317) 201-4451") + row("CRM-2", "(317) 201-4452"));
        org.runOnce();
        assertThat(dialAll()).as("CRM-2's number is on the admin's list").containsExactly("CRM-1");
    }

    @Test
    void aFileThatListsTheDncListsGetsExactlyThoseAndOurs() throws Exception {
        apply();
        String ours = campaign().get("dncLists").get(0).get("id").asText();
        String theirs = dncList("Org DNC");
        attachInGenesys(dncList("Old DNC"));
        edit("  timeZone: America/Indiana/Indianapolis\n",
                "  timeZone: America/Indiana/Indianapolis\n  dncLists: [Org DNC]\n");

        assertThat(plan().notes()).contains("DNC lists: Demo Renewals DNC (ours), Org DNC (campaign.dncLists);"
                + " detached as campaign.dncLists says: Old DNC");
        apply();
        assertThat(dncIds()).containsExactlyInAnyOrder(ours, theirs);

        edit("dncLists: [Org DNC]", "dncLists: [No Such DNC]");
        assertThat(apply().error()).contains("campaign.dncLists names 'No Such DNC'");
    }

    private CampaignSync.Report apply() {
        try (Pipeline pipeline = org.pipeline(Map.of("contacts.inbox.auto-startup", "false"))) {
            return pipeline.campaigns().applyAll("test").reports().get(0);
        }
    }

    private CampaignSync.Report plan() {
        try (Pipeline pipeline = org.pipeline(Map.of("contacts.inbox.auto-startup", "false"))) {
            return pipeline.campaigns().planAll().reports().get(0);
        }
    }

    /** A DNC list of the org, made in Genesys (not by us): its id. */
    private String dncList(String name) {
        return org.control.post("/api/v2/outbound/dnclists", "{'name':'" + name + "','dncSourceType':'rds',"
                + "'contactMethod':'Phone'}").get("id").asText();
    }

    /** An admin attaches the DNC list to the campaign, in Genesys. */
    private void attachInGenesys(String dncListId) {
        JsonNode campaign = campaign();
        ((com.fasterxml.jackson.databind.node.ArrayNode) campaign.get("dncLists")).addObject().put("id", dncListId);
        org.control.put("/api/v2/outbound/campaigns/" + campaign.get("id").asText(),
                campaign.toString().replace('"', '\''));
    }

    private JsonNode campaign() {
        return org.control.get("/api/v2/outbound/campaigns/" + org.campaignId("Demo Renewals"));
    }

    private List<String> dncIds() {
        List<String> ids = new ArrayList<>();
        campaign().get("dncLists").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private String status() {
        return campaign().get("campaignStatus").asText();
    }

    /** Starts the campaign (as an operator would) and has the dialer take every contact it would dial. */
    private List<String> dialAll() {
        return org.dial("Demo Renewals", 0);
    }
}
