package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContactsTest {

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension(Map.of("sandbox.max-contacts-per-request", "5"));
    private SandboxHttp http;
    private String listId;
    private String contacts;

    @BeforeEach
    void createList() {
        http = sandbox.http();
        listId = Fixtures.createContactList(http, "Contacts");
        contacts = "/api/v2/outbound/contactlists/" + listId + "/contacts";
    }



    private int size() {
        return http.get("/api/v2/outbound/contactlists/" + listId + "?includeSize=true").body().get("size").asInt();
    }

    @Test
    void addsContactsAndUpsertsByContactId() {
        ArrayNode batch = SandboxHttp.array()
                .add(Fixtures.contact(listId, "crm-1", "firstName", "Ana", "phone", "+13175550101"))
                .add(Fixtures.contact(listId, "crm-2", "firstName", "Bo", "phone", "+13175550102"));
        SandboxHttp.Response added = http.post(contacts, batch);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).hasSize(2);
        assertThat(added.body().get(0).get("id").asText()).isEqualTo("crm-1");
        assertThat(added.body().get(0).get("phoneNumberStatus").get("phone").get("callable").asBoolean()).isTrue();

        SandboxHttp.Response resent = http.post(contacts + "?priority=true&clearSystemData=true&doNotQueue=false",
                SandboxHttp.array().add(Fixtures.contact(listId, "crm-1", "firstName", "Ana Maria",
                        "phone", "+13175550199")));
        assertThat(resent.status()).isEqualTo(200);
        assertThat(size()).isEqualTo(2);
        JsonNode updated = http.get(contacts + "/crm-1").body();
        assertThat(updated.get("data").get("firstName").asText()).isEqualTo("Ana Maria");
        assertThat(updated.get("data").get("phone").asText()).isEqualTo("+13175550199");
    }

    @Test
    void generatesAnIdWhenTheContactHasNone() {
        SandboxHttp.Response added = http.post(contacts, SandboxHttp.array()
                .add(Fixtures.contact(listId, null, "phone", "+13175550103")));

        String id = added.body().get(0).get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(http.get(contacts + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void refusesMoreContactsThanTheLimitInOneRequest() {
        ArrayNode batch = SandboxHttp.array();
        for (int i = 0; i < 6; i++) {
            batch.add(Fixtures.contact(listId, "c" + i, "phone", "+1317555010" + i));
        }
        SandboxHttp.Response response = http.post(contacts, batch);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("at most 5 contacts");
        assertThat(size()).isZero();
    }

    @Test
    void refusesAnUnknownColumnNamingTheContactAndTheColumnAndStoresNothingOfTheBatch() {
        ArrayNode batch = SandboxHttp.array()
                .add(Fixtures.contact(listId, "good", "phone", "+13175550104"))
                .add(Fixtures.contact(listId, "bad", "phone", "+13175550105", "favouriteColour", "blue"));
        SandboxHttp.Response response = http.post(contacts, batch);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("'favouriteColour'").contains("'bad'");
        assertThat(size()).isZero();
    }

    @Test
    void refusesAContactIdTwiceInOneRequestAndStoresNothingOfTheBatch() {
        ArrayNode batch = SandboxHttp.array()
                .add(Fixtures.contact(listId, "twice", "phone", "+13175550106"))
                .add(Fixtures.contact(listId, "twice", "phone", "+13175550107"));
        SandboxHttp.Response response = http.post(contacts, batch);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("'twice' appears twice");
        assertThat(size()).isZero();
    }

    @Test
    void refusesValuesLongerThan512Characters() {
        SandboxHttp.Response ok = http.post(contacts, SandboxHttp.array()
                .add(Fixtures.contact(listId, "max", "firstName", "x".repeat(512))));
        assertThat(ok.status()).isEqualTo(200);

        SandboxHttp.Response tooLong = http.post(contacts, SandboxHttp.array()
                .add(Fixtures.contact(listId, "long", "firstName", "x".repeat(513))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.message()).contains("'firstName'").contains("'long'").contains("513");
    }

    @Test
    void checksTheShapeOfEachContact() {
        SandboxHttp.Response noData = http.post(contacts, SandboxHttp.parse("[{'id':'x','contactListId':'"
                + listId + "'}]"));
        assertThat(noData.message()).contains("'data'");

        SandboxHttp.Response noListId = http.post(contacts, SandboxHttp.parse("[{'id':'x','data':{}}]"));
        assertThat(noListId.message()).contains("'contactListId' is required");

        SandboxHttp.Response notArray = http.post(contacts, Fixtures.contact(listId, "x", "phone", "1"));
        assertThat(notArray.message()).contains("JSON array");

        SandboxHttp.Response badFlag = http.post(contacts + "?priority=maybe", SandboxHttp.array()
                .add(Fixtures.contact(listId, "x", "phone", "1")));
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.message()).contains("priority");

        assertThat(http.post("/api/v2/outbound/contactlists/nope/contacts", SandboxHttp.array()
                .add(Fixtures.contact("nope", "x", "phone", "1"))).status()).isEqualTo(404);
    }

    @Test
    void readsDeletesAndClearsContacts() {
        ArrayNode batch = SandboxHttp.array();
        for (int i = 0; i < 4; i++) {
            batch.add(Fixtures.contact(listId, "c" + i, "phone", "+1317555010" + i));
        }
        http.post(contacts, batch);

        JsonNode bulk = http.post(contacts + "/bulk", SandboxHttp.parse("['c1','c3','missing']")).body();
        assertThat(bulk).hasSize(2);
        assertThat(bulk.get(0).get("contactListId").asText()).isEqualTo(listId);

        assertThat(http.delete(contacts + "?contactIds=c1,c2").status()).isEqualTo(204);
        assertThat(size()).isEqualTo(2);
        assertThat(http.delete(contacts + "/c0").status()).isEqualTo(204);
        assertThat(http.get(contacts + "/c0").status()).isEqualTo(404);

        assertThat(http.post("/api/v2/outbound/contactlists/" + listId + "/clear", "").status()).isEqualTo(204);
        assertThat(size()).isZero();
    }

    @Test
    void reportsImportStatusWhileAnImportRunsOrAfterItFailed() {
        String status = "/api/v2/outbound/contactlists/" + listId + "/importstatus";
        assertThat(http.get(status).body().has("state")).isFalse();

        http.put("/sandbox/contactlists/" + listId + "/importstatus",
                SandboxHttp.parse("{'state':'IN_PROGRESS','durationMs':60000}"));
        assertThat(http.get(status).body().get("state").asText()).isEqualTo("IN_PROGRESS");

        http.put("/sandbox/contactlists/" + listId + "/importstatus",
                SandboxHttp.parse("{'state':'FAILED','failureReason':'bad file'}"));
        JsonNode failed = http.get("/api/v2/outbound/contactlists/" + listId + "?includeImportStatus=true").body()
                .get("importStatus");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asText()).isEqualTo("bad file");
    }
}
