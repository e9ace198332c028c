package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.FieldType;
import io.outboundsync.contacts.PhoneNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the campaign-as-code sections of {@code config/campaigns/<key>.yaml}: first against the JSON Schema
 * shipped in the jar ({@code schema/campaign.schema.json}), then the checks a schema cannot make (columns of the
 * list and their types, the org objects a dialing mode needs, time zones, dates, times). Every mistake carries its
 * line and key; a file with any stops that campaign only.
 */
public final class CampaignFiles {

    /** The schema, also shipped for editors: {@code $schema} in a campaign file may point at it. */
    public static final String SCHEMA = "schema/campaign.schema.json";

    private static final JsonNodeReader READER = JsonNodeReader.builder().locationAware().build();
    private static final JsonSchema VALIDATOR = JsonSchemaFactory
            .getInstance(SpecVersion.VersionFlag.V202012, builder -> builder.jsonNodeReader(READER))
            .getSchema(SchemaLocation.of("classpath:" + SCHEMA),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    private static final Pattern RANGE = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Set<String> NO_QUEUE = Set.of("agentless");
    private static final Set<String> NO_EDGE = Set.of("preview");
    private static final Set<String> NEED_ABANDON_RATE = Set.of("progressive", "power", "predictive");

    private final CampaignLimits limits;
    private final java.time.Clock clock;

    public CampaignFiles(CampaignLimits limits, java.time.Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * The campaign-as-code part of a file whose contact sections the contacts flow already read; null when the file
     * declares no {@code campaign}.
     *
     * @throws CampaignConfigException naming every mistake by line and key
     */
    public CampaignSpec load(CampaignContacts contacts) {
        Path file = contacts.file();
        CampaignProblems problems = new CampaignProblems(file);
        JsonNode root;
        try {
            root = READER.readTree(Files.readString(file, StandardCharsets.UTF_8), InputFormat.YAML);
        } catch (IOException e) {
            problems.add(0, "(file)", "cannot be read: " + e.getMessage().lines().findFirst().orElse(""),
                    "correct the YAML syntax at the position given");
            throw new CampaignConfigException(file, problems.problems());
        }
        for (ValidationMessage message : VALIDATOR.validate(root)) {
            JsonNode at = message.getInstanceNode();
            String key = key(message.getInstanceLocation().toString());
            // an unknown key is reported on its own line, not on the first line of its section
            String property = message.getProperty();
            if (property != null && at != null && at.has(property)) {
                at = at.get(property);
                key = "(top level)".equals(key) ? property : key + "." + property;
            }
            problems.add(at, key, message.getMessage().replaceFirst("^\\S*: ", ""), "see " + SCHEMA
                    + " for the allowed keys and values");
        }
        problems.throwIfAny();
        JsonNode campaignNode = root.get("campaign");
        if (campaignNode == null) {
            return null;
        }
        ContactListSpec list = contacts.contactList();
        Set<String> numeric = new HashSet<>();
        for (FieldSpec field : contacts.mapping().fields()) {
            if (field.type() == FieldType.NUMBER) {
                numeric.add(field.column());
            }
        }
        CampaignSpec.Definition campaign = definition(campaignNode, list, problems);
        Columns columns = new Columns(list.columns(), numeric, problems);
        CampaignSpec.Segments segments = segments(root.get("segments"), campaign.name(), columns);
        List<CampaignSpec.Rule> rules = rules(root.get("rules"), columns, problems);
        CampaignSpec.Schedule schedule = schedule(root.get("schedule"), problems);
        Map<DayOfWeek, List<CampaignSpec.Slot>> window = root.get("callingWindow") == null
                ? defaultWindow() : week(root.get("callingWindow"), "callingWindow", problems);
        List<CampaignSpec.Transition> transitions = transitions(root.get("transitions"), problems);
        CampaignSpec spec = new CampaignSpec(contacts.key(), file, list, Set.copyOf(numeric), campaign, segments,
                rules, schedule, window, transitions, List.of());
        // the checks over whole sections: each compiler reports with lines, and a spec with any stops here
        if (segments != null) {
            Segmentation.check(spec, limits, problems);
        }
        RuleBook.check(spec, problems);
        Scheduling.check(spec, clock, problems);
        problems.throwIfAny();
        return new CampaignSpec(spec.key(), file, list, spec.numericColumns(), campaign, spec.segments(), rules,
                schedule, window, transitions, problems.warnings());
    }

    /**
     * The calling hours of a campaign that declares none: {@code campaigns.default-calling-window} every day, so
     * no campaign is ever without them (its callable time set and the activation guard both use them).
     */
    private Map<DayOfWeek, List<CampaignSpec.Slot>> defaultWindow() {
        Map<DayOfWeek, List<CampaignSpec.Slot>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(limits.defaultCallingWindow()));
        }
        return week;
    }

    /** {@code /segments/groups/0/conditions/1} → {@code segments.groups[0].conditions[1]}. */
    static String key(String instanceLocation) {
        StringBuilder key = new StringBuilder();
        for (String part : instanceLocation.replaceFirst("^[$/]", "").split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                key.append('[').append(part).append(']');
            } else {
                key.append(key.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return key.length() == 0 ? "(top level)" : key.toString();
    }

    private CampaignSpec.Definition definition(JsonNode node, ContactListSpec list, CampaignProblems problems) {
        String mode = node.get("dialingMode").asText();
        String name = node.get("name").asText();
        ZoneId zone = zone(node.get("timeZone"), "campaign.timeZone", problems);
        List<String> phones = new ArrayList<>();
        Set<String> listPhones = new HashSet<>();
        list.phoneColumns().forEach(p -> listPhones.add(p.column()));
        if (node.has("phoneColumns")) {
            for (JsonNode phone : node.get("phoneColumns")) {
                if (!listPhones.contains(phone.asText())) {
                    problems.add(phone, "campaign.phoneColumns", "'" + phone.asText() + "' is not a phone column of"
                            + " the contact list", "use one of " + listPhones);
                }
                phones.add(phone.asText());
            }
        } else {
            list.phoneColumns().forEach(p -> phones.add(p.column()));
        }
        require(node, "queue", !NO_QUEUE.contains(mode), mode, problems);
        require(node, "script", !NO_QUEUE.contains(mode), mode, problems);
        require(node, "callAnalysisResponseSet", !NO_EDGE.contains(mode), mode, problems);
        require(node, "abandonRate", NEED_ABANDON_RATE.contains(mode), mode, problems);
        require(node, "maxConcurrentCalls", "agentless".equals(mode), mode, problems);
        if (!NO_EDGE.contains(mode) && !node.has("site") && !node.has("edgeGroup")) {
            problems.add(node, "campaign", "a " + mode + " campaign needs a site or an edge group to place calls",
                    "add site: <site name> (or edgeGroup: <edge group name>)");
        }
        if (node.has("site") && node.has("edgeGroup")) {
            problems.add(node.get("edgeGroup"), "campaign.edgeGroup", "is given with site", "keep one of the two");
        }
        Integer lines = node.has("maxConcurrentCalls") ? node.get("maxConcurrentCalls").asInt() : null;
        if (lines != null && lines > limits.lineCapacity()) {
            problems.add(node.get("maxConcurrentCalls"), "campaign.maxConcurrentCalls", lines + " concurrent calls"
                    + " exceed the org's line capacity of " + limits.lineCapacity(), "lower it to at most " + limits.lineCapacity()
                    + ", or raise campaigns.line-capacity if the org has more lines");
        }
        String caller = node.get("callerAddress").asText();
        if (new PhoneNumbers("US").e164(caller) == null || !caller.startsWith("+")) {
            problems.add(node.get("callerAddress"), "campaign.callerAddress", "'" + caller + "' is not a phone"
                    + " number in international form", "write it as E.164, e.g. +13175550100");
        }
        return new CampaignSpec.Definition(name, mode, text(node, "queue"), text(node, "script"), text(node, "site"),
                text(node, "edgeGroup"), text(node, "callAnalysisResponseSet"), node.get("callerName").asText(),
                caller, List.copyOf(phones), lines,
                node.has("abandonRate") ? node.get("abandonRate").asDouble() : null,
                node.has("priority") ? node.get("priority").asInt() : null, zone);
    }

    private static void require(JsonNode node, String field, boolean needed, String mode, CampaignProblems problems) {
        if (needed && !node.has(field)) {
            problems.add(node, "campaign." + field, "is required for a " + mode + " campaign", "add " + field
                    + ": <name or value>");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    private static ZoneId zone(JsonNode node, String key, CampaignProblems problems) {
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            problems.add(node, key, "'" + node.asText() + "' is not an IANA time zone", "use a name such as"
                    + " America/New_York or Europe/London");
            return ZoneId.of("UTC");
        }
    }

    /** The list's columns and which hold numbers, for the conditions' checks. */
    private record Columns(List<String> names, Set<String> numeric, CampaignProblems problems) {
    }

    private static CampaignSpec.Segments segments(JsonNode node, String campaignName, Columns columns) {
        if (node == null) {
            return null;
        }
        List<CampaignSpec.Group> groups = new ArrayList<>();
        JsonNode groupNodes = node.get("groups");
        for (int g = 0; g < groupNodes.size(); g++) {
            JsonNode group = groupNodes.get(g);
            String at = "segments.groups[" + g + "]";
            List<CampaignSpec.Condition> conditions = new ArrayList<>();
            JsonNode conditionNodes = group.get("conditions");
            for (int c = 0; c < conditionNodes.size(); c++) {
                CampaignSpec.Condition condition = condition(conditionNodes.get(c), at + ".conditions[" + c + "]",
                        "exclude", columns);
                if (condition != null) {
                    conditions.add(condition);
                }
            }
            groups.add(new CampaignSpec.Group(group.has("name") ? group.get("name").asText() : "group " + (g + 1),
                    !"any".equals(text(group, "match")), conditions, CampaignProblems.line(group)));
        }
        String name = node.has("name") ? node.get("name").asText() : campaignName + " segments";
        return new CampaignSpec.Segments(name, !"any".equals(text(node, "match")), groups);
    }

    /** One condition: its column, exactly one operator key, and the negation flag ({@code exclude} or {@code not}). */
    private static CampaignSpec.Condition condition(JsonNode node, String at, String negation, Columns columns) {
        String column = node.get("column").asText();
        List<CampaignSpec.Op> ops = new ArrayList<>();
        for (CampaignSpec.Op op : CampaignSpec.Op.values()) {
            if (node.has(op.key)) {
                ops.add(op);
            }
        }
        CampaignProblems problems = columns.problems();
        if (ops.size() != 1) {
            problems.add(node, at, ops.isEmpty() ? "has no comparison" : "has " + ops.size() + " comparisons",
                    "give exactly one of equals, in, between, above, below, atLeast, atMost, contains, beginsWith,"
                            + " endsWith");
            return null;
        }
        CampaignSpec.Op op = ops.get(0);
        if (!columns.names().contains(column)) {
            problems.add(node.get("column"), at + ".column", "'" + column + "' is not a column of the contact list",
                    "use one of " + columns.names());
            return null;
        }
        boolean numeric = columns.numeric().contains(column);
        if (op.numericOnly() && !numeric) {
            problems.add(node.get(op.key), at + "." + op.key, "compares numbers, but '" + column + "' is a text"
                    + " column", "map the column with type: number, or compare it with equals/in/contains");
        }
        if (op.textOnly() && numeric) {
            problems.add(node.get(op.key), at + "." + op.key, "compares text, but '" + column + "' is a number"
                    + " column", "use equals, above, below, atLeast, atMost or between");
        }
        List<String> values = new ArrayList<>();
        JsonNode value = node.get(op.key);
        if (value.isArray()) {
            value.forEach(v -> values.add(scalar(v)));
        } else {
            values.add(scalar(value));
        }
        if (numeric && (op == CampaignSpec.Op.EQUALS || op == CampaignSpec.Op.IN)) {
            for (int i = 0; i < values.size(); i++) {
                if (!(value.isArray() ? value.get(i) : value).isNumber()) {
                    problems.add(value, at + "." + op.key, "'" + values.get(i) + "' is not a number, but '" + column
                            + "' is a number column", "compare it with numbers");
                }
            }
        }
        if (op == CampaignSpec.Op.BETWEEN && value.get(0).decimalValue().compareTo(value.get(1).decimalValue()) > 0) {
            problems.add(value, at + ".between", "min " + values.get(0) + " is greater than max " + values.get(1),
                    "write the range as [min, max]");
        }
        boolean negated = node.has(negation) && node.get(negation).asBoolean();
        return new CampaignSpec.Condition(column, op, List.copyOf(values), negated, numeric,
                CampaignProblems.line(node));
    }

    /** A YAML scalar as the text Genesys compares: numbers without a trailing .0 where they are whole. */
    private static String scalar(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return node.asText();
    }

    private static List<CampaignSpec.Rule> rules(JsonNode node, Columns columns, CampaignProblems problems) {
        List<CampaignSpec.Rule> rules = new ArrayList<>();
        if (node == null) {
            return rules;
        }
        for (int r = 0; r < node.size(); r++) {
            JsonNode rule = node.get(r);
            String at = "rules[" + r + "]";
            List<CampaignSpec.Condition> when = new ArrayList<>();
            for (int c = 0; c < rule.get("when").size(); c++) {
                CampaignSpec.Condition condition = condition(rule.get("when").get(c), at + ".when[" + c + "]", "not",
                        columns);
                if (condition != null) {
                    when.add(condition);
                }
            }
            List<CampaignSpec.Action> then = new ArrayList<>();
            for (int a = 0; a < rule.get("then").size(); a++) {
                CampaignSpec.Action action = action(rule.get("then").get(a), at + ".then[" + a + "]", columns,
                        problems);
                if (action != null) {
                    then.add(action);
                }
            }
            rules.add(new CampaignSpec.Rule(rule.get("name").asText(), rule.get("order").asInt(),
                    rule.has("category") ? rule.get("category").asText() : "DIALER_PRECALL", List.copyOf(when),
                    List.copyOf(then), CampaignProblems.line(rule)));
        }
        return rules;
    }

    /** An action of the file → its real {@code actionTypeName}, {@code updateOption} and {@code properties}. */
    private static CampaignSpec.Action action(JsonNode node, String at, Columns columns, CampaignProblems problems) {
        Map.Entry<String, JsonNode> entry = node.fields().next();
        JsonNode value = entry.getValue();
        int line = CampaignProblems.line(node);
        Map<String, String> properties = new LinkedHashMap<>();
        switch (entry.getKey()) {
            case "setAttribute", "increment", "decrement", "stampTime" -> {
                String column = value.isObject() ? value.get("column").asText() : value.asText();
                if (!columns.names().contains(column)) {
                    problems.add(value, at + "." + entry.getKey(), "'" + column + "' is not a column of the contact"
                            + " list", "use one of " + columns.names());
                }
                String option = switch (entry.getKey()) {
                    case "increment" -> "INCREMENT";
                    case "decrement" -> "DECREMENT";
                    case "stampTime" -> "CURRENT_TIME";
                    default -> "SET";
                };
                if (("INCREMENT".equals(option) || "DECREMENT".equals(option)) && !columns.numeric().contains(column)) {
                    problems.add(value, at + "." + entry.getKey(), "'" + column + "' is not a number column",
                            "count in a column mapped with type: number");
                }
                // setAttribute gives the value; increment and decrement step by one; stampTime takes the time
                properties.put(column, value.isObject() ? scalar(value.get("value"))
                        : "CURRENT_TIME".equals(option) ? "" : "1");
                return new CampaignSpec.Action("MODIFY_CONTACT_ATTRIBUTE", option, properties, line);
            }
            case "setCallerId" -> {
                properties.put("callerAddress", value.get("address").asText());
                if (value.has("name")) {
                    properties.put("callerName", value.get("name").asText());
                }
                return new CampaignSpec.Action("SET_CALLER_ID", null, properties, line);
            }
            case "setSkills" -> {
                List<String> skills = new ArrayList<>();
                value.forEach(s -> skills.add(s.asText()));
                properties.put("skills", skills.stream().map(s -> "\"" + s.replace("\"", "") + "\"")
                        .collect(java.util.stream.Collectors.joining(",", "[", "]")));
                return new CampaignSpec.Action("SET_SKILLS", null, properties, line);
            }
            case "callbackInMinutes" -> {
                properties.put("callbackOffset", value.asText());
                return new CampaignSpec.Action("SCHEDULE_CALLBACK", null, properties, line);
            }
            case "doNotDial" -> {
                return new CampaignSpec.Action("DO_NOT_DIAL", null, properties, line);
            }
            case "switchToPreview" -> {
                return new CampaignSpec.Action("SWITCH_TO_PREVIEW", null, properties, line);
            }
            case "contactUncallable" -> {
                return new CampaignSpec.Action("CONTACT_UNCALLABLE", null, properties, line);
            }
            case "numberUncallable" -> {
                return new CampaignSpec.Action("NUMBER_UNCALLABLE", null, properties, line);
            }
            case "appendNumberToDnc" -> {
                return new CampaignSpec.Action("APPEND_NUMBER_TO_DNC_LIST", null, properties, line);
            }
            default -> {
                problems.add(node, at, "'" + entry.getKey() + "' is not an action", "see " + SCHEMA);
                return null;
            }
        }
    }

    private static CampaignSpec.Schedule schedule(JsonNode node, CampaignProblems problems) {
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

    private static LocalDate date(JsonNode node, String key, CampaignProblems problems) {
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

    private static CampaignSpec.Slot slot(JsonNode node, String key, CampaignProblems problems) {
        Matcher m = RANGE.matcher(node.asText());
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

    private static List<CampaignSpec.Transition> transitions(JsonNode node, CampaignProblems problems) {
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
                        text(t, "reason"), CampaignProblems.line(t)));
            }
        }
        return transitions;
    }
}
