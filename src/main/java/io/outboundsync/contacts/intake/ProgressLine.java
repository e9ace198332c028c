package io.outboundsync.contacts.intake;

import java.util.Locale;

/**
 * A long drop's progress for a person watching: on a terminal a bar redrawn in place, elsewhere (a log, a pipe) a
 * plain line. Rows, rows a second and the time left; counts and the file's name only.
 */
final class ProgressLine {

    /** Rows a drop has read before its progress is shown on the console (smaller drops end first). */
    static final long CONSOLE_FROM_ROWS = 50_000;

    private static final int WIDTH = 24;

    private ProgressLine() {
    }

    /** {@code [##########--------------]  42%  420,000 rows  35,000 rows/s  about 16 s left  name}. */
    static String bar(String name, long rows, double seconds, double share) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, share)) * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", Math.round(Math.max(0, Math.min(1, share)) * 100)) + "  "
                + counts(rows, seconds, share) + "  " + name;
    }

    /** {@code name: 420,000 rows, 35,000 rows/s, about 16 s left}. */
    static String plain(String name, long rows, double seconds, double share) {
        return name + ": " + counts(rows, seconds, share).replace("  ", ", ");
    }

    private static String counts(long rows, double seconds, double share) {
        long rate = Math.round(rows / Math.max(seconds, 0.001));
        long left = share <= 0 ? 0 : Math.round(seconds / share - seconds);
        return String.format(Locale.ROOT, "%,d rows  %,d rows/s  about %d s left", rows, rate, left);
    }
}
