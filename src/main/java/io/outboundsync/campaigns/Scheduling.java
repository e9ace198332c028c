package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outboundsync.campaigns.CampaignSpec.Slot;
import io.outboundsync.genesys.model.CallableTime;
import io.outboundsync.genesys.model.CallableTimeSet;
import io.outboundsync.genesys.model.CampaignSchedule;
import io.outboundsync.genesys.model.CampaignTimeSlot;
import io.outboundsync.genesys.model.DomainEntityRef;
import io.outboundsync.genesys.model.ScheduleInterval;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schedule → campaign schedule intervals, and the calling window → a callable time set, both in the campaign's
 * time zone. Slots are wall-clock times: 09:00–17:00 stays 09:00–17:00 on both sides of a daylight-saving change
 * (so the instants move by an hour), a slot starting in the spring-forward gap starts when the clock resumes, and
 * a time the fall-back repeats is its first occurrence. Checks per day (not across days): slots end after they
 * start, do not overlap and fit the calling window; and the schedule must not lie wholly in the past.
 */
public final class Scheduling {

    /**
     * How interval times are sent: ISO-8601 with milliseconds and an offset, as the SDK documents them ("The
     * scheduled start time as an ISO-8601 string, i.e yyyy-MM-ddTHH:mm:ss.SSSZ", {@code ScheduleInterval}): the
     * wall-clock time in the schedule's {@code timeZone} with that zone's offset at that moment, e.g.
     * {@code 2026-12-01T09:00:00.000-05:00}. Whether the service reads the offset or the wall-clock time in
     * {@code timeZone} (the Resource Center: entries are "the local time perspective of someone in the specified time
     * zone") is not documented; this form means the same either way, where one without an offset would be read as
     * UTC by a service that reads instants, and a UTC one as the wrong wall-clock time by one that does not.
     */
    static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** One expanded interval: wall-clock times as sent, and the instants they stand for. */
    public record Interval(String start, String end, Instant startInstant, Instant endInstant) {
        ScheduleInterval toGenesys() {
            return new ScheduleInterval(start, end);
        }
    }

    private Scheduling() {
    }

    static void check(CampaignSpec spec, Clock clock, CampaignProblems problems) {
        checkWeek(spec.callingWindow(), "callingWindow", problems);
        CampaignSpec.Schedule schedule = spec.schedule();
        if (schedule == null) {
            return;
        }
        checkWeek(schedule.slots(), "schedule.slots", problems);
        for (Map.Entry<DayOfWeek, List<Slot>> day : schedule.slots().entrySet()) {
            if (spec.callingWindow().isEmpty()) {
                break;
            }
            List<Slot> window = spec.callingWindow().getOrDefault(day.getKey(), List.of());
            for (Slot slot : day.getValue()) {
                boolean fits = window.stream().anyMatch(w -> w.startMinute() <= slot.startMinute()
                        && slot.endMinute() <= w.endMinute());
                if (!fits) {
                    problems.add(slot.line(), "schedule.slots." + day(day.getKey()), "the slot " + slot.text()
                            + " lies outside the calling window of " + day(day.getKey()) + " (" + (window.isEmpty()
                            ? "no calling hours" : window.stream().map(Slot::text).toList()) + ")",
                            spec.defaultCallingWindow() ? "move the slot inside the default calling hours"
                                    + " (campaigns.default-calling-window), or declare callingWindow."
                                    + day(day.getKey()) + " in the campaign file"
                                    : "move the slot inside the calling window, or widen callingWindow."
                                    + day(day.getKey()));
                }
            }
        }
        ZoneId zone = spec.campaign().timeZone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (schedule.to() != null && schedule.to().isBefore(today)) {
            problems.add(schedule.line(), "schedule.to", "the schedule ended on " + schedule.to() + ", before today ("
                    + today + " in " + zone + ")", "move the dates forward, or remove the schedule");
        }
    }

    /** Per day: every slot ends after it starts, and none overlaps the next. */
    private static void checkWeek(Map<DayOfWeek, List<Slot>> week, String key, CampaignProblems problems) {
        for (Map.Entry<DayOfWeek, List<Slot>> day : week.entrySet()) {
            Slot previous = null;
            for (Slot slot : day.getValue()) {
                if (slot.endMinute() <= slot.startMinute()) {
                    problems.add(slot.line(), key + "." + day(day.getKey()), "the slot " + slot.text() + " does not"
                            + " end after it starts", "a slot lies within one day: split one that crosses midnight"
                            + " into two (…-24:00 and 00:00-…)");
                } else if (previous != null && slot.startMinute() < previous.endMinute()) {
                    problems.add(slot.line(), key + "." + day(day.getKey()), "the slot " + slot.text() + " overlaps "
                            + previous.text() + " (line " + previous.line() + ")", "merge them, or end one before"
                            + " the other starts");
                }
                if (slot.endMinute() > slot.startMinute()) {
                    previous = slot;
                }
            }
        }
    }

    private static String day(DayOfWeek day) {
        return day.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The schedule's intervals, date by date, in wall-clock time of the campaign's zone. */
    public static List<Interval> intervals(CampaignSpec spec) {
        CampaignSpec.Schedule schedule = spec.schedule();
        ZoneId zone = spec.campaign().timeZone();
        List<Interval> intervals = new ArrayList<>();
        for (LocalDate date = schedule.from(); !date.isAfter(schedule.to()); date = date.plusDays(1)) {
            for (Slot slot : schedule.slots().getOrDefault(date.getDayOfWeek(), List.of())) {
                ZonedDateTime start = at(date, slot.startMinute(), zone);
                ZonedDateTime end = at(date, slot.endMinute(), zone);
                if (end.isAfter(start)) {
                    intervals.add(new Interval(SENT.format(start), SENT.format(end), start.toInstant(),
                            end.toInstant()));
                }
            }
        }
        return intervals;
    }

    /** A minute of a date in a zone; a time in the spring-forward gap moves forward, a repeated one is the first. */
    private static ZonedDateTime at(LocalDate date, int minute, ZoneId zone) {
        LocalDateTime local = minute == 24 * 60 ? date.plusDays(1).atStartOfDay()
                : date.atTime(LocalTime.of(minute / 60, minute % 60));
        return ZonedDateTime.ofLocal(local, zone, null);
    }

    /**
     * A live schedule with its interval times written as {@link #SENT} writes them, so a schedule Genesys stores in
     * another form (no offset: wall-clock time in its {@code timeZone}; UTC) compares equal to the file's when it
     * means the same times. A time that cannot be read is left as it is (and shows as a change).
     */
    static JsonNode canonical(JsonNode live) {
        if (live == null || !live.path("intervals").isArray()) {
            return live;
        }
        ObjectNode copy = live.deepCopy();
        ZoneId zone;
        try {
            zone = ZoneId.of(live.path("timeZone").asText("UTC").isEmpty() ? "UTC" : live.path("timeZone").asText());
        } catch (java.time.DateTimeException e) {
            return live;
        }
        for (JsonNode interval : copy.get("intervals")) {
            for (String bound : List.of("start", "end")) {
                String text = interval.path(bound).asText(null);
                String canonical = text == null ? null : canonicalTime(text, zone);
                if (canonical != null) {
                    ((ObjectNode) interval).put(bound, canonical);
                }
            }
        }
        return copy;
    }

    private static String canonicalTime(String text, ZoneId zone) {
        try {
            return SENT.format(java.time.OffsetDateTime.parse(text).atZoneSameInstant(zone));
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            try {
                return SENT.format(ZonedDateTime.ofLocal(LocalDateTime.parse(text), zone, null));
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    public static CampaignSchedule schedule(CampaignSpec spec, String campaignId) {
        return new CampaignSchedule(null, null, null, intervals(spec).stream().map(Interval::toGenesys).toList(),
                spec.campaign().timeZone().getId(), new DomainEntityRef(campaignId, null, null), null, null, null);
    }

    /** The calling window as a callable time set in the campaign's zone (24:00 is sent as 23:59:59). */
    public static CallableTimeSet callableTimes(CampaignSpec spec) {
        List<CampaignTimeSlot> slots = new ArrayList<>();
        for (Map.Entry<DayOfWeek, List<Slot>> day : spec.callingWindow().entrySet()) {
            for (Slot slot : day.getValue()) {
                slots.add(new CampaignTimeSlot(time(slot.startMinute()), time(slot.endMinute()),
                        day.getKey().getValue()));
            }
        }
        return new CallableTimeSet(null, spec.objectName("calling hours"), null, List.of(new CallableTime(slots,
                spec.campaign().timeZone().getId())), null, null, null);
    }

    private static String time(int minute) {
        return minute >= 24 * 60 ? "23:59:59" : String.format("%02d:%02d:00", minute / 60, minute % 60);
    }

    /** Whether an instant lies inside the calling window (in the campaign's zone); for the state guards. */
    public static boolean inCallingWindow(CampaignSpec spec, Instant now) {
        ZonedDateTime local = now.atZone(spec.campaign().timeZone());
        int minute = local.getHour() * 60 + local.getMinute();
        return spec.callingWindow().getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(s -> s.startMinute() <= minute && minute < s.endMinute());
    }
}
