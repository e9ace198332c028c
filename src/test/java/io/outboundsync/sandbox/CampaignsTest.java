package io.outboundsync.sandbox;

import io.outboundsync.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignsTest {

    private static final String CAMPAIGNS = "/api/v2/outbound/campaigns";
    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension(Map.of("sandbox.campaign.stopping-ms", "5000"));
    private MutableClock clock;
    private SandboxHttp http;
    private String listId;

    @BeforeEach
    void seed() {
        clock = sandbox.clock;
        http = sandbox.http();
        listId = Fixtures.seedPeople(http, "Campaign people");
    }



    private ObjectNode create(String name) {
        SandboxHttp.Response created = http.post(CAMPAIGNS, Fixtures.campaign(http, name, listId));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        return (ObjectNode) created.body();
    }

    private SandboxHttp.Response setStatus(ObjectNode campaign, String status) {
        ObjectNode body = campaign.deepCopy();
        body.put("campaignStatus", status);
        return http.put(CAMPAIGNS + "/" + campaign.get("id").asText(), body);
    }

    private String status(String id) {
        return http.get(CAMPAIGNS + "/" + id).body().get("campaignStatus").asText();
    }

    @Test
    void createsACampaignOffAndTurnsItOnAndOffThroughStopping() {
        ObjectNode campaign = create("Renewals");
        String id = campaign.get("id").asText();
        assertThat(campaign.get("campaignStatus").asText()).isEqualTo("off");

        SandboxHttp.Response on = setStatus(campaign, "on");
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.body().get("campaignStatus").asText()).isEqualTo("on");

        SandboxHttp.Response off = setStatus((ObjectNode) on.body(), "off");
        assertThat(off.body().get("campaignStatus").asText()).isEqualTo("stopping");
        clock.advance(Duration.ofMillis(4999));
        assertThat(status(id)).isEqualTo("stopping");
        SandboxHttp.Response onWhileStopping = setStatus((ObjectNode) off.body(), "on");
        assertThat(onWhileStopping.status()).isEqualTo(400);
        assertThat(onWhileStopping.message()).contains("stopping");

        clock.advance(Duration.ofMillis(1));
        assertThat(status(id)).isEqualTo("off");
        assertThat(setStatus((ObjectNode) off.body(), "on").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "off, off, 200",
            "off, on, 200",
            "complete, on, 200",
            "invalid, on, 200",
            "forced_off, on, 200",
            "on, on, 200",
            "on, off, 200",
            "off, complete, 400",
            "on, complete, 400",
            "off, stopping, 400",
            "complete, off, 400",
            "invalid, off, 400",
            "stopping, on, 400",
            "forced_stopping, on, 400",
            "on, invalid, 400",
    })
    void allowsOnlyTheRealTransitions(String from, String to, int expected) {
        ObjectNode campaign = create("Matrix " + from + " " + to);
        String id = campaign.get("id").asText();
        http.put("/sandbox/campaigns/" + id + "/status", SandboxHttp.parse("{'campaignStatus':'" + from + "'}"));
        ObjectNode current = (ObjectNode) http.get(CAMPAIGNS + "/" + id).body();

        SandboxHttp.Response response = setStatus(current, to);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(expected);
        if (expected == 400) {
            assertThat(status(id)).isEqualTo(from);
            assertThat(response.message()).contains(from);
        }
    }

    @Test
    void startsAndStopsThroughTheirEndpoints() {
        String id = create("Endpoints").get("id").asText();

        assertThat(http.post(CAMPAIGNS + "/" + id + "/start", "").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("on");
        assertThat(http.post(CAMPAIGNS + "/" + id + "/stop", "").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("stopping");
        assertThat(http.post(CAMPAIGNS + "/" + id + "/stop", "").status()).isEqualTo(400);
    }

    @Test
    void updatesNeedTheCurrentVersionAndACampaignStatus() {
        ObjectNode campaign = create("Versioned");
        ObjectNode changed = campaign.deepCopy();
        changed.put("callerName", "Acme Renewals");
        SandboxHttp.Response updated = http.put(CAMPAIGNS + "/" + campaign.get("id").asText(), changed);
        assertThat(updated.body().get("version").asInt()).isEqualTo(2);
        assertThat(updated.body().get("callerName").asText()).isEqualTo("Acme Renewals");

        assertThat(http.put(CAMPAIGNS + "/" + campaign.get("id").asText(), changed).status()).isEqualTo(409);
        ObjectNode noStatus = ((ObjectNode) updated.body()).deepCopy();
        noStatus.remove("campaignStatus");
        assertThat(http.put(CAMPAIGNS + "/" + campaign.get("id").asText(), noStatus).message())
                .contains("'campaignStatus' is required");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "queue                   | {'id':'00000000-0000-0000-0000-000000000000'} | does not exist",
            "script                  | {'id':'nope'}                                 | does not exist",
            "callAnalysisResponseSet | {'id':'nope'}                                 | does not exist",
            "ruleSets                | [{'id':'nope'}]                               | does not exist",
            "contactListFilters      | [{'id':'a'},{'id':'b'}]                       | only have one",
            "dialingMode             | \"robocall\"                                  | Invalid value 'robocall'",
            "abandonRate             | null                                          | 'abandonRate' is required",
            "edgeGroup               | {'id':'x'}                                    | does not exist",
            "phoneColumns            | [{'columnName':'email','type':'cell'}]        | not a phone column",
            "priority                | 9                                             | 1 to 5",
            "contactList             | null                                          | 'contactList' is required",
    })
    void refusesACampaignWithABadFieldOrAMissingReference(String field, String value, String reason) {
        ObjectNode campaign = Fixtures.campaign(http, "Broken", listId);
        campaign.set(field, SandboxHttp.parse(value));

        SandboxHttp.Response response = http.post(CAMPAIGNS, campaign);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains(reason);
    }

    @Test
    void refusesBothASiteAndAnEdgeGroup() {
        ObjectNode campaign = Fixtures.campaign(http, "Both", listId);
        campaign.putObject("edgeGroup").put("id",
                Fixtures.idByName(http, "/api/v2/telephony/providers/edges/edgegroups", "Outbound Edge Group"));
        assertThat(http.post(CAMPAIGNS, campaign).message()).contains("not both");
    }

    @Test
    void keepsWhatACampaignUsesFromBeingDeleted() {
        ObjectNode campaign = create("In use");
        String id = campaign.get("id").asText();
        assertThat(http.delete("/api/v2/outbound/contactlists/" + listId).message()).contains("in use by campaign");

        setStatus(campaign, "on");
        assertThat(http.delete(CAMPAIGNS + "/" + id).message()).contains("turn it off");
        http.put("/sandbox/campaigns/" + id + "/status", SandboxHttp.parse("{'campaignStatus':'off'}"));
        SandboxHttp.Response deleted = http.delete(CAMPAIGNS + "/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("id").asText()).isEqualTo(id);
        assertThat(http.delete("/api/v2/outbound/contactlists/" + listId).status()).isEqualTo(204);
    }

    @Test
    void reportsProgressOverTheContactList() {
        String id = create("Progress").get("id").asText();
        JsonNode progress = http.get(CAMPAIGNS + "/" + id + "/progress").body();

        assertThat(progress.get("totalNumberOfContacts").asInt()).isEqualTo(10);
        assertThat(progress.get("campaign").get("id").asText()).isEqualTo(id);
        assertThat(progress.get("contactList").get("id").asText()).isEqualTo(listId);
    }

    @Test
    void putsReadsAndDeletesASchedule() {
        String id = create("Scheduled").get("id").asText();
        String path = "/api/v2/outbound/schedules/campaigns/" + id;
        assertThat(http.get(path).status()).isEqualTo(404);

        ObjectNode schedule = (ObjectNode) SandboxHttp.parse("{'campaign':{'id':'" + id + "'},"
                + "'timeZone':'America/Chicago','intervals':[{'start':'2026-12-01T09:00:00.000','end':'2026-12-01T17:00:00.000'}]}");
        SandboxHttp.Response created = http.put(path, schedule);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        assertThat(created.body().get("version").asInt()).isEqualTo(1);

        ObjectNode next = ((ObjectNode) created.body()).deepCopy();
        next.withArray("intervals").add(SandboxHttp.parse("{'start':'2026-12-02T09:00:00.000','end':'2026-12-02T17:00:00.000'}"));
        assertThat(http.put(path, next).body().get("version").asInt()).isEqualTo(2);
        assertThat(http.put(path, next).status()).isEqualTo(409);
        assertThat(http.get("/api/v2/outbound/schedules/campaigns").body()).hasSize(1);

        ObjectNode backwards = (ObjectNode) SandboxHttp.parse("{'campaign':{'id':'" + id + "'},'version':2,"
                + "'intervals':[{'start':'2026-12-01T17:00:00Z','end':'2026-12-01T09:00:00Z'}]}");
        assertThat(http.put(path, backwards).message()).contains("must be after its start");
        ObjectNode badZone = (ObjectNode) SandboxHttp.parse("{'campaign':{'id':'" + id + "'},'version':2,"
                + "'timeZone':'Central','intervals':[]}");
        assertThat(http.put(path, badZone).message()).contains("IANA");

        assertThat(http.delete(path).status()).isEqualTo(204);
        assertThat(http.get(path).status()).isEqualTo(404);
    }
}
