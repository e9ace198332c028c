package io.outboundsync.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules are wall-clock slots in the campaign's zone: the instants move across a daylight-saving change. */
class SchedulingTest {

    @TempDir
    Path dir;

    private CampaignSpec week(String zone, String from, String to, String slots) {
        String file = CampaignFixture.demoWith("  timeZone: America/Indiana/Indianapolis", "  timeZone: " + zone)
                .replace("  from: 2026-11-01\n  to: 2027-03-31", "  from: " + from + "\n  to: " + to)
                .replace("    weekdays: [\"09:00-12:00\", \"13:00-19:30\"]\n    saturday: [\"10:00-14:00\"]", slots)
                .replace("  weekdays: \"08:00-21:00\"\n  saturday: \"09:00-17:00\"", "  weekdays: \"00:00-24:00\"\n"
                        + "  weekend: \"00:00-24:00\"");
        return new CampaignFiles(CampaignLimits.defaults(), java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC)).load(CampaignFixture.contacts(dir, "demo", file));
    }

    @Test
    void aNewYorkWeekAcrossTheSpringChangeKeepsWallClockSlots() {
        // 2026-03-08: clocks in New York go from 02:00 EST to 03:00 EDT
        List<Scheduling.Interval> intervals = Scheduling.intervals(week("America/New_York", "2026-03-06",
                "2026-03-10", "    weekdays: [\"09:00-17:00\"]\n    weekend: [\"01:00-04:00\"]"));
        assertThat(intervals).extracting(Scheduling.Interval::start).containsExactly("2026-03-06T09:00:00.000-05:00",
                "2026-03-07T01:00:00.000-05:00", "2026-03-08T01:00:00.000-05:00", "2026-03-09T09:00:00.000-04:00",
                "2026-03-10T09:00:00.000-04:00");
        // Friday 09:00 EST is 14:00 UTC; Monday 09:00 EDT is 13:00 UTC
        assertThat(intervals.get(0).startInstant()).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
        assertThat(intervals.get(3).startInstant()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        // the night of the change has an hour less: 01:00-04:00 lasts two hours
        assertThat(Duration.between(intervals.get(1).startInstant(), intervals.get(1).endInstant())).hasHours(3);
        assertThat(Duration.between(intervals.get(2).startInstant(), intervals.get(2).endInstant())).hasHours(2);
    }

    @Test
    void aLondonWeekAcrossTheAutumnChangeKeepsWallClockSlots() {
        // 2026-10-25: clocks in London go from 02:00 BST back to 01:00 GMT
        List<Scheduling.Interval> intervals = Scheduling.intervals(week("Europe/London", "2026-10-23",
                "2026-10-27", "    weekdays: [\"09:00-17:00\"]\n    sunday: [\"00:30-03:00\"]"));
        assertThat(intervals).extracting(Scheduling.Interval::start).containsExactly("2026-10-23T09:00:00.000+01:00",
                "2026-10-25T00:30:00.000+01:00", "2026-10-26T09:00:00.000Z", "2026-10-27T09:00:00.000Z");
        assertThat(intervals.get(0).startInstant()).isEqualTo(Instant.parse("2026-10-23T08:00:00Z"));
        assertThat(intervals.get(2).startInstant()).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
        // 00:30-03:00 on the night the hour repeats lasts three and a half hours
        assertThat(Duration.between(intervals.get(1).startInstant(), intervals.get(1).endInstant()))
                .isEqualTo(Duration.ofMinutes(210));
    }

    @Test
    void aSlotStartingInTheSpringGapStartsWhenTheClockResumes() {
        List<Scheduling.Interval> intervals = Scheduling.intervals(week("America/New_York", "2026-03-08",
                "2026-03-08", "    sunday: [\"02:30-05:00\"]"));
        assertThat(intervals).singleElement().satisfies(i -> {
            assertThat(i.start()).isEqualTo("2026-03-08T03:30:00.000-04:00");
            assertThat(i.startInstant()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
        });
    }

    /**
     * A schedule Genesys gives back in another form than ours (wall-clock time without an offset, or UTC) compares
     * as the same times, so a sync does not see a change that is none; one that means other times does not.
     */
    @Test
    void aLiveScheduleInAnotherFormOfTheSameTimesComparesEqual() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode wallClock = json.readTree("{\"timeZone\":\"America/New_York\","
                + "\"intervals\":[{\"start\":\"2026-03-06T09:00:00.000\",\"end\":\"2026-03-06T17:00:00\"}]}");
        com.fasterxml.jackson.databind.JsonNode utc = json.readTree("{\"timeZone\":\"America/New_York\","
                + "\"intervals\":[{\"start\":\"2026-03-06T14:00:00.000Z\",\"end\":\"2026-03-06T22:00:00Z\"}]}");
        for (com.fasterxml.jackson.databind.JsonNode live : List.of(wallClock, utc)) {
            com.fasterxml.jackson.databind.JsonNode interval = Scheduling.canonical(live).get("intervals").get(0);
            assertThat(interval.get("start").asText()).isEqualTo("2026-03-06T09:00:00.000-05:00");
            assertThat(interval.get("end").asText()).isEqualTo("2026-03-06T17:00:00.000-05:00");
        }
        com.fasterxml.jackson.databind.JsonNode other = json.readTree("{\"timeZone\":\"America/New_York\","
                + "\"intervals\":[{\"start\":\"2026-03-06T09:00:00.000Z\",\"end\":\"2026-03-06T17:00:00Z\"}]}");
        assertThat(Scheduling.canonical(other).get("intervals").get(0).get("start").asText())
                .isEqualTo("2026-03-06T04:00:00.000-05:00");
    }

    @Test
    void theCallingWindowBecomesTimeSlotsPerWeekdayInTheCampaignZone() {
        CampaignSpec spec = CampaignFixture.load(dir, "demo", CampaignFixture.demo());
        var callable = Scheduling.callableTimes(spec).callableTimes().get(0);
        assertThat(callable.timeZoneId()).isEqualTo("America/Indiana/Indianapolis");
        assertThat(callable.timeSlots()).hasSize(6);
        assertThat(callable.timeSlots()).filteredOn(s -> s.day() == 6).singleElement().satisfies(s -> {
            assertThat(s.startTime()).isEqualTo("09:00:00");
            assertThat(s.stopTime()).isEqualTo("17:00:00");
        });
        assertThat(Scheduling.inCallingWindow(spec, Instant.parse("2026-11-23T15:00:00Z"))).isTrue();
        assertThat(Scheduling.inCallingWindow(spec, Instant.parse("2026-11-23T03:00:00Z"))).isFalse();
        assertThat(Scheduling.inCallingWindow(spec, Instant.parse("2026-11-22T15:00:00Z"))).as("a Sunday").isFalse();
    }
}
