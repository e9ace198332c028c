package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** The schedule, calling windows and scheduled transitions of a campaign file, read and checked. */
final class CampaignTimesReader {

    private CampaignTimesReader() {
    }

    static CampaignSpec.Schedule schedule(JsonNode node, CampaignProblems problems) {
        if (node == null) {
            return null;
        }
        LocalDate from = date(node.get("from"), "schedule.from", problems);
        LocalDate to = date(node.get("to"), "schedule.to", problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(node.get("to"), "schedule.to", to + " is before from " + from, "end the schedule on or"
                    + " after its first day");
        }
        return new CampaignSpec.Schedule(from, to, week(node.get("slots"), "schedule.slots", problems),
                CampaignProblems.line(node.get("to")));
    }

    static LocalDate date(JsonNode node, String key, CampaignProblems problems) {
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeException e) {
            problems.add(node, key, "'" + node.asText() + "' is not a date", "write it as yyyy-MM-dd");
            return null;
        }
    }

    /** Slots per weekday; {@code weekdays} and {@code weekend} stand for Monday–Friday and Saturday–Sunday. */
    static Map<DayOfWeek, List<CampaignSpec.Slot>> week(JsonNode node, String key, CampaignProblems problems) {
        Map<DayOfWeek, List<CampaignSpec.Slot>> week = new EnumMap<>(DayOfWeek.class);
        if (node == null) {
            return week;
        }
        for (Iterator<Map.Entry<String, JsonNode>> days = node.fields(); days.hasNext(); ) {
            Map.Entry<String, JsonNode> day = days.next();
            List<DayOfWeek> which = switch (day.getKey()) {
                case "weekdays" -> List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
                case "weekend" -> List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                default -> List.of(DayOfWeek.valueOf(day.getKey().toUpperCase(Locale.ROOT)));
            };
            List<JsonNode> ranges = new ArrayList<>();
            if (day.getValue().isArray()) {
                day.getValue().forEach(ranges::add);
            } else {
                ranges.add(day.getValue());
            }
            for (JsonNode range : ranges) {
                CampaignSpec.Slot slot = slot(range, key + "." + day.getKey(), problems);
                if (slot != null) {
                    which.forEach(d -> week.computeIfAbsent(d, x -> new ArrayList<>()).add(slot));
                }
            }
        }
        week.values().forEach(slots -> slots.sort(java.util.Comparator.comparingInt(CampaignSpec.Slot::startMinute)));
        return week;
    }

    static CampaignSpec.Slot slot(JsonNode node, String key, CampaignProblems problems) {
        Matcher m = CampaignFiles.RANGE.matcher(node.asText());
        if (!m.matches()) {
            problems.add(node, key, "'" + node.asText() + "' is not a time range", "write it as HH:mm-HH:mm");
            return null;
        }
        int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        if (start > 24 * 60 || end > 24 * 60) {
            problems.add(node, key, "'" + node.asText() + "' goes past 24:00", "keep times within the day");
            return null;
        }
        return new CampaignSpec.Slot(start, end, CampaignProblems.line(node));
    }

    static List<CampaignSpec.Transition> transitions(JsonNode node, CampaignProblems problems) {
        List<CampaignSpec.Transition> transitions = new ArrayList<>();
        if (node != null) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode t = node.get(i);
                if (!org.quartz.CronExpression.isValidExpression(t.get("cron").asText())) {
                    problems.add(t.get("cron"), "transitions[" + i + "].cron", "'" + t.get("cron").asText()
                            + "' is not a Quartz cron", "give six fields: seconds minutes hours day-of-month month"
                            + " day-of-week, e.g. \"0 0 20 ? * MON-FRI\" (20:00 on weekdays)");
                }
                if ("pause".equals(t.get("action").asText()) && !t.hasNonNull("reason")) {
                    problems.add(t, "transitions[" + i + "]", "a scheduled pause has no reason", "add reason: with"
                            + " one of the pause reasons (state.pause-reasons), e.g. reason: OTHER");
                }
                transitions.add(new CampaignSpec.Transition(t.get("action").asText(), t.get("cron").asText(),
                        CampaignFiles.text(t, "reason"), CampaignProblems.line(t)));
            }
        }
        return transitions;
    }
}
