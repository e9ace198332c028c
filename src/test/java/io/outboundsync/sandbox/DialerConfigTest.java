package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialerConfigTest {

    private static final String RULE = "{'name':'Skip minors','category':'DIALER_PRECALL','order':1,"
            + "'conditions':[{'type':'contactAttributeCondition','attributeName':'age','operator':'LESS_THAN',"
            + "'value':'18','valueType':'NUMERIC'}],"
            + "'actions':[{'type':'Action','actionTypeName':'DO_NOT_DIAL'}]}";

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension();
    private SandboxHttp http;

    @BeforeEach
    void client() {
        http = sandbox.http();
    }



    private static ObjectNode ruleSet(String rule) {
        return (ObjectNode) SandboxHttp.parse("{'name':'Compliance rules','rules':[" + rule + "]}");
    }

    @Test
    void storesARuleSetAndUpdatesItWithItsVersion() {
        SandboxHttp.Response created = http.post("/api/v2/outbound/rulesets", ruleSet(RULE));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        ObjectNode stored = (ObjectNode) created.body();
        String path = "/api/v2/outbound/rulesets/" + stored.get("id").asText();

        stored.withArray("rules").add(SandboxHttp.parse("{'name':'Bump tries','category':'DIALER_WRAPUP',"
                + "'conditions':[{'type':'wrapupCondition','codes':['w1']}],'actions':[{'type':'modifyContactAttribute',"
                + "'actionTypeName':'MODIFY_CONTACT_ATTRIBUTE','updateOption':'INCREMENT','properties':{'tries':'1'}}]}"));
        SandboxHttp.Response updated = http.put(path, stored);
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.body().get("rules")).hasSize(2);
        assertThat(http.put(path, stored).status()).isEqualTo(409);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "'category':'DIALER_SOMETIME'                                                  | Invalid value 'DIALER_SOMETIME'",
            "'operator':'ROUGHLY'                                                          | Invalid value 'ROUGHLY'",
            "'valueType':'MONEY'                                                           | Invalid value 'MONEY'",
            "'actionTypeName':'CALL_TWICE'                                                 | Invalid value 'CALL_TWICE'",
            "'type':'specialAction'                                                        | Invalid value 'specialAction'",
            "'actionTypeName':'MODIFY_CONTACT_ATTRIBUTE'                                   | 'updateOption' is required",
            "'actionTypeName':'SCHEDULE_CALLBACK'                                          | callbackOffset",
            "'attributeName':null                                                          | 'attributeName' is required",
            "'name':null                                                                   | 'name' is required",
    })
    void refusesABadRuleWithA400SayingWhy(String change, String reason) {
        String[] kv = change.split(":", 2);
        String key = kv[0].replace("'", "").trim();
        String value = kv[1].trim();
        ObjectNode rule = (ObjectNode) SandboxHttp.parse(RULE);
        ObjectNode target = switch (key) {
            case "operator", "valueType", "attributeName" -> (ObjectNode) rule.get("conditions").get(0);
            case "actionTypeName", "type" -> (ObjectNode) rule.get("actions").get(0);
            default -> rule;
        };
        target.set(key, SandboxHttp.parse(value));
        ObjectNode body = (ObjectNode) SandboxHttp.parse("{'name':'Bad rules','rules':[]}");
        body.withArray("rules").add(rule);

        SandboxHttp.Response response = http.post("/api/v2/outbound/rulesets", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains(reason);
    }

    @Test
    void storesCallableTimeSetsAndChecksZonesDaysAndTimes() {
        String good = "{'name':'Weekdays 9-20','callableTimes':[{'timeZoneId':'America/Chicago','timeSlots':["
                + "{'startTime':'09:00:00','stopTime':'20:00:00','day':1},{'startTime':'09:00:00','stopTime':'20:00:00','day':5}]}]}";
        assertThat(http.post("/api/v2/outbound/callabletimesets", SandboxHttp.parse(good)).status()).isEqualTo(200);

        assertThat(http.post("/api/v2/outbound/callabletimesets",
                SandboxHttp.parse(good.replace("America/Chicago", "Mars/Olympus")).deepCopy()).message())
                .contains("IANA");
        assertThat(http.post("/api/v2/outbound/callabletimesets",
                SandboxHttp.parse(good.replace("'day':5", "'day':8").replace("Weekdays", "X"))).message())
                .contains("'day'");
        assertThat(http.post("/api/v2/outbound/callabletimesets",
                SandboxHttp.parse(good.replace("'stopTime':'20:00:00','day':1", "'stopTime':'08:00:00','day':1")
                        .replace("Weekdays", "Y"))).message()).contains("must be after");
        assertThat(http.post("/api/v2/outbound/callabletimesets",
                SandboxHttp.parse(good.replace("09:00:00','stopTime':'20:00:00','day':1", "9am','stopTime':'20:00:00','day':1")
                        .replace("Weekdays", "Z"))).message()).contains("HH:mm:ss");
    }

    @Test
    void storesDncListsAndAppendsNumbersToInternalOnes() {
        SandboxHttp.Response internal = http.post("/api/v2/outbound/dnclists",
                SandboxHttp.parse("{'name':'Internal DNC','dncSourceType':'rds','contactMethod':'Phone'}"));
        assertThat(internal.status()).isEqualTo(200);
        String id = internal.body().get("id").asText();

        assertThat(http.post("/api/v2/outbound/dnclists/" + id + "/phonenumbers",
                SandboxHttp.parse("['+13175550100','+13175550101']")).status()).isEqualTo(204);
        assertThat(http.patch("/api/v2/outbound/dnclists/" + id + "/phonenumbers",
                SandboxHttp.parse("{'action':'Remove','phoneNumbers':['+13175550101']}")).status()).isEqualTo(204);
        JsonNode read = http.get("/api/v2/outbound/dnclists/" + id + "?includeSize=true").body();
        assertThat(read.get("size").asInt()).isEqualTo(1);

        SandboxHttp.Response noMethod = http.post("/api/v2/outbound/dnclists",
                SandboxHttp.parse("{'name':'No method','dncSourceType':'rds'}"));
        assertThat(noMethod.message()).contains("contactMethod");
        assertThat(http.post("/api/v2/outbound/dnclists",
                SandboxHttp.parse("{'name':'Bad type','dncSourceType':'internal'}")).message())
                .contains("Invalid value 'internal'");

        SandboxHttp.Response external = http.post("/api/v2/outbound/dnclists",
                SandboxHttp.parse("{'name':'DNC.com','dncSourceType':'dnc.com','loginId':'acme','dncCodes':['A']}"));
        SandboxHttp.Response append = http.post("/api/v2/outbound/dnclists/" + external.body().get("id").asText()
                + "/phonenumbers", SandboxHttp.parse("['+13175550100']"));
        assertThat(append.status()).isEqualTo(400);
        assertThat(append.message()).contains("Only Internal DNC lists");
    }
}
