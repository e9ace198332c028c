package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filter preview counts over ten known contacts: ages 20, 25, … 65; regions North, South, East, West, north
 * (repeating); engagementScore 0, 10, … 80 and one "n/a"; first names Ana0, Bo1, Ana2, ….
 */
class FilterPreviewTest {

    private static GenesysSandbox sandbox;
    private static SandboxHttp http;
    private static String listId;

    @BeforeAll
    static void start() {
        sandbox = GenesysSandbox.start(SandboxSettings.defaults().withPort(0));
        http = new SandboxHttp(sandbox).login();
        listId = Fixtures.seedPeople(http, "People");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** One clause of one predicate, written compactly: column, type, operator, value or range. */
    private static ObjectNode filter(String predicatesJson, String clauseJoin, String filterJoin) {
        return (ObjectNode) SandboxHttp.parse("{'name':'f','contactList':{'id':'" + listId + "'},"
                + "'filterType':'" + filterJoin + "','clauses':[" + predicatesJson.replace("JOIN", clauseJoin) + "]}");
    }

    private static long count(ObjectNode filter) {
        SandboxHttp.Response preview = http.post("/api/v2/outbound/contactlistfilters/preview", filter);
        assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
        assertThat(preview.body().get("totalContacts").asLong()).isEqualTo(10);
        return preview.body().get("filteredContacts").asLong();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'column':'age','columnType':'numeric','operator':'GREATER_THAN','value':'50'                          | 3",
            "'column':'age','columnType':'numeric','operator':'GREATER_THAN_EQUALS','value':'50'                   | 4",
            "'column':'age','columnType':'numeric','operator':'LESS_THAN','value':'30'                             | 2",
            "'column':'age','columnType':'numeric','operator':'LESS_THAN_EQUALS','value':'30'                      | 3",
            "'column':'age','columnType':'numeric','operator':'EQUALS','value':'45.0'                              | 1",
            "'column':'age','columnType':'numeric','operator':'BETWEEN','range':{'min':'30','max':'50'}            | 5",
            "'column':'age','columnType':'numeric','operator':'BETWEEN','range':{'min':'30','max':'50','minInclusive':false,'maxInclusive':false} | 3",
            "'column':'age','columnType':'numeric','operator':'BETWEEN','range':{'min':'30','max':'50','minInclusive':true,'maxInclusive':false}  | 4",
            "'column':'age','columnType':'numeric','operator':'IN','range':{'inSet':['20','65','99']}              | 2",
            "'column':'age','columnType':'numeric','operator':'GREATER_THAN','value':'50','inverted':true          | 7",
            "'column':'engagementScore','columnType':'numeric','operator':'GREATER_THAN_EQUALS','value':'0'        | 9",
            "'column':'engagementScore','columnType':'numeric','operator':'GREATER_THAN_EQUALS','value':'0','inverted':true | 1",
            "'column':'region','columnType':'alphabetic','operator':'EQUALS','value':'north'                       | 4",
            "'column':'region','columnType':'alphabetic','operator':'IN','range':{'inSet':['EAST','West']}         | 4",
            "'column':'region','columnType':'alphabetic','operator':'BEGINS_WITH','value':'s'                      | 2",
            "'column':'region','columnType':'alphabetic','operator':'ENDS_WITH','value':'st'                       | 4",
            "'column':'firstName','columnType':'alphabetic','operator':'CONTAINS','value':'na'                     | 5",
            "'column':'firstName','columnType':'alphabetic','operator':'LESS_THAN','value':'B'                     | 5",
            "'column':'region','columnType':'alphabetic','operator':'BETWEEN','range':{'min':'east','max':'south'} | 8",
    })
    void countsOnePredicate(String predicate, long expected) {
        assertThat(count(filter("{'filterType':'AND','predicates':[{" + predicate + "}]}", "AND", "AND")))
                .isEqualTo(expected);
    }

    @Test
    void joinsPredicatesWithinAClauseByAndOrOr() {
        String predicates = "{'filterType':'JOIN','predicates':["
                + "{'column':'age','columnType':'numeric','operator':'GREATER_THAN_EQUALS','value':'40'},"
                + "{'column':'region','columnType':'alphabetic','operator':'EQUALS','value':'North'}]}";
        // ages >= 40: c4..c9 (6); region north: c0, c4, c5, c9 (4)
        assertThat(count(filter(predicates, "AND", "AND"))).isEqualTo(3);
        assertThat(count(filter(predicates, "OR", "AND"))).isEqualTo(7);
    }

    @Test
    void joinsClausesByAndOrOr() {
        String clauses = "{'filterType':'AND','predicates':[{'column':'age','columnType':'numeric','operator':'LESS_THAN','value':'30'}]},"
                + "{'filterType':'AND','predicates':[{'column':'region','columnType':'alphabetic','operator':'EQUALS','value':'West'}]}";
        // age < 30: c0, c1; West: c3, c8
        assertThat(count(filter(clauses, "AND", "AND"))).isZero();
        assertThat(count(filter(clauses, "AND", "OR"))).isEqualTo(4);
    }

    @Test
    void anEmptyFilterAdmitsEveryContactAndThePreviewShowsThem() {
        ObjectNode all = (ObjectNode) SandboxHttp.parse("{'name':'all','contactList':{'id':'" + listId + "'}}");
        JsonNode preview = http.post("/api/v2/outbound/contactlistfilters/preview", all).body();

        assertThat(preview.get("filteredContacts").asLong()).isEqualTo(10);
        assertThat(preview.get("preview")).hasSize(10);
        assertThat(preview.get("preview").get(0).get("data").get("externalId").asText()).isEqualTo("c0");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'column':'shoeSize','columnType':'numeric','operator':'EQUALS','value':'9'       | not a column",
            "'column':'age','columnType':'numeric','operator':'ROUGHLY','value':'9'           | Invalid value 'ROUGHLY'",
            "'column':'age','columnType':'decimal','operator':'EQUALS','value':'9'            | Invalid value 'decimal'",
            "'column':'age','columnType':'numeric','operator':'BETWEEN'                       | 'range' is required",
            "'column':'age','columnType':'numeric','operator':'IN','range':{'inSet':[]}       | inSet",
            "'column':'age','columnType':'numeric','operator':'EQUALS','value':'old'          | not a number",
            "'column':'age','columnType':'numeric','operator':'EQUALS'                        | 'value' is required",
    })
    void refusesABadPredicateWithA400SayingWhy(String predicate, String reason) {
        SandboxHttp.Response response = http.post("/api/v2/outbound/contactlistfilters/preview",
                filter("{'predicates':[{" + predicate + "}]}", "AND", "AND"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains(reason);
    }

    @Test
    void storesFiltersWithVersionLocking() {
        ObjectNode body = filter("{'predicates':[{'column':'age','columnType':'numeric','operator':'LESS_THAN','value':'30'}]}",
                "AND", "AND");
        body.put("name", "Young");
        SandboxHttp.Response created = http.post("/api/v2/outbound/contactlistfilters", body);
        assertThat(created.status()).isEqualTo(200);
        ObjectNode stored = (ObjectNode) created.body();
        String path = "/api/v2/outbound/contactlistfilters/" + stored.get("id").asText();

        stored.put("filterType", "OR");
        assertThat(http.put(path, stored).body().get("version").asInt()).isEqualTo(2);
        assertThat(http.put(path, stored).status()).isEqualTo(409);
        String otherList = Fixtures.createContactList(http, "Other people");
        assertThat(http.get("/api/v2/outbound/contactlistfilters?contactListId=" + listId).body().get("total")
                .asInt()).isEqualTo(1);
        assertThat(http.get("/api/v2/outbound/contactlistfilters?contactListId=" + otherList).body().get("total")
                .asInt()).isZero();
        assertThat(http.delete(path).status()).isEqualTo(204);
        assertThat(http.get(path).status()).isEqualTo(404);
    }
}
