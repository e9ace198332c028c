package io.outboundsync.campaigns;

import io.outboundsync.contacts.ContactListSpec;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desired state of one campaign, read from {@code config/campaigns/<key>.yaml} and checked: the campaign, its
 * segments (one contact list filter), its rules (one rule set), its schedule and its calling window (one callable
 * time set). Sections a file leaves out are null (or empty) and left alone in Genesys.
 */
public record CampaignSpec(String key, Path file, ContactListSpec contactList, Set<String> numericColumns,
        Definition campaign, Segments segments, List<Rule> rules, Schedule schedule,
        Map<DayOfWeek, List<Slot>> callingWindow, List<Transition> transitions, List<String> warnings) {

    /**
     * The campaign itself; org objects by name, resolved through the API.
     *
     * @param alwaysRunning whether the campaign keeps running once its list is dialed through (Genesys completes it
     *                      otherwise, and contacts synced later wait for someone to start it again); default true:
     *                      the list is one a CRM keeps feeding
     * @param dncLists      the DNC lists besides ours the campaign has, by name, when the file lists them all
     *                      ({@code campaign.dncLists}); null: ours is added to what Genesys has, none removed
     */
    public record Definition(String name, String dialingMode, String queue, String script, String site,
            String edgeGroup, String callAnalysisResponseSet, String callerName, String callerAddress,
            List<String> phoneColumns, Integer maxConcurrentCalls, Double abandonRate, Integer priority,
            ZoneId timeZone, boolean alwaysRunning, List<String> dncLists) {
    }

    /** How a condition compares a column: the friendly spelling of the file, mapped onto the real operators. */
    public enum Op {
        EQUALS("equals"), IN("in"), BETWEEN("between"), ABOVE("above"), BELOW("below"), AT_LEAST("atLeast"),
        AT_MOST("atMost"), CONTAINS("contains"), BEGINS_WITH("beginsWith"), ENDS_WITH("endsWith");

        public final String key;

        Op(String key) {
            this.key = key;
        }

        /** Whether the operator only makes sense for numbers. */
        public boolean numericOnly() {
            return this == BETWEEN || this == ABOVE || this == BELOW || this == AT_LEAST || this == AT_MOST;
        }

        /** Whether the operator only makes sense for text. */
        public boolean textOnly() {
            return this == CONTAINS || this == BEGINS_WITH || this == ENDS_WITH;
        }
    }

    /**
     * One comparison of a contact column. {@code negated}: an exclusion in a segment, {@code not} in a rule.
     *
     * @param values one value, two for {@code BETWEEN} (min, max), several for {@code IN}
     */
    public record Condition(String column, Op op, List<String> values, boolean negated, boolean numeric, int line) {
    }

    /** A group of conditions, joined by AND ({@code all}) or OR. */
    public record Group(String name, boolean all, List<Condition> conditions, int line) {
    }

    /** The segments: groups joined by AND ({@code all}) or OR; the filter's name. */
    public record Segments(String name, boolean all, List<Group> groups) {
    }

    /** One action of a rule, by its real {@code actionTypeName}. */
    public record Action(String actionTypeName, String updateOption, Map<String, String> properties, int line) {
    }

    /** A dialing rule: all its conditions hold → its actions run; lower {@code order} runs first. */
    public record Rule(String name, int order, String category, List<Condition> when, List<Action> then, int line) {
    }

    /**
     * A span of a day in minutes from midnight (end 1440 = midnight at the end of the day); {@code line} 0: from
     * configuration (the default calling window), not from the file.
     */
    public record Slot(int startMinute, int endMinute, int line) {
        public String text() {
            return clock(startMinute) + "-" + clock(endMinute);
        }

        static String clock(int minute) {
            return String.format("%02d:%02d", minute / 60, minute % 60);
        }
    }

    /** Dates (inclusive) and daily slots per weekday, in the campaign's time zone; {@code line}: of {@code to}. */
    public record Schedule(LocalDate from, LocalDate to, Map<DayOfWeek, List<Slot>> slots, int line) {
    }

    /** A state change Quartz runs on a cron in the campaign's time zone. */
    public record Transition(String action, String cron, String reason, int line) {
    }

    /** Whether the calling window is the configured default because the file declares none. */
    public boolean defaultCallingWindow() {
        return callingWindow.values().stream().flatMap(List::stream).allMatch(s -> s.line() == 0);
    }

    /** The name the filter, rule set and callable time set get from the campaign. */
    public String objectName(String kind) {
        return campaign.name() + " " + kind;
    }
}
