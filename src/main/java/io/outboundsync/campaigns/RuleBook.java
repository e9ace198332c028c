package io.outboundsync.campaigns;

import io.outboundsync.campaigns.CampaignSpec.Action;
import io.outboundsync.campaigns.CampaignSpec.Condition;
import io.outboundsync.campaigns.CampaignSpec.Rule;
import io.outboundsync.genesys.model.DialerAction;
import io.outboundsync.genesys.model.DialerRule;
import io.outboundsync.genesys.model.DomainEntityRef;
import io.outboundsync.genesys.model.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules → one rule set ({@code DialerRule}s of {@code contactAttributeCondition}s and real action types), and the
 * checks: unique names and orders (order is the execution order), and mutual exclusion — two rules of a category
 * that can match the same contact and set one attribute to different values, or where one forbids dialing what the
 * other dials, are an error naming both.
 */
public final class RuleBook {

    /** Actions that only make sense for a contact that is dialed. */
    private static final Set<String> DIALS = Set.of("SET_CALLER_ID", "SWITCH_TO_PREVIEW", "SET_SKILLS");

    private RuleBook() {
    }

    static void check(CampaignSpec spec, CampaignProblems problems) {
        List<Rule> rules = spec.rules();
        Map<String, Rule> names = new HashMap<>();
        Map<Integer, Rule> orders = new HashMap<>();
        for (Rule rule : rules) {
            Rule sameName = names.putIfAbsent(rule.name().toLowerCase(Locale.ROOT), rule);
            if (sameName != null) {
                problems.add(rule.line(), "rules", "the name '" + rule.name() + "' is used on lines "
                        + sameName.line() + " and " + rule.line(), "give each rule its own name");
            }
            Rule sameOrder = orders.putIfAbsent(rule.order(), rule);
            if (sameOrder != null) {
                problems.add(rule.line(), "rules", "'" + sameOrder.name() + "' and '" + rule.name() + "' both have"
                        + " order " + rule.order(), "give each rule its own order: it is the order they run in");
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                String conflict = conflict(rules.get(i), rules.get(j));
                if (conflict != null) {
                    problems.add(rules.get(j).line(), "rules", "'" + rules.get(i).name() + "' (line "
                            + rules.get(i).line() + ") and '" + rules.get(j).name() + "' (line " + rules.get(j).line()
                            + ")" + CONFLICT + conflict, "make their conditions exclusive"
                            + " (e.g. split a range at one value) or give them the same action");
                }
            }
        }
    }

    /** What a conflict's problem says between the two rules and the contradiction ({@link #isConflict}). */
    private static final String CONFLICT = " can match the same contact and ";

    /** Whether a campaign file's problem is two rules that contradict each other (counted, alerted). */
    public static boolean isConflict(CampaignProblems.Problem problem) {
        return "rules".equals(problem.key()) && problem.message().contains(CONFLICT);
    }

    /** Why two rules contradict each other on a contact both can match, or null. */
    static String conflict(Rule a, Rule b) {
        if (!a.category().equals(b.category()) || !RuleOverlap.canOverlap(a.when(), b.when())) {
            return null;
        }
        Map<String, String> setA = sets(a);
        Map<String, String> setB = sets(b);
        for (Map.Entry<String, String> set : setA.entrySet()) {
            String other = setB.get(set.getKey());
            if (other != null && !other.equals(set.getValue())) {
                return "set '" + set.getKey() + "' to different values ('" + set.getValue() + "' and '" + other + "')";
            }
        }
        if (forbids(a) && dials(b) || forbids(b) && dials(a)) {
            Rule forbidding = forbids(a) ? a : b;
            return "'" + forbidding.name() + "' forbids dialing a contact the other dials";
        }
        return null;
    }

    private static Map<String, String> sets(Rule rule) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (Action action : rule.then()) {
            if ("MODIFY_CONTACT_ATTRIBUTE".equals(action.actionTypeName()) && "SET".equals(action.updateOption())) {
                sets.putAll(action.properties());
            }
        }
        return sets;
    }

    private static boolean forbids(Rule rule) {
        return rule.then().stream().anyMatch(a -> "DO_NOT_DIAL".equals(a.actionTypeName()));
    }

    private static boolean dials(Rule rule) {
        return rule.then().stream().anyMatch(a -> DIALS.contains(a.actionTypeName()));
    }

    /** The rule set Genesys gets, in execution order. */
    public static RuleSet ruleSet(CampaignSpec spec, String contactListId) {
        return ruleSet(spec, contactListId, Map.of());
    }

    /**
     * The rule set, with each {@code setSkills} name replaced by its routing skill's id ({@code skillIds}: name to
     * id, from {@code GET /api/v2/routing/skills}): {@code SET_SKILLS} "takes a key 'skills' with an array of skill
     * ids wrapped into a string" (SDK, {@code DialerAction.properties}).
     */
    public static RuleSet ruleSet(CampaignSpec spec, String contactListId, Map<String, String> skillIds) {
        List<DialerRule> rules = new ArrayList<>();
        spec.rules().stream().sorted(java.util.Comparator.comparingInt(Rule::order)).forEach(rule -> rules.add(
                new DialerRule(null, rule.name(), rule.order(), rule.category(), rule.when().stream()
                        .map(RuleBook::condition).toList(), rule.then().stream().map(a -> action(a, skillIds))
                        .toList())));
        return new RuleSet(null, spec.objectName("rules"), null, new DomainEntityRef(contactListId, null, null), null,
                rules, null, null, null);
    }

    private static io.outboundsync.genesys.model.Condition condition(Condition c) {
        return new io.outboundsync.genesys.model.Condition("contactAttributeCondition", c.negated(), c.column(),
                c.values().get(0), c.numeric() ? "NUMERIC" : "STRING", Segmentation.operator(c.op()), null, null,
                null);
    }

    private static DialerAction action(Action a, Map<String, String> skillIds) {
        String type = "MODIFY_CONTACT_ATTRIBUTE".equals(a.actionTypeName()) ? "modifyContactAttribute" : "Action";
        Map<String, String> properties = a.properties();
        if ("SET_SKILLS".equals(a.actionTypeName())) {
            properties = new java.util.LinkedHashMap<>(properties);
            properties.put("skills", skillsProperty(skillNames(a).stream()
                    .map(name -> skillIds.getOrDefault(name, name)).toList()));
        }
        return new DialerAction(type, a.actionTypeName(), a.updateOption(), properties.isEmpty() ? null
                : properties);
    }

    /** The skill names of a {@code setSkills} action, as the file gives them. */
    static List<String> skillNames(Action a) {
        try {
            List<String> names = new ArrayList<>();
            ManagedFields.JSON.readTree(a.properties().get("skills")).forEach(n -> names.add(n.asText()));
            return names;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("setSkills of line " + a.line() + " is not a list", e);
        }
    }

    /** Every skill name the rules' {@code setSkills} actions give, in order, once each. */
    public static java.util.Set<String> skillNames(CampaignSpec spec) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Rule rule : spec.rules()) {
            for (Action a : rule.then()) {
                if ("SET_SKILLS".equals(a.actionTypeName())) {
                    names.addAll(skillNames(a));
                }
            }
        }
        return names;
    }

    /** Ids as {@code SET_SKILLS} takes them: a JSON array wrapped into a string. */
    static String skillsProperty(List<String> ids) {
        try {
            return ManagedFields.JSON.writeValueAsString(ids);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rule compiled for local evaluation over contact rows (values in contact-list column order). */
    public record Compiled(String name, int order, java.util.function.Predicate<String[]> matches) {
    }

    /**
     * The rules compiled once into tests over a row, for previews (how many contacts of the ledger each rule hits):
     * column positions are looked up and numbers parsed here, so an evaluation only compares.
     */
    public static List<Compiled> compile(CampaignSpec spec) {
        List<String> columns = spec.contactList().columns();
        List<Compiled> compiled = new ArrayList<>();
        spec.rules().stream().sorted(java.util.Comparator.comparingInt(Rule::order)).forEach(rule -> {
            List<java.util.function.Predicate<String[]>> tests = rule.when().stream().map(c -> test(c,
                    columns.indexOf(c.column()))).toList();
            @SuppressWarnings("unchecked")
            java.util.function.Predicate<String[]>[] all = tests.toArray(new java.util.function.Predicate[0]);
            compiled.add(new Compiled(rule.name(), rule.order(), row -> {
                for (java.util.function.Predicate<String[]> t : all) {
                    if (!t.test(row)) {
                        return false;
                    }
                }
                return true;
            }));
        });
        return compiled;
    }

    /** One condition over a row; an absent or unreadable value does not match (then {@code not} applies). */
    private static java.util.function.Predicate<String[]> test(Condition c, int index) {
        boolean negated = c.negated();
        if (c.numeric()) {
            double bound = Double.parseDouble(c.values().get(0));
            java.util.function.DoublePredicate compare = switch (c.op()) {
                case EQUALS -> v -> v == bound;
                case ABOVE -> v -> v > bound;
                case BELOW -> v -> v < bound;
                case AT_LEAST -> v -> v >= bound;
                case AT_MOST -> v -> v <= bound;
                default -> v -> false;
            };
            return row -> {
                String value = row[index];
                boolean result = false;
                if (value != null && !value.isEmpty()) {
                    try {
                        result = compare.test(Double.parseDouble(value));
                    } catch (NumberFormatException notANumber) {
                        result = false;
                    }
                }
                return result != negated;
            };
        }
        String expected = c.values().get(0);
        java.util.function.Predicate<String> compare = switch (c.op()) {
            case EQUALS -> v -> v.equalsIgnoreCase(expected);
            case CONTAINS -> v -> v.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
            case BEGINS_WITH -> v -> v.regionMatches(true, 0, expected, 0, expected.length());
            case ENDS_WITH -> v -> v.length() >= expected.length()
                    && v.regionMatches(true, v.length() - expected.length(), expected, 0, expected.length());
            default -> v -> false;
        };
        return row -> {
            String value = row[index];
            boolean result = value != null && !value.isEmpty() && compare.test(value);
            return result != negated;
        };
    }
}
