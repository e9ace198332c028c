package io.outboundsync.campaigns;

import io.outboundsync.campaigns.CampaignSpec.Condition;
import io.outboundsync.campaigns.CampaignSpec.Op;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Whether two rules' conditions can hold for one contact: the proof behind a rule book's conflict check. */
final class RuleOverlap {

    private RuleOverlap() {
    }

    /**
     * Whether some contact can satisfy every condition of both rules. Conservative: only contradictions it can
     * prove (disjoint number ranges, different required values, incompatible prefixes or suffixes) say no.
     */
    static boolean canOverlap(List<Condition> a, List<Condition> b) {
        Map<String, List<Condition>> byColumn = new HashMap<>();
        for (List<Condition> side : List.of(a, b)) {
            for (Condition c : side) {
                byColumn.computeIfAbsent(c.column(), k -> new ArrayList<>()).add(c);
            }
        }
        for (List<Condition> column : byColumn.values()) {
            if (!(column.get(0).numeric() ? numbersPossible(column) : textPossible(column))) {
                return false;
            }
        }
        return true;
    }

    private static boolean numbersPossible(List<Condition> conditions) {
        BigDecimal lo = null;
        boolean loIn = false;
        BigDecimal hi = null;
        boolean hiIn = false;
        BigDecimal exact = null;
        List<BigDecimal> not = new ArrayList<>();
        for (Condition c : conditions) {
            BigDecimal v = new BigDecimal(c.values().get(0));
            Op op = c.negated() ? negate(c.op()) : c.op();
            if (op == null) {
                not.add(v);
                continue;
            }
            switch (op) {
                case EQUALS -> {
                    if (exact != null && exact.compareTo(v) != 0) {
                        return false;
                    }
                    exact = v;
                }
                case ABOVE, AT_LEAST -> {
                    boolean in = op == Op.AT_LEAST;
                    if (lo == null || v.compareTo(lo) > 0 || v.compareTo(lo) == 0 && !in) {
                        lo = v;
                        loIn = in;
                    }
                }
                case BELOW, AT_MOST -> {
                    boolean in = op == Op.AT_MOST;
                    if (hi == null || v.compareTo(hi) < 0 || v.compareTo(hi) == 0 && !in) {
                        hi = v;
                        hiIn = in;
                    }
                }
                default -> {
                    // rules take no other numeric comparison
                }
            }
        }
        if (exact != null) {
            BigDecimal e = exact;
            boolean aboveLo = lo == null || e.compareTo(lo) > 0 || loIn && e.compareTo(lo) == 0;
            boolean belowHi = hi == null || e.compareTo(hi) < 0 || hiIn && e.compareTo(hi) == 0;
            return aboveLo && belowHi && not.stream().noneMatch(n -> n.compareTo(e) == 0);
        }
        if (lo != null && hi != null) {
            int order = lo.compareTo(hi);
            if (order > 0 || order == 0 && !(loIn && hiIn)) {
                return false;
            }
            if (order == 0) {
                BigDecimal point = lo;
                return not.stream().noneMatch(n -> n.compareTo(point) == 0);
            }
        }
        return true;
    }

    /** The comparison a negated one amounts to; null for "not equal to" (kept as an excluded point). */
    private static Op negate(Op op) {
        return switch (op) {
            case ABOVE -> Op.AT_MOST;
            case AT_MOST -> Op.ABOVE;
            case BELOW -> Op.AT_LEAST;
            case AT_LEAST -> Op.BELOW;
            default -> null;
        };
    }

    private static boolean textPossible(List<Condition> conditions) {
        String exact = null;
        for (Condition c : conditions) {
            if (c.op() == Op.EQUALS && !c.negated()) {
                String v = c.values().get(0).toLowerCase(Locale.ROOT);
                if (exact != null && !exact.equals(v)) {
                    return false;
                }
                exact = v;
            }
        }
        for (Condition c : conditions) {
            String v = c.values().get(0).toLowerCase(Locale.ROOT);
            if (exact != null) {
                boolean holds = switch (c.op()) {
                    case EQUALS -> exact.equals(v);
                    case CONTAINS -> exact.contains(v);
                    case BEGINS_WITH -> exact.startsWith(v);
                    case ENDS_WITH -> exact.endsWith(v);
                    default -> true;
                };
                if (holds == c.negated()) {
                    return false;
                }
            }
        }
        for (Condition c : conditions) {
            for (Condition d : conditions) {
                String cv = c.values().get(0).toLowerCase(Locale.ROOT);
                String dv = d.values().get(0).toLowerCase(Locale.ROOT);
                if (c.op() == Op.BEGINS_WITH && d.op() == Op.BEGINS_WITH && !c.negated() && !d.negated()
                        && !cv.startsWith(dv) && !dv.startsWith(cv)) {
                    return false;
                }
                if (c.op() == Op.ENDS_WITH && d.op() == Op.ENDS_WITH && !c.negated() && !d.negated()
                        && !cv.endsWith(dv) && !dv.endsWith(cv)) {
                    return false;
                }
                // begins with "ab" yet not with "a": impossible
                if (c.op() == d.op() && (c.op() == Op.BEGINS_WITH && cv.startsWith(dv)
                        || c.op() == Op.ENDS_WITH && cv.endsWith(dv) || c.op() == Op.CONTAINS && cv.contains(dv))
                        && !c.negated() && d.negated()) {
                    return false;
                }
            }
        }
        return true;
    }
}
