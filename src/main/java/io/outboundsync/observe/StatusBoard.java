package io.outboundsync.observe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.DropSummary;
import io.outboundsync.contacts.intake.DropProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the status page shows ({@code GET /status/data.json}, served by {@code routes/status.camel.yaml}): the drop
 * in progress, the last drops, rows a second and Genesys calls a minute over the last hour, rejects by reason, the
 * request budget, the webhook backlog and dead letters, and each campaign's state and last sync. The routes tell it
 * what happened (a drop started or ended, a campaign sync, a campaign's status read from Genesys); a timer route
 * samples the rates. Counts, names and ids only: never a phone number or an e-mail address (summaries hold none).
 */
public final class StatusBoard {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A drop that ended: its summary's counts. */
    public record DropLine(String file, String campaign, String status, long rows, long accepted, long rejected,
            long withdrawn, long uploaded, long unchanged, double seconds, String finishedAt,
            Map<String, Long> rejectedByReason) {

        static DropLine of(DropSummary summary, Instant finishedAt) {
            return new DropLine(summary.file(), summary.campaign(), summary.status(), summary.rowsRead(),
                    summary.accepted(), summary.rejected(), summary.withdrawn(), summary.uploaded(),
                    summary.unchanged(), summary.durationMs() / 1000.0, finishedAt.toString(),
                    summary.rejectedByReason() == null ? Map.of() : new TreeMap<>(summary.rejectedByReason()));
        }
    }

    /**
     * One sample: when (seconds since the epoch, with milliseconds: the charts' time axis), rows read a second and
     * Genesys calls a minute since the sample before.
     */
    public record RatePoint(double at, double rowsPerSecond, double callsPerMinute) {
    }

    /** The request budget: the limit a window, its length, and the share used now. */
    public record Quota(long limit, long windowSeconds, double usedShare) {
    }

    public record Webhooks(long backlog, long deadLetters) {
    }

    /**
     * A campaign: its status in Genesys as last read (and when), and its last sync: outcome, changes found (still
     * pending after the sync), changes applied, objects found changed outside Outbound Sync, error.
     */
    public record CampaignLine(String campaign, String status, String statusReadAt, String lastSyncAt,
            String lastSyncOutcome, long pending, long applied, long drift, String error) {
    }

    /**
     * An instance of a shared state (empty list on the embedded state of one machine): when it was last heard of,
     * whether it has been silent too long (stopped or dead), what it holds.
     */
    public record InstanceLine(String id, String host, long pid, String startedAt, String heardAt, long silentSeconds,
            boolean silent, boolean thisOne, List<String> holding) {
    }

    /**
     * @param target which Genesys this process acts on: {@code sandbox (embedded, no org)} or {@code live: <org>
     *               (<region>)}, null until the org is identified
     */
    public record Snapshot(String target, String at, DropProgress.Progress running, List<DropLine> drops, List<RatePoint> rates,
            Map<String, Long> rejectedByReason, Quota quota, Webhooks webhooks, List<CampaignLine> campaigns,
            List<InstanceLine> instances, long refreshMs) {
    }

    /**
     * What the board reads when asked, not told: the target, the budget's and the webhook queues' current values.
     */
    public record Sources(Supplier<String> target, DoubleSupplier budgetUsed, LongSupplier budgetLimit,
            LongSupplier budgetWindowSeconds, LongSupplier webhookBacklog, LongSupplier deadLetters) {

        public static Sources none() {
            return new Sources(() -> null, () -> 0, () -> 0, () -> 0, () -> 0, () -> 0);
        }
    }

    private final Clock clock;
    private final Sources sources;
    private final int keepDrops;
    private final Duration window;
    private final long refreshMs;
    private final Deque<DropLine> drops = new ArrayDeque<>();
    private final Deque<RatePoint> rates = new ArrayDeque<>();
    private final Map<String, CampaignLine> campaigns = new TreeMap<>();
    private List<io.outboundsync.cluster.Instances.Seen> instances = List.of();
    private String thisInstance;
    private Duration silentAfter = Duration.ZERO;
    private DropProgress.Progress running;
    private long rowsFinished;
    private long lastRows = -1;
    private long lastCalls;
    private long lastSampleMillis;

    public StatusBoard(Clock clock, Sources sources, int keepDrops, Duration window, long refreshMs) {
        this.clock = clock;
        this.sources = sources;
        this.keepDrops = keepDrops;
        this.window = window;
        this.refreshMs = refreshMs;
    }

    /**
     * The last drops' summaries in a reports folder (newest last), so a restarted process shows what came before.
     * A summary that cannot be read is left out and logged, never fatal: the page is a view.
     */
    public synchronized StatusBoard loadRecent(Path reports) {
        if (!Files.isDirectory(reports)) {
            return this;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(reports)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".summary.json"))
                    .sorted(Comparator.comparing(StatusBoard::modified)).toList();
        } catch (IOException e) {
            LOG.warn("Status page: cannot list {} ({}); it starts with no earlier drops", reports, e.toString());
            return this;
        }
        for (Path file : files.subList(Math.max(0, files.size() - keepDrops), files.size())) {
            try {
                keep(DropLine.of(JSON.readValue(file.toFile(), DropSummary.class), modified(file)));
            } catch (IOException e) {
                LOG.warn("Status page: summary {} left out: {}", file.getFileName(), e.getMessage());
            }
        }
        return this;
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** How far the drop being read has come (told as it starts and after each chunk). */
    public synchronized void dropRead(DropProgress.Progress progress) {
        running = progress;
    }

    /** A drop ended (its summary written). */
    public synchronized void dropFinished(DropSummary summary) {
        if (running != null && running.file().equals(summary.file())) {
            running = null;
        }
        rowsFinished += summary.rowsRead();
        keep(DropLine.of(summary, clock.instant()));
    }

    private void keep(DropLine line) {
        drops.addLast(line);
        while (drops.size() > keepDrops) {
            drops.removeFirst();
        }
    }

    /** A campaign sync's outcome (the {@code campaigns-sync} route's, per file). */
    public synchronized void campaignsSynced(CampaignsFlow.Outcome outcome) {
        String now = clock.instant().toString();
        for (CampaignSync.Report report : outcome.reports()) {
            long pending = report.changes().stream()
                    .filter(c -> c.pending() && !Boolean.TRUE.equals(c.applied())).count();
            long applied = report.changes().stream().filter(c -> Boolean.TRUE.equals(c.applied())).count();
            long drift = report.changes().stream().filter(c -> c.action() == CampaignSync.Action.DRIFTED).count();
            CampaignLine was = campaigns.get(report.campaign());
            campaigns.put(report.campaign(), new CampaignLine(report.campaign(), was == null ? null : was.status(),
                    was == null ? null : was.statusReadAt(), now, report.error() == null ? "synced" : "failed",
                    pending, applied, drift, report.error()));
        }
        for (var invalid : outcome.invalid()) {
            String key = invalid.file() == null ? "(invalid file)" : invalid.file().getFileName().toString();
            campaigns.put(key, new CampaignLine(key, null, null, now, "invalid", 0, 0, 0, invalid.getMessage()));
        }
    }

    /** A campaign's {@code campaignStatus} as Genesys answered it ({@code (none)}: no such campaign yet). */
    public synchronized void campaignStatus(String campaign, String status) {
        CampaignLine was = campaigns.get(campaign);
        String now = clock.instant().toString();
        campaigns.put(campaign, was == null
                ? new CampaignLine(campaign, status, now, null, null, 0, 0, 0, null)
                : new CampaignLine(campaign, status, now, was.lastSyncAt(), was.lastSyncOutcome(), was.pending(),
                        was.applied(), was.drift(), was.error()));
    }

    /**
     * Samples the rates (the {@code status-sample} timer route, with the Genesys calls the meters counted so far);
     * points older than the window fall off.
     */
    public synchronized void sample(long calls) {
        long now = clock.millis();
        long rows = rowsFinished + (running == null ? 0 : running.rowsRead());
        if (lastRows >= 0 && now > lastSampleMillis) {
            double seconds = (now - lastSampleMillis) / 1000.0;
            rates.addLast(new RatePoint(now / 1000.0, Math.max(0, rows - lastRows) / seconds,
                    Math.max(0, calls - lastCalls) * 60 / seconds));
        }
        lastRows = rows;
        lastCalls = calls;
        lastSampleMillis = now;
        double oldest = (now - window.toMillis()) / 1000.0;
        while (!rates.isEmpty() && rates.peekFirst().at() < oldest) {
            rates.removeFirst();
        }
    }

    /**
     * The instances of the shared state as the database knows them (route {@code cluster-heartbeat}).
     *
     * @param silentAfterMs silent longer than this: shown as silent
     */
    public synchronized void instancesSeen(String self, long silentAfterMs,
            List<io.outboundsync.cluster.Instances.Seen> seen) {
        this.thisInstance = self;
        this.silentAfter = Duration.ofMillis(silentAfterMs);
        this.instances = List.copyOf(seen);
    }

    /** What the page shows now. */
    public synchronized Snapshot snapshot() {
        DropProgress.Progress progress = running;
        Map<String, Long> byReason = new TreeMap<>();
        drops.forEach(d -> d.rejectedByReason().forEach((r, n) -> byReason.merge(r, n, Long::sum)));
        if (progress != null) {
            progress.rejectedByReason().forEach((r, n) -> byReason.merge(r, n, Long::sum));
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        byReason.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<DropLine> newestFirst = new ArrayList<>(drops);
        java.util.Collections.reverse(newestFirst);
        return new Snapshot(sources.target().get(), clock.instant().toString(), progress, newestFirst, List.copyOf(rates), sorted,
                new Quota(sources.budgetLimit().getAsLong(), sources.budgetWindowSeconds().getAsLong(),
                        sources.budgetUsed().getAsDouble()),
                new Webhooks(sources.webhookBacklog().getAsLong(), sources.deadLetters().getAsLong()),
                List.copyOf(campaigns.values()), instanceLines(), refreshMs);
    }

    private List<InstanceLine> instanceLines() {
        java.time.Instant now = clock.instant();
        return instances.stream().map(i -> {
            return new InstanceLine(i.id(), i.host(), i.pid(), i.startedAt().toString(), i.heartbeatAt().toString(),
                    i.silentFor(now).toSeconds(), i.silent(now, silentAfter), i.id().equals(thisInstance),
                    i.holding());
        }).toList();
    }
}
