package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal, the webhook sink, queue observations and the audit query. */
class SandboxControlsTest {

    @RegisterExtension
    final SandboxExtension extension = new SandboxExtension();
    private GenesysSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void client() {
        sandbox = extension.sandbox();
        http = extension.http();
    }



    @Test
    void journalsRequestsWithoutTheirBodies() {
        String id = Fixtures.createContactList(http, "Journaled");
        http.post("/api/v2/outbound/contactlists/" + id + "/contacts", SandboxHttp.array()
                .add(Fixtures.contact(id, "c1", "phone", "+13175550123", "email", "someone@example.com")));
        http.get("/api/v2/outbound/contactlists/missing");

        JsonNode journal = http.get("/sandbox/journal?path=/api/v2/outbound").body();
        assertThat(journal).hasSize(3);
        assertThat(journal.get(1).get("method").asText()).isEqualTo("POST");
        assertThat(journal.get(1).get("path").asText()).endsWith("/contacts");
        assertThat(journal.get(1).get("clientId").asText()).isEqualTo("sandbox-client");
        assertThat(journal.get(2).get("status").asInt()).isEqualTo(404);
        assertThat(journal.toString()).doesNotContain("+13175550123").doesNotContain("someone@example.com");

        long lastSeq = journal.get(2).get("seq").asLong();
        assertThat(http.get("/sandbox/journal?since=" + lastSeq).body().toString()).doesNotContain("/missing");
    }

    @Test
    void keepsPostedWebhooksWithTheirSignatureHeadersAndCanAnswerWithAnError() {
        SandboxHttp plain = new SandboxHttp(sandbox);
        ObjectNode event = SandboxHttp.object().put("eventId", "e1").put("type", "contacts.synced");
        SandboxHttp.Response accepted = plain.post("/sandbox/webhooks/cdp", event);
        assertThat(accepted.status()).isEqualTo(200);

        plain.put("/sandbox/webhooks/wfm/status", SandboxHttp.parse("{'status':503}"));
        assertThat(plain.post("/sandbox/webhooks/wfm", event).status()).isEqualTo(503);

        JsonNode cdp = plain.get("/sandbox/webhooks?name=cdp").body();
        assertThat(cdp).hasSize(1);
        assertThat(cdp.get(0).get("body").get("type").asText()).isEqualTo("contacts.synced");
        assertThat(cdp.get(0).get("rawBody").asText()).contains("\"eventId\":\"e1\"");
        assertThat(plain.get("/sandbox/webhooks").body()).hasSize(2);
        assertThat(plain.post("/sandbox/webhooks/cdp", "not json").status()).isEqualTo(400);
    }

    private JsonNode observe(String queueId) {
        return http.post("/api/v2/analytics/queues/observations/query", SandboxHttp.parse(
                "{'filter':{'type':'or','predicates':[{'type':'dimension','dimension':'queueId','value':'" + queueId
                        + "'}]},'metrics':['oOnQueueUsers','oMemberUsers']}")).body();
    }

    private static long count(JsonNode response, String metric, String qualifier) {
        for (JsonNode data : response.get("results").get(0).get("data")) {
            if (data.get("metric").asText().equals(metric)
                    && (qualifier == null || qualifier.equals(data.path("qualifier").asText()))) {
                return data.get("stats").get("count").asLong();
            }
        }
        throw new AssertionError(metric + " " + qualifier + " not in " + response);
    }

    @Test
    void countsAgentsOnQueueFromConfigurationAndFromChangesAtRunTime() {
        String queueId = Fixtures.idByName(http, "/api/v2/routing/queues", "Outbound Sales");
        JsonNode before = observe(queueId);
        assertThat(before.get("results").get(0).get("group").get("queueId").asText()).isEqualTo(queueId);
        assertThat(count(before, "oOnQueueUsers", "IDLE")).isEqualTo(8);
        assertThat(count(before, "oOnQueueUsers", "INTERACTING")).isEqualTo(4);

        SandboxHttp.Response changed = http.put("/sandbox/queues/" + queueId + "/agents",
                SandboxHttp.parse("{'onQueue':3,'idle':1}"));
        assertThat(changed.status()).isEqualTo(200);
        JsonNode after = observe(queueId);
        assertThat(count(after, "oOnQueueUsers", "IDLE")).isEqualTo(1);
        assertThat(count(after, "oOnQueueUsers", "INTERACTING")).isEqualTo(2);

        assertThat(http.put("/sandbox/queues/" + queueId + "/agents", SandboxHttp.parse("{'onQueue':1,'idle':2}"))
                .status()).isEqualTo(400);
        assertThat(http.post("/api/v2/analytics/queues/observations/query", SandboxHttp.parse(
                "{'filter':{'type':'or','predicates':[{'dimension':'queueId','value':'" + queueId + "'}]},"
                        + "'metrics':['oHappyUsers']}")).message()).contains("oHappyUsers");
    }

    @Test
    void answersAuditQueriesWithTheChangesMadeThroughIt() {
        String start = Instant.now().minusSeconds(60).toString();
        String listId = Fixtures.createContactList(http, "Audited");
        ObjectNode list = (ObjectNode) http.get("/api/v2/outbound/contactlists/" + listId).body();
        list.put("previewModeColumnName", "region");
        http.put("/api/v2/outbound/contactlists/" + listId, list);
        http.post("/api/v2/outbound/dnclists", SandboxHttp.parse("{'name':'DNC','dncSourceType':'rds','contactMethod':'Phone'}"));
        String end = Instant.now().plusSeconds(60).toString();

        SandboxHttp.Response query = http.post("/api/v2/audits/query", SandboxHttp.parse("{'interval':'" + start + "/"
                + end + "','serviceName':'Outbound','filters':[{'property':'EntityType','value':'ContactList'}]}"));
        assertThat(query.status()).as(query.raw().body()).isEqualTo(200);
        assertThat(query.body().get("state").asText()).isEqualTo("Succeeded");
        String tx = query.body().get("id").asText();
        assertThat(http.get("/api/v2/audits/query/" + tx).body().get("state").asText()).isEqualTo("Succeeded");

        JsonNode page1 = http.get("/api/v2/audits/query/" + tx + "/results?pageSize=1").body();
        assertThat(page1.get("entities")).hasSize(1);
        assertThat(page1.get("entities").get(0).get("action").asText()).isEqualTo("Create");
        JsonNode page2 = http.get("/api/v2/audits/query/" + tx + "/results?pageSize=1&cursor="
                + page1.get("cursor").asText()).body();
        JsonNode update = page2.get("entities").get(0);
        assertThat(update.get("action").asText()).isEqualTo("Update");
        assertThat(update.get("entity").get("id").asText()).isEqualTo(listId);
        assertThat(update.get("propertyChanges").get(0).get("property").asText()).isEqualTo("previewModeColumnName");
        assertThat(update.get("propertyChanges").get(0).get("newValues").get(0).asText()).isEqualTo("region");
        assertThat(page2.has("cursor")).isFalse();

        assertThat(http.post("/api/v2/audits/query", SandboxHttp.parse("{'serviceName':'Outbound'}")).message())
                .contains("'interval' is required");
    }
}
