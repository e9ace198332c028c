package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Request bodies and set-up steps the sandbox tests share. */
final class Fixtures {

    static final List<String> COLUMNS = List.of("externalId", "firstName", "phone", "email", "age", "region",
            "engagementScore");

    private Fixtures() {
    }

    static ObjectNode contactList(String name) {
        ObjectNode list = SandboxHttp.object();
        list.put("name", name);
        ArrayNode columns = list.putArray("columnNames");
        COLUMNS.forEach(columns::add);
        list.putArray("phoneColumns").addObject().put("columnName", "phone").put("type", "cell");
        list.putArray("emailColumns").addObject().put("columnName", "email").put("type", "personal");
        return list;
    }

    static String createContactList(SandboxHttp http, String name) {
        SandboxHttp.Response created = http.post("/api/v2/outbound/contactlists", contactList(name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        return created.body().get("id").asText();
    }

    static ObjectNode contact(String listId, String id, String... columnValues) {
        ObjectNode contact = SandboxHttp.object();
        if (id != null) {
            contact.put("id", id);
        }
        contact.put("contactListId", listId);
        ObjectNode data = contact.putObject("data");
        for (int i = 0; i + 1 < columnValues.length; i += 2) {
            data.put(columnValues[i], columnValues[i + 1]);
        }
        return contact;
    }

    /** The ten contacts filter tests count over: ages 20..65 step 5, regions, scores. */
    static String seedPeople(SandboxHttp http, String name) {
        String listId = createContactList(http, name);
        String[] regions = {"North", "South", "East", "West", "north"};
        ArrayNode batch = SandboxHttp.array();
        for (int i = 0; i < 10; i++) {
            batch.add(contact(listId, "c" + i,
                    "externalId", "c" + i,
                    "firstName", i % 2 == 0 ? "Ana" + i : "Bo" + i,
                    "phone", "+1317555010" + i,
                    "email", "p" + i + "@example.com",
                    "age", String.valueOf(20 + 5 * i),
                    "region", regions[i % regions.length],
                    "engagementScore", i == 9 ? "n/a" : String.valueOf(i * 10)));
        }
        SandboxHttp.Response added = http.post("/api/v2/outbound/contactlists/" + listId + "/contacts", batch);
        assertThat(added.status()).as(added.raw().body()).isEqualTo(200);
        return listId;
    }

    static String idByName(SandboxHttp http, String path, String name) {
        JsonNode listing = http.get(path + "?name=" + name.replace(" ", "%20")).body();
        for (JsonNode entity : listing.get("entities")) {
            if (entity.get("name").asText().equals(name)) {
                return entity.get("id").asText();
            }
        }
        throw new AssertionError("no " + path + " named " + name + " in " + listing);
    }

    /** A valid predictive campaign over the list, referring to the seeded org objects by id. */
    static ObjectNode campaign(SandboxHttp http, String name, String listId) {
        ObjectNode campaign = SandboxHttp.object();
        campaign.put("name", name);
        campaign.putObject("contactList").put("id", listId);
        campaign.put("dialingMode", "predictive");
        campaign.put("abandonRate", 3.0);
        campaign.putArray("phoneColumns").addObject().put("columnName", "phone").put("type", "cell");
        campaign.put("callerName", "Acme Outbound");
        campaign.put("callerAddress", "+13175550100");
        campaign.putObject("queue").put("id", idByName(http, "/api/v2/routing/queues", "Outbound Sales"));
        campaign.putObject("script").put("id", idByName(http, "/api/v2/scripts", "Outbound Default Script"));
        campaign.putObject("site").put("id", idByName(http, "/api/v2/telephony/providers/edges/sites", "Main Site"));
        campaign.putObject("callAnalysisResponseSet").put("id",
                idByName(http, "/api/v2/outbound/callanalysisresponsesets", "Default Call Analysis"));
        return campaign;
    }
}
