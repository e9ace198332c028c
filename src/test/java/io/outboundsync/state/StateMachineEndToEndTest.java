package io.outboundsync.state;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.state.CampaignStates.Outcome;
import io.outboundsync.state.CampaignStates.Result;
import io.outboundsync.testing.DropHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machine against the sandbox over real HTTP: every cell of the transition matrix, each guard refusing
 * and passing, an override, a racing writer (409), a pause draining through stopping, stale requests and
 * scheduled transitions in a zone other than the machine's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateMachineEndToEndTest {

    private static final String ALL_DAY = "callingWindow:\n  weekdays: \"00:00-24:00\"\n  weekend: \"00:00-24:00\"\n";
    private static final long STOPPING_MS = 1500;

    @TempDir
    static Path data;

    @TempDir
    static Path config;

    private DropHarness org;
    private Pipeline pipeline;
    /** The zone where it was 03:xx when the files were written. */
    private String nightZone;

    @BeforeAll
    void start() throws IOException {
        org = new DropHarness(data, Map.of("sandbox.campaign.stopping-ms", String.valueOf(STOPPING_MS)))
                .withConfig(config);
        Files.createDirectories(config.resolve("dnc"));
        Files.copy(Path.of("config/dnc/internal-dnc.txt"), config.resolve("dnc/internal-dnc.txt"));
        for (String name : List.of("matrix", "complete-on", "complete-off", "complete-invalid", "guards", "race")) {
            campaignFile(name, "Demo Renewals", allDay());
        }
        campaignFile("empty", "Empty Renewals", allDay());
        // a calling window on another day only (in the campaign's zone), so now is always outside it
        DayOfWeek other = ZonedDateTime.now(ZoneId.of("America/Indiana/Indianapolis")).getDayOfWeek().plus(3);
        campaignFile("closed", "Demo Renewals", withoutSchedule(demo()).replaceAll("(?s)callingWindow:.*",
                "callingWindow:\n  " + other.name().toLowerCase(Locale.ROOT) + ": \"00:00-24:00\"\n"));
        // no calling window of their own: the default hours (08:00-21:00) apply, at 03:xx and 13:xx local time now
        nightZone = zoneAt(3);
        campaignFile("night", "Demo Renewals", withoutWindow(nightZone));
        campaignFile("day", "Demo Renewals", withoutWindow(zoneAt(13)));
        org.drop("matrix", "contacts.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        org.runOnce();
        pipeline = org.pipeline(Map.of("pipeline.tool", "true", "state.pause.poll-ms", "100",
                "genesys.rate-limit.requests-per-window", "100000"));
        assertThat(pipeline.campaigns().applyAll("test").failed()).isFalse();
    }

    @AfterAll
    void stop() {
        pipeline.close();
        org.close();
    }

    private static String demo() {
        try {
            return Files.readString(Path.of("config/campaigns/demo.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String allDay() {
        return demo().replaceAll("(?s)callingWindow:.*", ALL_DAY);
    }

    /** A fixed-offset zone where the local hour is now {@code hour}. */
    private static String zoneAt(int hour) {
        int utc = ZonedDateTime.now(ZoneId.of("UTC")).getHour();
        int offset = Math.floorMod(hour - utc + 12, 24) - 12; // -12..+11
        return offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }

    private static String withoutWindow(String zone) {
        return withoutSchedule(demo()).replaceAll("(?s)callingWindow:.*", "")
                .replace("timeZone: America/Indiana/Indianapolis", "timeZone: " + zone);
    }

    private static String withoutSchedule(String file) {
        return file.replaceAll("(?s)\\n# When the campaign runs:.*?\\n(?=# When calls may be placed)", "\n");
    }

    private void campaignFile(String key, String listName, String text) throws IOException {
        Files.createDirectories(config.resolve("campaigns"));
        Files.writeString(config.resolve("campaigns/" + key + ".yaml"), text
                .replace("contactList:\n  name: Demo Renewals", "contactList:\n  name: " + listName)
                .replace("campaign:\n  name: Demo Renewals", "campaign:\n  name: Campaign " + key));
    }

    private Result request(String key, Matrix.Action action, String reason) {
        return request(key, action, reason, null, Instant.now());
    }

    private Result request(String key, Matrix.Action action, String reason, String override, Instant at) {
        return pipeline.states().request(new CampaignStates.Request(key, action, reason, "tester", at, override));
    }

    private String campaignId(String key) {
        for (JsonNode c : org.control.get("/api/v2/outbound/campaigns?pageSize=100").get("entities")) {
            if (c.get("name").asText().equals("Campaign " + key)) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no campaign " + key);
    }

    private void force(String key, String status) {
        org.control.put("/sandbox/campaigns/" + campaignId(key) + "/status", "{\"campaignStatus\": \"" + status
                + "\"}");
    }

    private String status(String key) {
        return org.control.get("/api/v2/outbound/campaigns/" + campaignId(key)).get("campaignStatus").asText();
    }

    /** A campaign file without calling hours gets the default window: as its callable time set and its guard. */
    @Test
    void aCampaignWithoutCallingHoursIsHeldToTheDefaultWindow() {
        Result night = request("night", Matrix.Action.ACTIVATE, null);
        assertThat(night.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(night.guards()).filteredOn(g -> g.name().equals("callingWindow")).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.detail()).contains("[08:00-21:00]").contains("campaigns.default-calling-window");
        });
        assertThat(request("day", Matrix.Action.ACTIVATE, null).guards())
                .filteredOn(g -> g.name().equals("callingWindow")).singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());

        JsonNode hours = null;
        for (JsonNode set : org.control.get("/api/v2/outbound/callabletimesets?pageSize=100").get("entities")) {
            if (set.get("name").asText().equals("Campaign night calling hours")) {
                hours = set;
            }
        }
        assertThat(hours).as("the default hours become the campaign's callable time set").isNotNull();
        assertThat(hours.at("/callableTimes/0/timeZoneId").asText()).isEqualTo(nightZone);
        assertThat(hours.at("/callableTimes/0/timeSlots")).hasSize(7).allSatisfy(slot -> {
            assertThat(slot.get("startTime").asText()).isEqualTo("08:00:00");
            assertThat(slot.get("stopTime").asText()).isEqualTo("21:00:00");
        });
        JsonNode campaign = org.control.get("/api/v2/outbound/campaigns/" + campaignId("night"));
        assertThat(campaign.at("/callableTimeSet/id").asText()).isEqualTo(hours.get("id").asText());

        // the override, audited, stays the only way past it
        assertThat(request("night", Matrix.Action.ACTIVATE, null, "tested at night", Instant.now()).outcome())
                .isEqualTo(Outcome.APPLIED);
    }

    @Test
    void everyCellOfTheMatrix() {
        record Cell(String status, Matrix.Action action, Outcome outcome, String after, String message) {
        }
        List<Cell> cells = List.of(
                new Cell("off", Matrix.Action.ACTIVATE, Outcome.APPLIED, "on", "off → on"),
                new Cell("on", Matrix.Action.ACTIVATE, Outcome.NO_CHANGE, "on", "already active"),
                new Cell("on", Matrix.Action.PAUSE, Outcome.APPLIED, "off", "on → stopping → off"),
                new Cell("off", Matrix.Action.PAUSE, Outcome.NO_CHANGE, "off", "already paused"),
                new Cell("forced_off", Matrix.Action.PAUSE, Outcome.NO_CHANGE, "forced_off", "already paused"),
                new Cell("forced_off", Matrix.Action.ACTIVATE, Outcome.APPLIED, "on", "off → on"),
                new Cell("stopping", Matrix.Action.ACTIVATE, Outcome.REFUSED, null, "nothing is requested"),
                new Cell("stopping", Matrix.Action.PAUSE, Outcome.REFUSED, null, "nothing is requested"),
                new Cell("stopping", Matrix.Action.COMPLETE, Outcome.REFUSED, null, "nothing is requested"),
                new Cell("forced_stopping", Matrix.Action.ACTIVATE, Outcome.REFUSED, null, "nothing is requested"),
                new Cell("complete", Matrix.Action.ACTIVATE, Outcome.REFUSED, "complete", "not reactivated"),
                new Cell("complete", Matrix.Action.PAUSE, Outcome.REFUSED, "complete", "nothing to pause"),
                new Cell("complete", Matrix.Action.COMPLETE, Outcome.NO_CHANGE, "complete", "already completed"),
                new Cell("invalid", Matrix.Action.ACTIVATE, Outcome.REFUSED, "invalid", "invalid"),
                new Cell("invalid", Matrix.Action.PAUSE, Outcome.NO_CHANGE, "invalid", "already paused"),
                new Cell("off", Matrix.Action.ARCHIVE, Outcome.REFUSED, "off", "no equivalent in Genesys Cloud"),
                new Cell("on", Matrix.Action.ARCHIVE, Outcome.REFUSED, "on", "no equivalent in Genesys Cloud"));
        List<String> failures = new ArrayList<>();
        for (Cell cell : cells) {
            force("matrix", cell.status());
            Result result = request("matrix", cell.action(), "OTHER");
            String cellName = cell.status() + " + " + cell.action() + ": ";
            if (result.outcome() != cell.outcome() || !result.message().contains(cell.message())) {
                failures.add(cellName + result.outcome() + " " + result.message());
            }
            if (cell.after() != null && !status("matrix").equals(cell.after())) {
                failures.add(cellName + "status " + status("matrix") + ", expected " + cell.after());
            }
        }
        assertThat(failures).isEmpty();
    }

    /** complete: Genesys takes no "complete"; the campaign stops (draining) and is marked completed here. */
    @Test
    void completingStopsTheCampaignAndItIsNotReactivated() {
        force("complete-on", "on");
        Result fromOn = request("complete-on", Matrix.Action.COMPLETE, null);
        assertThat(fromOn.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(fromOn.to()).isEqualTo("paused");
        assertThat(status("complete-on")).isEqualTo("off");
        assertThat(request("complete-on", Matrix.Action.ACTIVATE, null).message()).contains("not reactivated");

        force("complete-off", "off");
        assertThat(request("complete-off", Matrix.Action.COMPLETE, null).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(request("complete-off", Matrix.Action.COMPLETE, null).outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(request("complete-off", Matrix.Action.PAUSE, "OTHER").outcome()).isEqualTo(Outcome.REFUSED);

        force("complete-invalid", "invalid");
        assertThat(request("complete-invalid", Matrix.Action.COMPLETE, null).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(status("complete-invalid")).isEqualTo("invalid");
    }

    @Test
    void aPauseNeedsAReasonFromTheListAndDrainsThroughStopping() {
        force("guards", "on");
        assertThat(request("guards", Matrix.Action.PAUSE, null).message()).contains("a pause needs a reason");
        assertThat(request("guards", Matrix.Action.PAUSE, "LUNCH").message()).contains("'LUNCH' is not a pause"
                + " reason");
        assertThat(status("guards")).isEqualTo("on");

        Result paused = request("guards", Matrix.Action.PAUSE, "AGENT_CAPACITY");
        assertThat(paused.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(paused.drainMs()).isGreaterThanOrEqualTo(STOPPING_MS - 200);
        assertThat(org.control.journal("/api/v2/outbound/campaigns/" + campaignId("guards")).stream()
                .filter(e -> e.get("method").asText().equals("GET")).count()).isGreaterThan(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(wfm()).anySatisfy(e -> {
            assertThat(e.at("/data/campaign").asText()).isEqualTo("guards");
            assertThat(e.at("/data/from").asText()).isEqualTo("active");
            assertThat(e.at("/data/to").asText()).isEqualTo("paused");
            assertThat(e.at("/data/reason").asText()).isEqualTo("AGENT_CAPACITY");
            assertThat(e.at("/data/requestedBy").asText()).isEqualTo("tester");
            assertThat(e.at("/data/latencyMs").asLong()).isGreaterThanOrEqualTo(STOPPING_MS - 200);
        }));
    }

    @Test
    void eachGuardRefusesWithItsNumbersAndPasses() {
        String queue = org.control.get("/api/v2/routing/queues?name=Outbound%20Sales").at("/entities/0/id").asText();
        force("guards", "off");
        org.control.put("/sandbox/queues/" + queue + "/agents", "{\"onQueue\": 5, \"idle\": 0}");
        Result noAgents = request("guards", Matrix.Action.ACTIVATE, null);
        assertThat(noAgents.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(noAgents.guards()).filteredOn(g -> g.name().equals("agents")).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.detail()).isEqualTo("0 idle agent(s) on queue 'Outbound Sales', at least 2 needed");
        });
        assertThat(status("guards")).isEqualTo("off");
        // one idle agent is not enough by default (tutorial 001: at least two)
        org.control.put("/sandbox/queues/" + queue + "/agents", "{\"onQueue\": 5, \"idle\": 1}");
        assertThat(request("guards", Matrix.Action.ACTIVATE, null).guards()).filteredOn(g -> g.name()
                .equals("agents")).singleElement().satisfies(g -> assertThat(g.detail()).isEqualTo("1 idle"
                        + " agent(s) on queue 'Outbound Sales', at least 2 needed"));
        assertThat(status("guards")).isEqualTo("off");

        // an override goes past the refusing guard, with its reason in the audit
        Result overridden = request("guards", Matrix.Action.ACTIVATE, null, "supervisor approved: agents logging in",
                Instant.now());
        assertThat(overridden.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(overridden.override()).isEqualTo("supervisor approved: agents logging in");
        assertThat(request("guards", Matrix.Action.PAUSE, "OTHER").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(request("guards", Matrix.Action.ACTIVATE, null, " ", Instant.now()).message())
                .contains("an override needs a reason");
        // every request is audited with its guard results, the override with its reason
        List<JsonNode> audited = stateAudit();
        assertThat(audited).anySatisfy(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("refused");
            assertThat(r.at("/details/guards/0/detail").asText()).isEqualTo("0 idle agent(s) on queue"
                    + " 'Outbound Sales', at least 2 needed");
        });
        assertThat(audited).anySatisfy(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("applied");
            assertThat(r.at("/details/override").asText()).isEqualTo("supervisor approved: agents logging in");
            assertThat(r.at("/details/guards/0/passed").asBoolean()).isFalse();
        });

        org.control.put("/sandbox/queues/" + queue + "/agents", "{\"onQueue\": 5, \"idle\": 3}");
        String list = org.control.get("/api/v2/outbound/campaigns/" + campaignId("guards")).at("/contactList/id")
                .asText();
        org.control.put("/sandbox/contactlists/" + list + "/importstatus", "{\"state\": \"IN_PROGRESS\","
                + " \"durationMs\": 60000}");
        Result importing = request("guards", Matrix.Action.ACTIVATE, null);
        assertThat(importing.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(importing.guards()).filteredOn(g -> !g.passed()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("contactList");
            assertThat(g.detail()).contains("import IN_PROGRESS");
        });
        org.control.put("/sandbox/contactlists/" + list + "/importstatus", "{\"state\": \"FAILED\","
                + " \"failureReason\": \"bad file\"}");
        assertThat(request("guards", Matrix.Action.ACTIVATE, null).guards()).filteredOn(g -> !g.passed())
                .singleElement().satisfies(g -> assertThat(g.detail()).contains("import FAILED: bad file"));
        org.control.put("/sandbox/contactlists/" + list + "/importstatus", "{}");

        Result passing = request("guards", Matrix.Action.ACTIVATE, null);
        assertThat(passing.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(passing.guards()).extracting(CampaignStates.Guard::name).containsExactly("agents",
                "callingWindow", "contactList");
        assertThat(passing.guards()).allSatisfy(g -> assertThat(g.passed()).isTrue());
        assertThat(passing.guards().get(0).detail()).startsWith("3 idle agent(s)");
        assertThat(passing.guards().get(2).detail()).startsWith("18 contact(s) in list 'Demo Renewals'");

        Result empty = request("empty", Matrix.Action.ACTIVATE, null);
        assertThat(empty.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(empty.guards()).filteredOn(g -> !g.passed()).singleElement().satisfies(g -> assertThat(g.detail())
                .startsWith("0 contact(s) in list 'Empty Renewals'"));

        Result closed = request("closed", Matrix.Action.ACTIVATE, null);
        assertThat(closed.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(closed.guards()).filteredOn(g -> !g.passed()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("callingWindow");
            assertThat(g.detail()).contains("in America/Indiana/Indianapolis; calling hours that day []");
        });
    }

    /** Another writer changes the campaign between our read and our PUT: re-read, decide again, then apply. */
    @Test
    void aRacingWriterIsHandledByReadingAndDecidingAgain() throws Exception {
        force("race", "off");
        String id = campaignId("race");
        org.control.fail("PUT", "/api/v2/outbound/campaigns/" + id, 409, 1);
        Result activated = request("race", Matrix.Action.ACTIVATE, null);
        assertThat(activated.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(org.control.journal("/api/v2/outbound/campaigns/" + id).stream()
                .filter(e -> e.get("method").asText().equals("PUT")).map(e -> e.get("status").asInt()))
                .containsExactly(409, 200);

        // two requests for one campaign at once: one after the other, in arrival order
        int seen = org.control.journal("/api/v2/outbound/campaigns/" + id).size();
        CompletableFuture<Result> pause = CompletableFuture.supplyAsync(() -> request("race", Matrix.Action.PAUSE,
                "COMPLIANCE"));
        // the pause has reached Genesys (it holds the campaign) before the activation is asked for
        Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                org.control.journal("/api/v2/outbound/campaigns/" + id).size() > seen);
        CompletableFuture<Result> activate = CompletableFuture.supplyAsync(() -> request("race",
                Matrix.Action.ACTIVATE, null));
        assertThat(pause.get().outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(activate.get().outcome()).as(activate.get().message()).isEqualTo(Outcome.APPLIED);
        assertThat(activate.get().from()).isEqualTo("paused");
        assertThat(status("race")).isEqualTo("on");

        Result stale = request("race", Matrix.Action.PAUSE, "OTHER", null, Instant.now().minusSeconds(3600));
        assertThat(stale.outcome()).isEqualTo(Outcome.STALE);
        assertThat(status("race")).isEqualTo("on");
    }

    private List<JsonNode> stateAudit() {
        List<JsonNode> records = new ArrayList<>();
        try (var files = Files.list(data.resolve("audit"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode record = DropHarness.JSON.readTree(line);
                    if (record.get("type").asText().equals("campaign.state")) {
                        records.add(record);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return records;
    }

    private List<JsonNode> wfm() {
        List<JsonNode> events = new ArrayList<>();
        org.control.get("/sandbox/webhooks?name=wfm").forEach(e -> {
            if (e.at("/body/type").asText().equals("campaign.state.changed")) {
                events.add(e.get("body"));
            }
        });
        return events;
    }
}
