package io.outboundsync.filters;

import io.outboundsync.support.InvalidJson;
import io.outboundsync.support.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a {@code ContactListFilter} (clauses of predicates, AND/OR at both levels) into a test over a contact's
 * column values, as {@code POST /contactlistfilters/preview} evaluates it. Numeric predicates compare numbers (a
 * value that is not a number does not match); alphabetic ones compare text without regard to case; {@code BETWEEN}
 * honours {@code minInclusive}/{@code maxInclusive} (inclusive when absent); {@code BEFORE}/{@code AFTER} compare
 * date values with an ISO date or a relative time {@code PxxDTyyHzzM}; {@code inverted} negates a predicate.
 * The campaigns flow uses the same evaluator to size a segment over the rows the ledger last synced, so the
 * local count and the sandbox's preview agree by construction (the service's own preview is shown beside it).
 */
public final class FilterEvaluator {

    public static final Set<String> OPERATORS = Set.of("EQUALS", "LESS_THAN", "LESS_THAN_EQUALS", "GREATER_THAN",
            "GREATER_THAN_EQUALS", "CONTAINS", "BEGINS_WITH", "ENDS_WITH", "BEFORE", "AFTER", "BETWEEN", "IN");
    public static final Set<String> COLUMN_TYPES = Set.of("numeric", "alphabetic");
    public static final Set<String> FILTER_TYPES = Set.of("AND", "OR");
    private static final Pattern RELATIVE = Pattern.compile("P(-?\\d+)DT(-?\\d+)H(-?\\d+)M");

    private FilterEvaluator() {
    }

    /** Checks the filter's clauses against the list's columns and compiles them; a bad predicate is a 400. */
    public static Predicate<Function<String, String>> compile(JsonNode filter, List<String> columns, Clock clock) {
        String joinClauses = JsonFields.optEnum(filter, "filterType", FILTER_TYPES, "ContactListFilter");
        ArrayNode clauses = JsonFields.optArray(filter, "clauses", "ContactListFilter");
        List<Predicate<Function<String, String>>> compiled = new ArrayList<>();
        if (clauses != null) {
            for (int c = 0; c < clauses.size(); c++) {
                compiled.add(clause(clauses.get(c), "clauses[" + c + "]", columns, clock));
            }
        }
        return combine(compiled, !"OR".equals(joinClauses));
    }

    private static Predicate<Function<String, String>> clause(JsonNode clause, String where, List<String> columns,
            Clock clock) {
        if (!clause.isObject()) {
            throw InvalidJson.badRequest(where + " must be an object with filterType and predicates.");
        }
        String join = JsonFields.optEnum(clause, "filterType", FILTER_TYPES, where);
        ArrayNode predicates = JsonFields.requireArray(clause, "predicates", where);
        if (predicates.isEmpty()) {
            throw InvalidJson.badRequest("Field 'predicates' of " + where + " must hold at least one predicate.");
        }
        List<Predicate<Function<String, String>>> compiled = new ArrayList<>();
        for (int p = 0; p < predicates.size(); p++) {
            compiled.add(predicate(predicates.get(p), where + ".predicates[" + p + "]", columns, clock));
        }
        return combine(compiled, !"OR".equals(join));
    }

    private static Predicate<Function<String, String>> combine(List<Predicate<Function<String, String>>> parts,
            boolean and) {
        if (parts.isEmpty()) {
            return contact -> true;
        }
        return contact -> {
            for (Predicate<Function<String, String>> part : parts) {
                if (part.test(contact) != and) {
                    return !and;
                }
            }
            return and;
        };
    }

    private static Predicate<Function<String, String>> predicate(JsonNode node, String where, List<String> columns,
            Clock clock) {
        String column = JsonFields.requireText(node, "column", where);
        if (!columns.contains(column)) {
            throw InvalidJson.badRequest("Column '" + column + "' in " + where + " is not a column of the contact list"
                    + " (columns: " + String.join(", ", columns) + ").");
        }
        boolean numeric = "numeric".equals(JsonFields.requireEnum(node, "columnType", COLUMN_TYPES, where));
        String operator = JsonFields.requireEnum(node, "operator", OPERATORS, where);
        boolean inverted = Boolean.TRUE.equals(JsonFields.optBoolean(node, "inverted", where));
        Predicate<String> test = switch (operator) {
            case "BETWEEN" -> between(node, where, numeric);
            case "IN" -> in(node, where, numeric);
            case "BEFORE", "AFTER" -> time(operator, JsonFields.requireText(node, "value", where), where, clock);
            default -> compare(operator, JsonFields.requireText(node, "value", where), where, numeric);
        };
        return contact -> {
            String value = contact.apply(column);
            boolean result = value != null && !value.isEmpty() && test.test(value);
            return inverted != result;
        };
    }

    private static Predicate<String> compare(String operator, String expected, String where, boolean numeric) {
        if (numeric) {
            BigDecimal bound = number(expected, "value", where);
            return value -> {
                BigDecimal actual = numberOrNull(value);
                if (actual == null) {
                    return false;
                }
                int cmp = actual.compareTo(bound);
                return switch (operator) {
                    case "EQUALS" -> cmp == 0;
                    case "LESS_THAN" -> cmp < 0;
                    case "LESS_THAN_EQUALS" -> cmp <= 0;
                    case "GREATER_THAN" -> cmp > 0;
                    case "GREATER_THAN_EQUALS" -> cmp >= 0;
                    case "CONTAINS" -> value.contains(expected);
                    case "BEGINS_WITH" -> value.startsWith(expected);
                    case "ENDS_WITH" -> value.endsWith(expected);
                    default -> throw new IllegalStateException(operator);
                };
            };
        }
        String bound = expected.toLowerCase(Locale.ROOT);
        return value -> {
            String actual = value.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "EQUALS" -> actual.equals(bound);
                case "LESS_THAN" -> actual.compareTo(bound) < 0;
                case "LESS_THAN_EQUALS" -> actual.compareTo(bound) <= 0;
                case "GREATER_THAN" -> actual.compareTo(bound) > 0;
                case "GREATER_THAN_EQUALS" -> actual.compareTo(bound) >= 0;
                case "CONTAINS" -> actual.contains(bound);
                case "BEGINS_WITH" -> actual.startsWith(bound);
                case "ENDS_WITH" -> actual.endsWith(bound);
                default -> throw new IllegalStateException(operator);
            };
        };
    }

    private static Predicate<String> between(JsonNode node, String where, boolean numeric) {
        JsonNode range = node.get("range");
        if (range == null || !range.isObject()) {
            throw InvalidJson.badRequest("Field 'range' is required for operator BETWEEN in " + where + ".");
        }
        String min = JsonFields.requireText(range, "min", where + ".range");
        String max = JsonFields.requireText(range, "max", where + ".range");
        boolean minInclusive = !Boolean.FALSE.equals(JsonFields.optBoolean(range, "minInclusive", where + ".range"));
        boolean maxInclusive = !Boolean.FALSE.equals(JsonFields.optBoolean(range, "maxInclusive", where + ".range"));
        if (numeric) {
            BigDecimal lo = number(min, "range.min", where);
            BigDecimal hi = number(max, "range.max", where);
            return value -> {
                BigDecimal actual = numberOrNull(value);
                return actual != null && within(actual.compareTo(lo), actual.compareTo(hi), minInclusive, maxInclusive);
            };
        }
        String lo = min.toLowerCase(Locale.ROOT);
        String hi = max.toLowerCase(Locale.ROOT);
        return value -> {
            String actual = value.toLowerCase(Locale.ROOT);
            return within(actual.compareTo(lo), actual.compareTo(hi), minInclusive, maxInclusive);
        };
    }

    private static boolean within(int vsMin, int vsMax, boolean minInclusive, boolean maxInclusive) {
        boolean aboveMin = minInclusive ? vsMin >= 0 : vsMin > 0;
        boolean belowMax = maxInclusive ? vsMax <= 0 : vsMax < 0;
        return aboveMin && belowMax;
    }

    private static Predicate<String> in(JsonNode node, String where, boolean numeric) {
        JsonNode range = node.get("range");
        ArrayNode inSet = range == null || !range.isObject() ? null : JsonFields.optArray(range, "inSet", where + ".range");
        if (inSet == null || inSet.isEmpty()) {
            throw InvalidJson.badRequest("Field 'range.inSet' with at least one value is required for operator IN in "
                    + where + ".");
        }
        List<String> values = JsonFields.strings(inSet, "range.inSet");
        if (numeric) {
            List<BigDecimal> numbers = new ArrayList<>();
            for (String v : values) {
                numbers.add(number(v, "range.inSet", where));
            }
            return value -> {
                BigDecimal actual = numberOrNull(value);
                return actual != null && numbers.stream().anyMatch(n -> n.compareTo(actual) == 0);
            };
        }
        Set<String> set = new HashSet<>();
        values.forEach(v -> set.add(v.toLowerCase(Locale.ROOT)));
        return value -> set.contains(value.toLowerCase(Locale.ROOT));
    }

    private static Predicate<String> time(String operator, String expected, String where, Clock clock) {
        Instant bound = instant(expected, clock);
        if (bound == null) {
            throw InvalidJson.invalidValue("Value '" + expected + "' in " + where + " is neither an ISO-8601 date nor a"
                    + " relative time like P-01DT-08H-30M.");
        }
        return value -> {
            Instant actual = instant(value, clock);
            return actual != null && ("BEFORE".equals(operator) ? actual.isBefore(bound) : actual.isAfter(bound));
        };
    }

    private static Instant instant(String value, Clock clock) {
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            return clock.instant().plus(Duration.ofDays(Long.parseLong(relative.group(1)))
                    .plusHours(Long.parseLong(relative.group(2))).plusMinutes(Long.parseLong(relative.group(3))));
        }
        return JsonFields.instant(value);
    }

    private static BigDecimal number(String value, String field, String where) {
        BigDecimal number = numberOrNull(value);
        if (number == null) {
            throw InvalidJson.invalidValue("Field '" + field + "' in " + where + " holds '" + value
                    + "', which is not a number, but the predicate's columnType is numeric.");
        }
        return number;
    }

    private static BigDecimal numberOrNull(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
