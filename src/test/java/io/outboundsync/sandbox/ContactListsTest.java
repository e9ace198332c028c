package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContactListsTest {

    private static final String LISTS = "/api/v2/outbound/contactlists";
    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension();
    private SandboxHttp http;

    @BeforeEach
    void client() {
        http = sandbox.http();
    }



    /** Genesys's limits, enforced with its status and error body: a column name, and an add-contacts body. */
    @Test
    void refusesAColumnNameOver128CharactersAndABodyOver512000Bytes() {
        ObjectNode list = Fixtures.contactList("Long names");
        ((com.fasterxml.jackson.databind.node.ArrayNode) list.get("columnNames")).add("c".repeat(129));
        SandboxHttp.Response refused = http.post(LISTS, list);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("code").asText()).isEqualTo("bad.request");
        assertThat(refused.body().get("message").asText()).isEqualTo("Column name 'cccccccccccccccccccc...' is 129"
                + " characters long; a column name may have at most 128.");

        String id = Fixtures.createContactList(http, "Big bodies");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"C-").append(i).append("\",\"contactListId\":\"")
                    .append(id).append("\",\"data\":{\"firstName\":\"").append("x".repeat(480))
                    .append("\",\"phone\":\"+1317200").append(String.format("%04d", i)).append("\"}}");
        }
        SandboxHttp.Response tooLarge = http.postRaw(LISTS + "/" + id + "/contacts", "application/json",
                body.append("]").toString());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("code").asText()).isEqualTo("request.entity.too.large");
        assertThat(tooLarge.body().get("message").asText()).matches("The request body is \\d+ bytes; at most 512000"
                + " are accepted\\.");
    }

    @Test
    void createsAListWithServerFieldsAndReadsItBack() {
        SandboxHttp.Response created = http.post(LISTS, Fixtures.contactList("Spring Renewals"));

        assertThat(created.status()).isEqualTo(200);
        JsonNode list = created.body();
        String id = list.get("id").asText();
        assertThat(list.get("version").asInt()).isEqualTo(1);
        assertThat(list.get("selfUri").asText()).isEqualTo(LISTS + "/" + id);
        assertThat(list.get("dateCreated").asText()).endsWith("Z");

        JsonNode read = http.get(LISTS + "/" + id + "?includeSize=true&includeImportStatus=true").body();
        assertThat(read.get("columnNames")).hasSize(Fixtures.COLUMNS.size());
        assertThat(read.get("size").asInt()).isZero();
        assertThat(read.get("importStatus").get("percentComplete").asInt()).isEqualTo(100);
        assertThat(http.get(LISTS + "/" + id).body().has("size")).isFalse();
    }

    @Test
    void findsListsByNameAndPagesThem() {
        for (int i = 1; i <= 5; i++) {
            Fixtures.createContactList(http, "Renewals " + i);
        }
        Fixtures.createContactList(http, "Winback");

        JsonNode page = http.get(LISTS + "?name=renewals&pageSize=2&pageNumber=2").body();
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("pageCount").asInt()).isEqualTo(3);
        assertThat(page.get("entities")).hasSize(2);
        assertThat(page.get("nextUri").asText()).contains("pageNumber=3");

        JsonNode exact = http.get(LISTS + "?name=Winback").body();
        assertThat(exact.get("entities")).hasSize(1);
        // the name matches as a prefix unless filterType says otherwise (SDK: "default to Prefix")
        assertThat(http.get(LISTS + "?name=back").body().get("total").asInt()).isZero();
        assertThat(http.get(LISTS + "?name=back&filterType=Contains").body().get("total").asInt()).isEqualTo(1);
        assertThat(http.get(LISTS + "?name=renewals%201&filterType=Equals").body().get("total").asInt())
                .isEqualTo(1);
        assertThat(http.get(LISTS + "?name=x&filterType=Fuzzy").status()).isEqualTo(400);
        // "The max that will be returned is 100": a larger page size is answered with 100
        JsonNode big = http.get(LISTS + "?pageSize=500").body();
        assertThat(big.get("pageSize").asInt()).isEqualTo(100);
    }

    @Test
    void updatesOnlyWithTheCurrentVersion() {
        ObjectNode list = (ObjectNode) http.post(LISTS, Fixtures.contactList("Versions")).body();
        String id = list.get("id").asText();

        list.put("previewModeColumnName", "region");
        SandboxHttp.Response updated = http.put(LISTS + "/" + id, list);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("version").asInt()).isEqualTo(2);

        SandboxHttp.Response stale = http.put(LISTS + "/" + id, list); // still carries version 1
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.message()).contains("version");

        list.remove("version");
        SandboxHttp.Response missing = http.put(LISTS + "/" + id, list);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("'version' is required");
    }

    @Test
    void refusesToChangeColumnsAfterCreation() {
        ObjectNode list = (ObjectNode) http.post(LISTS, Fixtures.contactList("Fixed columns")).body();
        list.withArray("columnNames").add("newColumn");

        SandboxHttp.Response response = http.put(LISTS + "/" + list.get("id").asText(), list);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("cannot be changed");
    }

    @Test
    void checksTheListItCreates() {
        ObjectNode noColumns = Fixtures.contactList("No columns");
        noColumns.remove("columnNames");
        assertThat(http.post(LISTS, noColumns).message()).contains("'columnNames' is required");

        ObjectNode strayPhone = Fixtures.contactList("Stray phone");
        strayPhone.withArray("phoneColumns").addObject().put("columnName", "mobile").put("type", "cell");
        SandboxHttp.Response stray = http.post(LISTS, strayPhone);
        assertThat(stray.status()).isEqualTo(400);
        assertThat(stray.message()).contains("mobile");

        ObjectNode wide = Fixtures.contactList("Too wide");
        for (int i = 0; i < 50; i++) {
            wide.withArray("columnNames").add("extra" + i);
        }
        assertThat(http.post(LISTS, wide).message()).contains("at most 50 columns");

        Fixtures.createContactList(http, "Taken");
        assertThat(http.post(LISTS, Fixtures.contactList("Taken")).message()).contains("already exists");
    }

    @Test
    void answersMalformedAndUnknownRequestsWithErrorBodies() {
        SandboxHttp.Response malformed = http.postRaw(LISTS, "application/json", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("bad.request");
        assertThat(malformed.message()).contains("not valid JSON");

        SandboxHttp.Response notJson = http.postRaw(LISTS, "text/plain", "name=x");
        assertThat(notJson.status()).isEqualTo(415);

        SandboxHttp.Response unknown = http.get(LISTS + "/no-such-list");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not.found");
        assertThat(unknown.body().get("status").asInt()).isEqualTo(404);
        assertThat(unknown.body().get("contextId").asText()).isEqualTo(unknown.header("ININ-Correlation-ID"));
    }

    @Test
    void deletesAListThatNothingUses() {
        String id = Fixtures.createContactList(http, "Short lived");

        assertThat(http.delete(LISTS + "/" + id).status()).isEqualTo(204);
        assertThat(http.get(LISTS + "/" + id).status()).isEqualTo(404);
        assertThat(http.delete(LISTS + "/" + id).status()).isEqualTo(404);
    }
}
