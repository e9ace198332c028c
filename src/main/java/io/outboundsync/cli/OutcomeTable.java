package io.outboundsync.cli;

import io.outboundsync.contacts.DropSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code once} prints on stdout: a short table of its drops and one of its campaigns. Counts, reason codes and
 * names only (a drop's summary never holds a phone or an e-mail).
 */
public final class OutcomeTable {

    /** A campaign's line: changes applied, drift found, its state in Genesys ("?" when it could not be read). */
    public record CampaignLine(String campaign, long changesApplied, long drift, String state, String error) {
    }

    /** How many reject reasons a drop's line names; the rest are counted. */
    static final int TOP_REASONS = 3;

    private OutcomeTable() {
    }

    public static List<String> drops(List<DropSummary> summaries) {
        List<String> lines = new ArrayList<>();
        if (summaries.isEmpty()) {
            return lines;
        }
        int name = Math.max(4, summaries.stream().mapToInt(s -> s.file().length()).max().orElse(4));
        String format = "%-" + name + "s  %-22s %9s %9s %9s %9s %9s %9s %8s";
        lines.add(String.format(java.util.Locale.ROOT, format, "DROP", "STATUS", "ROWS", "ACCEPTED", "REJECTED",
                "WITHDRAWN", "UPLOADED", "UNCHANGED", "SECONDS"));
        for (DropSummary s : summaries) {
            lines.add(String.format(java.util.Locale.ROOT, format, s.file(), s.status(), s.rowsRead(), s.accepted(),
                    s.rejected(), s.withdrawn(), s.uploaded(), s.unchanged(),
                    String.format(java.util.Locale.ROOT, "%.1f", s.durationMs() / 1000.0)));
            String reasons = topReasons(s.rejectedByReason());
            if (!reasons.isEmpty()) {
                lines.add("  rejected: " + reasons);
            }
            if (s.error() != null) {
                lines.add("  " + s.error());
            }
        }
        return lines;
    }

    /** The most frequent reject reasons, most first: {@code CONSENT_MISSING 3, ON_DNC 2, ... (+2 more)}. */
    static String topReasons(Map<String, Long> byReason) {
        if (byReason == null || byReason.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byReason.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(TOP_REASONS, sorted.size()); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(sorted.get(i).getKey()).append(' ').append(sorted.get(i).getValue());
        }
        if (sorted.size() > TOP_REASONS) {
            text.append(" (+").append(sorted.size() - TOP_REASONS).append(" more)");
        }
        return text.toString();
    }

    public static List<String> campaigns(List<CampaignLine> campaigns) {
        List<String> lines = new ArrayList<>();
        if (campaigns.isEmpty()) {
            return lines;
        }
        int name = Math.max(8, campaigns.stream().mapToInt(c -> c.campaign().length()).max().orElse(8));
        String format = "%-" + name + "s  %-7s %8s %6s  %s";
        lines.add(String.format(java.util.Locale.ROOT, format, "CAMPAIGN", "SYNC", "APPLIED", "DRIFT", "STATE"));
        for (CampaignLine c : campaigns) {
            lines.add(String.format(java.util.Locale.ROOT, format, c.campaign(), c.error() == null ? "SYNCED"
                    : "FAILED", c.changesApplied(), c.drift(), c.state()));
            if (c.error() != null) {
                lines.add("  " + c.error());
            }
        }
        return lines;
    }
}
