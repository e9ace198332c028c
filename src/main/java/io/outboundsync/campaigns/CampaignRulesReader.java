package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The segments and dialing rules of a campaign file, read and checked against the list's columns. */
final class CampaignRulesReader {

    private CampaignRulesReader() {
    }

    /** The list's columns and which hold numbers, for the conditions' checks. */
    record Columns(List<String> names, Set<String> numeric, CampaignProblems problems) {
    }

    static CampaignSpec.Segments segments(JsonNode node, String campaignName, Columns columns) {
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
                    !"any".equals(CampaignFiles.text(group, "match")), conditions, CampaignProblems.line(group)));
        }
        String name = node.has("name") ? node.get("name").asText() : campaignName + " segments";
        return new CampaignSpec.Segments(name, !"any".equals(CampaignFiles.text(node, "match")), groups);
    }

    /** One condition: its column, exactly one operator key, and the negation flag ({@code exclude} or {@code not}). */
    static CampaignSpec.Condition condition(JsonNode node, String at, String negation, Columns columns) {
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
    static String scalar(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return node.asText();
    }

    static List<CampaignSpec.Rule> rules(JsonNode node, Columns columns, CampaignProblems problems) {
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
    static CampaignSpec.Action action(JsonNode node, String at, Columns columns, CampaignProblems problems) {
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
                // the names, as the file gives them; a sync puts the skills' ids in their place
                properties.put("skills", RuleBook.skillsProperty(skills));
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
                problems.add(node, at, "'" + entry.getKey() + "' is not an action", "see " + CampaignFiles.SCHEMA);
                return null;
            }
        }
    }
}
