package io.outboundsync.campaigns;

import io.outboundsync.campaigns.CampaignSpec.Condition;
import io.outboundsync.campaigns.CampaignSpec.Group;
import io.outboundsync.campaigns.CampaignSpec.Op;
import io.outboundsync.genesys.model.ContactListFilter;
import io.outboundsync.genesys.model.ContactListFilterClause;
import io.outboundsync.genesys.model.ContactListFilterPredicate;
import io.outboundsync.genesys.model.ContactListFilterRange;
import io.outboundsync.genesys.model.DomainEntityRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Segments → one contact list filter: a group is a clause, a condition a predicate ({@code in} → {@code IN},
 * {@code between} → {@code BETWEEN} inclusive, {@code above} → {@code GREATER_THAN}…), an exclusion an
 * {@code inverted} predicate. Checks: the configured maximum of predicates and value length, duplicates (merged,
 * with a warning), and an exclusion that removes everything an include admits (an error naming both).
 */
public final class Segmentation {

    private Segmentation() {
    }

    /** The section's checks; conditions were checked one by one (columns, types, ranges) when read. */
    static void check(CampaignSpec spec, CampaignLimits limits, CampaignProblems problems) {
        CampaignSpec.Segments segments = spec.segments();
        int predicates = 0;
        for (int g = 0; g < segments.groups().size(); g++) {
            Group group = segments.groups().get(g);
            Set<String> seen = new LinkedHashSet<>();
            for (Condition condition : group.conditions()) {
                if (!seen.add(identity(condition))) {
                    problems.warn(condition.line(), "segments.groups[" + g + "]", "the condition on '"
                            + condition.column() + "' repeats an earlier one of the group; it is sent once");
                    continue;
                }
                predicates++;
                for (String value : condition.values()) {
                    if (value.length() > limits.maxValueLength()) {
                        problems.add(condition.line(), "segments.groups[" + g + "]." + condition.column(), "a value"
                                + " of " + value.length() + " characters exceeds the limit of "
                                + limits.maxValueLength(), "shorten it, or raise campaigns.segments.max-value-length");
                    }
                }
            }
        }
        if (predicates > limits.maxPredicates()) {
            problems.add(segments.groups().get(0).line(), "segments", predicates + " conditions exceed the limit of "
                    + limits.maxPredicates(), "combine conditions (in: [...] takes many values), or raise"
                    + " campaigns.segments.max-predicates");
        }
        for (List<Condition> context : andContexts(segments)) {
            for (Condition exclusion : context) {
                if (!exclusion.negated()) {
                    continue;
                }
                for (Condition include : context) {
                    if (!include.negated() && include.column().equals(exclusion.column())
                            && covers(exclusion, include)) {
                        problems.add(exclusion.line(), "segments", "the exclusion on '" + exclusion.column()
                                + "' (line " + exclusion.line() + ", " + describe(exclusion) + ") removes every contact"
                                + " the include on line " + include.line() + " (" + describe(include) + ") admits",
                                "narrow the exclusion or drop one of the two");
                    }
                }
            }
        }
    }

    /**
     * The sets of conditions that must all hold together: the conditions of every AND group when the groups are
     * joined by AND (a group of one condition counts as AND), else each AND group on its own.
     */
    private static List<List<Condition>> andContexts(CampaignSpec.Segments segments) {
        List<List<Condition>> contexts = new ArrayList<>();
        List<Condition> joined = new ArrayList<>();
        for (Group group : segments.groups()) {
            boolean and = group.all() || group.conditions().size() == 1;
            if (!and) {
                continue;
            }
            if (segments.all()) {
                joined.addAll(group.conditions());
            } else {
                contexts.add(group.conditions());
            }
        }
        if (!joined.isEmpty()) {
            contexts.add(joined);
        }
        return contexts;
    }

    /** Whether every value the include admits is matched by the exclusion (so nothing is left). */
    static boolean covers(Condition exclusion, Condition include) {
        if (include.numeric()) {
            Interval admitted = Interval.of(include);
            Interval removed = Interval.of(exclusion);
            if (admitted != null && removed != null) {
                return removed.contains(admitted);
            }
            List<BigDecimal> points = points(include);
            if (points != null && removed != null) {
                return points.stream().allMatch(removed::contains);
            }
            List<BigDecimal> removedPoints = points(exclusion);
            return points != null && removedPoints != null && points.stream().allMatch(p -> removedPoints.stream()
                    .anyMatch(r -> r.compareTo(p) == 0));
        }
        List<String> admitted = include.op() == Op.EQUALS || include.op() == Op.IN ? lower(include.values()) : null;
        String removed = exclusion.values().get(0).toLowerCase(Locale.ROOT);
        return switch (exclusion.op()) {
            case EQUALS, IN -> admitted != null && lower(exclusion.values()).containsAll(admitted);
            case BEGINS_WITH -> admitted != null ? admitted.stream().allMatch(v -> v.startsWith(removed))
                    : include.op() == Op.BEGINS_WITH && lower(include.values()).get(0).startsWith(removed);
            case ENDS_WITH -> admitted != null ? admitted.stream().allMatch(v -> v.endsWith(removed))
                    : include.op() == Op.ENDS_WITH && lower(include.values()).get(0).endsWith(removed);
            case CONTAINS -> admitted != null ? admitted.stream().allMatch(v -> v.contains(removed))
                    : include.op() != Op.EQUALS && include.op() != Op.IN
                            && lower(include.values()).get(0).contains(removed);
            default -> false;
        };
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<BigDecimal> points(Condition condition) {
        return condition.op() == Op.EQUALS || condition.op() == Op.IN
                ? condition.values().stream().map(BigDecimal::new).toList() : null;
    }

    /** A numeric range with open or closed ends (null bound: unbounded). */
    private record Interval(BigDecimal min, boolean minIn, BigDecimal max, boolean maxIn) {
        static Interval of(Condition c) {
            BigDecimal v = c.values().isEmpty() ? null : new BigDecimal(c.values().get(0));
            return switch (c.op()) {
                case BETWEEN -> new Interval(v, true, new BigDecimal(c.values().get(1)), true);
                case ABOVE -> new Interval(v, false, null, false);
                case AT_LEAST -> new Interval(v, true, null, false);
                case BELOW -> new Interval(null, false, v, false);
                case AT_MOST -> new Interval(null, false, v, true);
                default -> null;
            };
        }

        boolean contains(BigDecimal p) {
            return (min == null || min.compareTo(p) < 0 || minIn && min.compareTo(p) == 0)
                    && (max == null || max.compareTo(p) > 0 || maxIn && max.compareTo(p) == 0);
        }

        boolean contains(Interval other) {
            boolean lowOk = min == null || other.min != null && (min.compareTo(other.min) < 0
                    || min.compareTo(other.min) == 0 && (minIn || !other.minIn));
            boolean highOk = max == null || other.max != null && (max.compareTo(other.max) > 0
                    || max.compareTo(other.max) == 0 && (maxIn || !other.maxIn));
            return lowOk && highOk;
        }
    }

    static String describe(Condition c) {
        return c.op().key + " " + (c.values().size() == 1 ? c.values().get(0) : c.values());
    }

    private static String identity(Condition c) {
        return c.column() + "|" + c.op() + "|" + c.values() + "|" + c.negated();
    }

    /** The filter Genesys gets, on the campaign's contact list; duplicates sent once. */
    public static ContactListFilter filter(CampaignSpec spec, String contactListId) {
        CampaignSpec.Segments segments = spec.segments();
        List<ContactListFilterClause> clauses = new ArrayList<>();
        for (Group group : segments.groups()) {
            Set<String> seen = new LinkedHashSet<>();
            List<ContactListFilterPredicate> predicates = new ArrayList<>();
            for (Condition condition : group.conditions()) {
                if (seen.add(identity(condition))) {
                    predicates.add(predicate(condition));
                }
            }
            clauses.add(new ContactListFilterClause(group.all() ? "AND" : "OR", predicates));
        }
        return new ContactListFilter(null, segments.name(), null, new DomainEntityRef(contactListId, null, null),
                "ContactList", clauses, segments.all() ? "AND" : "OR", null, null, null);
    }

    private static ContactListFilterPredicate predicate(Condition c) {
        String type = c.numeric() ? "numeric" : "alphabetic";
        String one = c.values().get(0);
        return switch (c.op()) {
            case IN -> new ContactListFilterPredicate(c.column(), type, "IN", null,
                    new ContactListFilterRange(null, null, null, null, c.values()), c.negated());
            case BETWEEN -> new ContactListFilterPredicate(c.column(), type, "BETWEEN", null,
                    new ContactListFilterRange(one, c.values().get(1), true, true, null), c.negated());
            default -> new ContactListFilterPredicate(c.column(), type, operator(c.op()), one, null, c.negated());
        };
    }

    /** The real operator of a comparison other than {@code in} and {@code between}. */
    static String operator(Op op) {
        return switch (op) {
            case EQUALS -> "EQUALS";
            case ABOVE -> "GREATER_THAN";
            case BELOW -> "LESS_THAN";
            case AT_LEAST -> "GREATER_THAN_EQUALS";
            case AT_MOST -> "LESS_THAN_EQUALS";
            case CONTAINS -> "CONTAINS";
            case BEGINS_WITH -> "BEGINS_WITH";
            case ENDS_WITH -> "ENDS_WITH";
            case IN -> "IN";
            case BETWEEN -> "BETWEEN";
        };
    }
}
