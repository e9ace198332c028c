package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.upload.UploadWindow;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the drops being read have come, for a person watching: told each chunk's {@link RowsRead}, it keeps a
 * drop's running counts (an observer's view: nothing in the flow reads them), writes a progress line at most once
 * per {@code contacts.progress-interval-ms} and hands the status page its {@link Progress}.
 */
public final class DropProgress {

    private static final Logger LOG = LoggerFactory.getLogger(DropProgress.class);
    /** The console's logger for progress (log4j2.properties sends it to the console whatever the level). */
    private static final Logger CONSOLE = LoggerFactory.getLogger("outboundsync.console.progress");
    /** Whether the console is a terminal a bar can be redrawn on. */
    private static final boolean TERMINAL = System.console() != null;

    /**
     * How far a drop in progress has come (the status page): counts and names only.
     *
     * @param shareRead the file's share read, 0 to 1
     */
    public record Progress(String file, String campaign, long rowsRead, long rejected, long uploaded, long unchanged,
            long withdrawn, Map<String, Long> rejectedByReason, double shareRead, double seconds) {
    }

    private final long intervalMs;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    public DropProgress(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** A drop's rows are about to be read: nothing read yet. */
    public Progress started(Drop drop) {
        Running now = new Running(drop.startedNanos());
        running.put(drop.dropId(), now);
        return now.progress(drop);
    }

    /** A chunk was read: the drop's counts so far, a progress line when one is due. */
    public Progress read(Drop drop, RowsRead chunk) {
        Running now = running.computeIfAbsent(drop.dropId(), id -> new Running(drop.startedNanos()));
        Progress progress;
        synchronized (now) {
            now.sum = now.sum.plus(chunk.withoutHeld());
            progress = now.progress(drop);
            if (!now.due(intervalMs)) {
                return progress;
            }
        }
        boolean onConsole = progress.rowsRead() >= ProgressLine.CONSOLE_FROM_ROWS;
        // the console's logger writes the log file too; a bar on a terminal is drawn beside the log's line
        (onConsole && !TERMINAL ? CONSOLE : LOG).info("{}", ProgressLine.plain(progress.file(), progress.rowsRead(),
                progress.seconds(), progress.shareRead()));
        if (onConsole && TERMINAL) {
            System.err.print("\r" + ProgressLine.bar(progress.file(), progress.rowsRead(), progress.seconds(),
                    progress.shareRead()));
            System.err.flush();
            now.barShown = true;
        }
        return progress;
    }

    /** The drop ended: a progress bar drawn for it ends its line. */
    public void ended(Drop drop) {
        Running was = drop == null ? null : running.remove(drop.dropId());
        if (was != null && was.barShown) {
            System.err.println();
        }
    }

    private static final class Running {
        private final long startedNanos;
        private RowsRead sum = RowsRead.NONE;
        private long lastLineNanos;
        private volatile boolean barShown;

        Running(long startedNanos) {
            this.startedNanos = startedNanos;
            this.lastLineNanos = startedNanos;
        }

        Progress progress(Drop drop) {
            UploadWindow uploads = drop.uploads();
            return new Progress(drop.getName(), drop.getCampaignKey(), sum.rowsRead(), sum.rejected(),
                    uploads == null ? 0 : uploads.uploaded(), sum.unchanged(),
                    uploads == null ? 0 : uploads.withdrawn(), new TreeMap<>(sum.byReason()),
                    drop.shareRead(sum.bytesRead()), (System.nanoTime() - startedNanos) / 1e9);
        }

        boolean due(long intervalMs) {
            long now = System.nanoTime();
            if ((now - lastLineNanos) / 1_000_000 < intervalMs) {
                return false;
            }
            lastLineNanos = now;
            return true;
        }
    }
}
