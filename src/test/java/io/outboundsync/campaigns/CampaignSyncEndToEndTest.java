package io.outboundsync.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.campaigns.CampaignSync.Action;
import io.outboundsync.campaigns.CampaignSync.Change;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaigns flow against the sandbox over real HTTP: create, no-op, update, drift both ways, a failing step. */
class CampaignSyncEndToEndTest {

    @TempDir
    Path data;

    @TempDir
    Path config;

    private DropHarness org;

    @BeforeEach
    void start() throws IOException {
        org = new DropHarness(data, Map.of()).withConfig(config);
        Files.createDirectories(config.resolve("dnc"));
        Files.copy(Path.of("config/dnc/internal-dnc.txt"), config.resolve("dnc/internal-dnc.txt"));
        write(CampaignFixture.demo());
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private void write(String campaignFile) throws IOException {
        Files.createDirectories(config.resolve("campaigns"));
        Files.writeString(config.resolve("campaigns/demo.yaml"), campaignFile, StandardCharsets.UTF_8);
    }

    private CampaignSync.Report apply(Map<String, String> settings) {
        try (Pipeline pipeline = org.pipeline(settings)) {
            CampaignsFlow.Outcome outcome = pipeline.campaigns().applyAll("test");
            assertThat(outcome.invalid()).isEmpty();
            return outcome.reports().get(0);
        }
    }

    private CampaignSync.Report apply() {
        return apply(Map.of());
    }

    private CampaignSync.Report plan() {
        try (Pipeline pipeline = org.pipeline(Map.of())) {
            return pipeline.campaigns().planAll().reports().get(0);
        }
    }

    private static Map<String, Change> byKind(CampaignSync.Report report) {
        return report.changes().stream().collect(Collectors.toMap(Change::kind, Function.identity()));
    }

    private JsonNode only(String collection, String name) {
        for (JsonNode entity : org.control.get(collection + "?pageSize=100").get("entities")) {
            if (entity.get("name").asText().equals(name)) {
                return org.control.get(collection + "/" + entity.get("id").asText());
            }
        }
        throw new AssertionError("no " + name + " in " + collection);
    }

    /**
     * A rule's {@code setSkills} names routing skills; Genesys takes their ids, as a JSON array wrapped into a string
     * ({@code DialerAction} docs), and the sandbox refuses anything else. A name the org has no skill of stops the
     * campaign, naming the skills it has.
     */
    @Test
    void setSkillsSendsTheSkillsIdsAndRefusesAnUnknownNameWithTheKnownOnes() throws IOException {
        write(CampaignFixture.demoWith("      - callbackInMinutes: 60", "      - setSkills: [Spanish, Renewals]"));
        CampaignSync.Report report = apply();
        assertThat(report.error()).isNull();
        Map<String, String> skills = new java.util.HashMap<>();
        org.control.get("/api/v2/routing/skills?pageSize=100").get("entities")
                .forEach(skill -> skills.put(skill.get("name").asText(), skill.get("id").asText()));
        JsonNode action = only("/api/v2/outbound/rulesets", "Demo Renewals rules").get("rules").get(1)
                .get("actions").get(0);
        assertThat(action.get("actionTypeName").asText()).isEqualTo("SET_SKILLS");
        assertThat(action.get("properties").get("skills").asText())
                .isEqualTo("[\"" + skills.get("Spanish") + "\",\"" + skills.get("Renewals") + "\"]");
        // a second sync sees the same ids: nothing to change
        assertThat(byKind(plan()).get("ruleSet").action()).isEqualTo(Action.UNCHANGED);

        write(CampaignFixture.demoWith("      - callbackInMinutes: 60", "      - setSkills: [Klingon]"));
        assertThat(apply().error()).isEqualTo("rules: setSkills names 'Klingon', which is not a routing skill of the"
                + " org (it has: Spanish, Renewals); create it in Genesys or correct the name in demo.yaml");
    }

    /**
     * Genesys carries out each create but its answer is lost (the connection closes unanswered): before posting
     * again, the sync looks the object up by name and takes the one it made. One of each object, every one
     * recorded, no duplicate-name failure; a second apply changes nothing.
     */
    @Test
    void aCreateWhoseAnswerWasLostIsFoundByNameNotPostedAgain() {
        List<String> collections = List.of("/api/v2/outbound/contactlists", "/api/v2/outbound/dnclists",
                "/api/v2/outbound/contactlistfilters", "/api/v2/outbound/rulesets",
                "/api/v2/outbound/callabletimesets", "/api/v2/outbound/campaigns");
        for (String collection : collections) {
            org.control.post("/sandbox/faults", "{'method':'POST','path':'" + collection + "','lose':true,'times':1}");
        }
        CampaignSync.Report report = apply();
        assertThat(report.error()).isNull();
        for (String collection : collections) {
            assertThat(org.control.journal(collection).stream().filter(e -> e.get("method").asText().equals("POST")
                    && e.get("path").asText().equals(collection))).as("POSTs to " + collection).hasSize(1);
            assertThat(org.control.get(collection + "?pageSize=100").get("total").asInt()).as(collection)
                    .isEqualTo(1);
        }
        assertThat(apply().changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.UNCHANGED));
    }

    private List<JsonNode> audit(String type) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (var files = Files.list(data.resolve("audit"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode record = DropHarness.JSON.readTree(line);
                    if (type.equals(record.get("type").asText())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private List<String> auditTypes() throws IOException {
        List<String> types = new ArrayList<>();
        try (var files = Files.list(data.resolve("audit"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    types.add(DropHarness.JSON.readTree(line).get("type").asText());
                }
            }
        }
        return types;
    }

    @Test
    void createsEveryObjectThenAppliesNothingTheSecondTime() throws IOException {
        CampaignSync.Report first = apply();
        assertThat(first.error()).isNull();
        assertThat(first.changes()).extracting(Change::kind).containsExactly("contactList", "dncList",
                "contactListFilter", "ruleSet", "callableTimeSet", "campaign", "schedule");
        // the DNC list was made when the pipeline started, to take the do-not-call file
        assertThat(first.changes()).filteredOn(c -> !c.kind().equals("dncList")).allSatisfy(c -> {
            assertThat(c.action()).isEqualTo(Action.CREATE);
            assertThat(c.applied()).isTrue();
        });
        assertThat(byKind(first).get("dncList").action()).isEqualTo(Action.UNCHANGED);

        JsonNode campaign = only("/api/v2/outbound/campaigns", "Demo Renewals");
        Map<String, Change> created = byKind(first);
        assertThat(campaign.get("campaignStatus").asText()).isEqualTo("off");
        assertThat(campaign.at("/contactList/id").asText()).isEqualTo(created.get("contactList").id());
        assertThat(campaign.at("/contactListFilters/0/id").asText()).isEqualTo(created.get("contactListFilter").id());
        assertThat(campaign.at("/ruleSets/0/id").asText()).isEqualTo(created.get("ruleSet").id());
        assertThat(campaign.at("/callableTimeSet/id").asText()).isEqualTo(created.get("callableTimeSet").id());
        assertThat(campaign.at("/dncLists/0/id").asText()).isEqualTo(created.get("dncList").id());
        assertThat(only("/api/v2/outbound/dnclists", "Demo Renewals DNC").get("dncSourceType").asText())
                .isEqualTo("rds");
        assertThat(campaign.at("/queue/id").asText()).isEqualTo(only("/api/v2/routing/queues", "Outbound Sales")
                .get("id").asText());
        assertThat(campaign.get("outboundLineCount").asInt()).isEqualTo(20);
        JsonNode schedule = org.control.get("/api/v2/outbound/schedules/campaigns/" + campaign.get("id").asText());
        assertThat(schedule.get("timeZone").asText()).isEqualTo("America/Indiana/Indianapolis");
        assertThat(schedule.get("intervals")).isNotEmpty();
        // wall-clock time in the campaign's zone, with that zone's offset (ScheduleInterval: ".SSSZ")
        assertThat(schedule.at("/intervals/0/start").asText()).isEqualTo("2026-11-02T09:00:00.000-05:00");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(webhookTypes("cdp")).contains("campaign.segments.updated");
            assertThat(webhookTypes("wfm")).contains("campaign.schedule.updated");
        });
        // the CDP hears the service's count of the new segment; an apply counts nothing locally (plan does)
        assertThat(webhook("cdp", "campaign.segments.updated").at("/data/expectedContacts").isNumber()).isTrue();
        assertThat(first.segmentSize().preview()).isNotNull();
        assertThat(first.segmentSize().local()).isNull();
        assertThat(first.ruleHits()).isEmpty();
        JsonNode scheduleEvent = webhook("wfm", "campaign.schedule.updated");
        assertThat(scheduleEvent.at("/data/intervals/0/startUtc").asText()).endsWith("Z");
        assertThat(auditTypes()).filteredOn("campaign.change"::equals).hasSize(6);
        // each applied change says how long its call took; the sync says what it did, its rules and its time
        assertThat(audit("campaign.change")).allSatisfy(r -> assertThat(r.at("/details/latencyMs").isIntegralNumber())
                .as(r.toString()).isTrue());
        // and who made it: the user the process runs as (tutorial 004's user_id)
        assertThat(audit("campaign.change")).allSatisfy(r -> assertThat(r.at("/details/actor").asText())
                .isEqualTo(System.getProperty("user.name")));
        assertThat(audit("campaign.sync")).singleElement().satisfies(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("ok");
            assertThat(r.at("/details/rules").asInt()).isEqualTo(2);
            assertThat(r.at("/details/latencyMs").asLong()).isEqualTo(first.latencyMs()).isNotNegative();
            assertThat(r.at("/details/actor").asText()).isEqualTo(System.getProperty("user.name"));
        });

        CampaignSync.Report second = apply();
        // nothing changed: no count asked of anyone
        assertThat(second.segmentSize()).isNull();
        assertThat(second.changes()).allSatisfy(c -> {
            assertThat(c.action()).isEqualTo(Action.UNCHANGED);
            assertThat(c.applied()).isNull();
        });
        assertThat(plan().pending()).isFalse();
        assertThat(auditTypes()).filteredOn("campaign.change"::equals).hasSize(6);
    }

    @Test
    void aChangedFileUpdatesOnlyWhatChangedWithTheNextVersion() throws IOException {
        apply();
        int ruleSetVersion = only("/api/v2/outbound/rulesets", "Demo Renewals rules").get("version").asInt();
        write(CampaignFixture.demoWith("      - callbackInMinutes: 60", "      - callbackInMinutes: 90")
                .replace("{ column: engagementScore, atLeast: 0.3 }", "{ column: engagementScore, atLeast: 0.4 }"));

        Map<String, Change> planned = byKind(plan());
        assertThat(planned.get("ruleSet").action()).isEqualTo(Action.UPDATE);
        assertThat(planned.get("ruleSet").fields()).containsExactly("rules");
        assertThat(planned.get("contactListFilter").fields()).containsExactly("clauses");
        assertThat(planned.get("campaign").action()).isEqualTo(Action.UNCHANGED);
        assertThat(planned.get("schedule").action()).isEqualTo(Action.UNCHANGED);

        Map<String, Change> applied = byKind(apply());
        assertThat(applied.get("ruleSet").applied()).isTrue();
        assertThat(applied.get("ruleSet").liveVersion()).isEqualTo(ruleSetVersion);
        assertThat(applied.get("ruleSet").newVersion()).isEqualTo(ruleSetVersion + 1);
        JsonNode rules = only("/api/v2/outbound/rulesets", "Demo Renewals rules");
        assertThat(rules.at("/rules/1/actions/0/properties/callbackOffset").asText()).isEqualTo("90");
        assertThat(plan().pending()).isFalse();
    }

    /** Someone edits the filter in Genesys: reported and left alone, or overwritten with campaigns.drift=correct. */
    @Test
    void driftIsReportedOrCorrectedAsConfigured() throws IOException {
        apply();
        JsonNode filter = only("/api/v2/outbound/contactlistfilters", "Demo Renewals segments");
        String id = filter.get("id").asText();
        ObjectNode edited = filter.deepCopy();
        edited.put("filterType", "OR");
        org.control.put("/api/v2/outbound/contactlistfilters/" + id, edited.toString());

        Change planned = byKind(plan()).get("contactListFilter");
        assertThat(planned.action()).isEqualTo(Action.DRIFTED);
        assertThat(planned.fields()).containsExactly("filterType");

        Change reported = byKind(apply()).get("contactListFilter");
        assertThat(reported.applied()).isFalse();
        assertThat(org.control.get("/api/v2/outbound/contactlistfilters/" + id).get("filterType").asText())
                .isEqualTo("OR");
        assertThat(auditTypes()).contains("campaign.drift");

        Change corrected = byKind(apply(Map.of("campaigns.drift", "correct"))).get("contactListFilter");
        assertThat(corrected.action()).isEqualTo(Action.DRIFTED);
        assertThat(corrected.applied()).isTrue();
        assertThat(org.control.get("/api/v2/outbound/contactlistfilters/" + id).get("filterType").asText())
                .isEqualTo("AND");
        assertThat(plan().pending()).isFalse();
    }

    /**
     * Reproduced: the filter renamed in Genesys (as in its UI), plan wanted to create a second filter and repoint the
     * campaign, leaving an orphan. Objects are tracked by id: a rename is drift of the name, shown with its values.
     */
    @Test
    void aFilterRenamedInGenesysIsDriftOfItsNameNotASecondFilter() throws IOException {
        apply();
        JsonNode filter = only("/api/v2/outbound/contactlistfilters", "Demo Renewals segments");
        String id = filter.get("id").asText();
        org.control.put("/api/v2/outbound/contactlistfilters/" + id, ((ObjectNode) filter.deepCopy())
                .put("name", "Renamed by a supervisor").toString());

        CampaignSync.Report plan = plan();
        assertThat(plan.changes()).noneMatch(c -> c.action() == Action.CREATE);
        Change planned = byKind(plan).get("contactListFilter");
        assertThat(planned.action()).isEqualTo(Action.DRIFTED);
        assertThat(planned.id()).isEqualTo(id);
        assertThat(planned.values()).containsExactly(new CampaignSync.FieldChange("name",
                "\"Renamed by a supervisor\"", "\"Demo Renewals segments\""));
        assertThat(byKind(plan).get("campaign").action()).isEqualTo(Action.UNCHANGED);

        assertThat(byKind(apply()).get("contactListFilter").applied()).isFalse();
        assertThat(filters()).as("no second filter").hasSize(1);
        assertThat(byKind(apply(Map.of("campaigns.drift", "correct"))).get("contactListFilter").applied()).isTrue();
        assertThat(filters()).singleElement().satisfies(f -> {
            assertThat(f.get("id").asText()).isEqualTo(id);
            assertThat(f.get("name").asText()).isEqualTo("Demo Renewals segments");
        });
        assertThat(plan().pending()).isFalse();
    }

    /** The contact list renamed in Genesys: drift of its name for the plan, and drops still go to it, by id. */
    @Test
    void aContactListRenamedInGenesysIsStillTheListDropsGoTo() throws IOException {
        apply();
        JsonNode list = only("/api/v2/outbound/contactlists", "Demo Renewals");
        String id = list.get("id").asText();
        org.control.put("/api/v2/outbound/contactlists/" + id, ((ObjectNode) list.deepCopy())
                .put("name", "Renewals (old)").toString());

        Change planned = byKind(plan()).get("contactList");
        assertThat(planned.action()).isEqualTo(Action.DRIFTED);
        assertThat(planned.values()).containsExactly(new CampaignSync.FieldChange("name", "\"Renewals (old)\"",
                "\"Demo Renewals\""));

        org.drop("demo", "after-rename.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        org.runOnce();
        assertThat(org.control.get("/api/v2/outbound/contactlists").get("entities")).singleElement()
                .satisfies(l -> assertThat(l.get("id").asText()).isEqualTo(id));
        assertThat(org.size(id)).isEqualTo(18);

        assertThat(byKind(apply(Map.of("campaigns.drift", "correct"))).get("contactList").applied()).isTrue();
        assertThat(org.control.get("/api/v2/outbound/contactlists/" + id).get("name").asText())
                .isEqualTo("Demo Renewals");
    }

    /** An object deleted outside is reported; it is made again (and referred to) only with drift=correct. */
    @Test
    void aRuleSetDeletedOutsideIsReportedAndMadeAgainOnlyWhenCorrecting() throws IOException {
        apply();
        String ruleSetId = only("/api/v2/outbound/rulesets", "Demo Renewals rules").get("id").asText();
        JsonNode campaign = only("/api/v2/outbound/campaigns", "Demo Renewals");
        org.control.put("/api/v2/outbound/campaigns/" + campaign.get("id").asText(), ((ObjectNode) campaign
                .deepCopy()).putNull("ruleSets").toString());
        org.control.delete("/api/v2/outbound/rulesets/" + ruleSetId);

        Change planned = byKind(plan()).get("ruleSet");
        assertThat(planned.action()).isEqualTo(Action.DELETED);
        assertThat(planned.id()).isEqualTo(ruleSetId);

        assertThat(byKind(apply()).get("ruleSet").applied()).isFalse();
        assertThat(org.control.get("/api/v2/outbound/rulesets").get("entities")).isEmpty();
        assertThat(auditTypes()).contains("campaign.drift");

        CampaignSync.Report corrected = apply(Map.of("campaigns.drift", "correct"));
        Change remade = byKind(corrected).get("ruleSet");
        assertThat(remade.action()).isEqualTo(Action.DELETED);
        assertThat(remade.applied()).isTrue();
        assertThat(remade.id()).isNotEqualTo(ruleSetId);
        assertThat(only("/api/v2/outbound/campaigns", "Demo Renewals").at("/ruleSets/0/id").asText())
                .isEqualTo(remade.id());
        assertThat(plan().pending()).isFalse();
    }

    /** First contact with an org that has an object of that name: the plan says it adopts it, with what differs. */
    @Test
    void anObjectOfTheSameNameIsAdoptedOpenlyNeverSilently() throws IOException {
        String existing = org.control.post("/api/v2/outbound/callabletimesets", "{'name': 'Demo Renewals calling"
                + " hours', 'callableTimes': [{'timeZoneId': 'UTC', 'timeSlots': [{'startTime': '10:00:00',"
                + " 'stopTime': '11:00:00', 'day': 1}]}]}").get("id").asText();

        Change planned = byKind(plan()).get("callableTimeSet");
        assertThat(planned.action()).isEqualTo(Action.ADOPT);
        assertThat(planned.id()).isEqualTo(existing);
        assertThat(planned.values()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("callableTimes");
            assertThat(v.from()).contains("\"startTime\":\"10:00:00\"");
            // long values are shortened for the plan
            assertThat(v.to()).contains("\"startTime\":\"08:00:00\"").endsWith("…").hasSize(72);
        });

        Change adopted = byKind(apply()).get("callableTimeSet");
        assertThat(adopted.action()).isEqualTo(Action.ADOPT);
        assertThat(adopted.applied()).isTrue();
        assertThat(org.control.get("/api/v2/outbound/callabletimesets").get("entities")).singleElement()
                .satisfies(c -> assertThat(c.get("id").asText()).isEqualTo(existing));
        assertThat(only("/api/v2/outbound/campaigns", "Demo Renewals").at("/callableTimeSet/id").asText())
                .isEqualTo(existing);
        assertThat(byKind(plan()).get("callableTimeSet").action()).isEqualTo(Action.UNCHANGED);
    }

    private List<JsonNode> filters() {
        List<JsonNode> all = new ArrayList<>();
        org.control.get("/api/v2/outbound/contactlistfilters?pageSize=100").get("entities").forEach(all::add);
        return all;
    }

    /** A 409 (someone else's write) in the middle: the rule set is re-read, the change re-applied, and it lands. */
    @Test
    void aVersionConflictInTheMiddleOfAnApplyIsRetried() throws IOException {
        apply();
        write(CampaignFixture.demoWith("      - callbackInMinutes: 60", "      - callbackInMinutes: 45"));
        String id = only("/api/v2/outbound/rulesets", "Demo Renewals rules").get("id").asText();
        org.control.fail("PUT", "/api/v2/outbound/rulesets/" + id, 409, 1);

        CampaignSync.Report report = apply();
        assertThat(report.error()).isNull();
        assertThat(byKind(report).get("ruleSet").applied()).isTrue();
        assertThat(org.control.journal("/api/v2/outbound/rulesets/" + id).stream()
                .filter(e -> e.get("method").asText().equals("PUT")).map(e -> e.get("status").asInt()))
                .containsExactly(409, 200);
        assertThat(only("/api/v2/outbound/rulesets", "Demo Renewals rules")
                .at("/rules/1/actions/0/properties/callbackOffset").asText()).isEqualTo("45");
    }

    /** A step Genesys refuses stops the campaign's remaining steps; the report says what was applied and not. */
    @Test
    void aFailingStepStopsTheRestAndSaysWhatWasApplied() throws IOException {
        org.control.fail("POST", "/api/v2/outbound/campaigns", 400, 1);
        CampaignSync.Report report = apply();
        assertThat(report.error()).contains("could not create campaign 'Demo Renewals'").contains("400");
        assertThat(report.changes()).extracting(Change::kind).containsExactly("contactList", "dncList",
                "contactListFilter", "ruleSet", "callableTimeSet");
        assertThat(org.control.get("/api/v2/outbound/campaigns").get("entities")).isEmpty();
        assertThat(audit("campaign.sync")).last().satisfies(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("failed");
            assertThat(r.at("/details/error").asText()).contains("400");
            assertThat(r.at("/details/latencyMs").isIntegralNumber()).isTrue();
        });

        CampaignSync.Report retried = apply();
        assertThat(retried.error()).isNull();
        assertThat(byKind(retried).get("campaign").action()).isEqualTo(Action.CREATE);
        assertThat(byKind(retried).get("ruleSet").action()).isEqualTo(Action.UNCHANGED);
    }

    /** A command file syncs its campaign and moves to processed/commands/; one it cannot carry out goes to failed/. */
    @Test
    void commandFilesAndTheQuartzScheduleTriggerASync() throws IOException {
        try (Pipeline pipeline = org.pipeline(Map.of("campaigns.commands.poll-delay-ms", "100"))) {
            Path commands = data.resolve("inbox/commands");
            Files.writeString(commands.resolve("bad.json"), "{\"campaign\": \"demo\", \"action\": \"explode\"}");
            Files.writeString(commands.resolve("sync.json"), "{\"campaign\": \"demo\", \"action\": \"sync\"}");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(data.resolve("processed/commands/sync.json")).exists();
                assertThat(data.resolve("failed/bad.json.error.txt")).content().contains("'explode' is not an"
                        + " action: sync, activate, pause or complete");
            });
            assertThat(org.control.get("/api/v2/outbound/campaigns").get("entities")).hasSize(1);
        }
        // every second, in a zone other than the machine's: a change in the file is applied without a command
        write(CampaignFixture.demoWith("      - callbackInMinutes: 60", "      - callbackInMinutes: 30"));
        try (Pipeline pipeline = org.pipeline(Map.of("campaigns.sync.cron", "0/1 * * * * ?",
                "campaigns.sync.time-zone", "Pacific/Auckland"))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(only("/api/v2/outbound/rulesets",
                    "Demo Renewals rules").at("/rules/1/actions/0/properties/callbackOffset").asText()).isEqualTo("30"));
        }
        assertThat(auditTypes()).contains("campaign.change");
    }

    /** A campaign file with mistakes stops that campaign only. */
    @Test
    void aBrokenCampaignFileStopsOnlyThatCampaign() throws IOException {
        Files.writeString(config.resolve("campaigns/broken.yaml"), CampaignFixture.demo()
                .replace("name: Demo Renewals", "name: Broken Renewals").replace("  dialingMode: progressive",
                        "  dialingMode: sideways"));
        try (Pipeline pipeline = org.pipeline(Map.of())) {
            CampaignsFlow.Outcome outcome = pipeline.campaigns().applyAll("test");
            assertThat(outcome.reports()).extracting(CampaignSync.Report::campaign).containsExactly("demo");
            assertThat(outcome.reports().get(0).error()).isNull();
            assertThat(outcome.invalid()).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .contains("broken.yaml line").contains("campaign.dialingMode"));
        }
        assertThat(auditTypes()).contains("campaign.config");
    }

    private List<String> webhookTypes(String name) {
        List<String> types = new ArrayList<>();
        org.control.get("/sandbox/webhooks?name=" + name).forEach(e -> types.add(e.at("/body/type").asText()));
        return types;
    }

    private JsonNode webhook(String name, String type) {
        for (JsonNode event : org.control.get("/sandbox/webhooks?name=" + name)) {
            if (event.at("/body/type").asText().equals(type)) {
                return event.get("body");
            }
        }
        throw new AssertionError("no " + type);
    }
}
