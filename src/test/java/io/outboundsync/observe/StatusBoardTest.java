package io.outboundsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.campaigns.CampaignConfigException;
import io.outboundsync.campaigns.CampaignProblems;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.DropSummary;
import io.outboundsync.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the status page shows, from what the routes tell the board; no Camel. */
class StatusBoardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    private final AtomicLong calls = new AtomicLong();

    private StatusBoard board(int keep) {
        return new StatusBoard(clock, new StatusBoard.Sources(() -> "sandbox (embedded, no org)", () -> 0.25, () -> 300, () -> 60, () -> 4, () -> 2), keep,
                Duration.ofHours(1), 2000);
    }

    static DropSummary summary(String file, String status, long rows, long rejected, Map<String, Long> byReason) {
        return new DropSummary(status, "ab", rows, rows - rejected, rejected, byReason, 0, 1, rows - rejected - 1, 0,
                "list-1", 1500, "demo", file, 0, 0, 0, null, null);
    }

    @Test
    void keepsTheLastDropsNewestFirstAndAddsUpTheirRejectsByReason() {
        StatusBoard board = board(2);
        board.dropFinished(summary("a.csv", "COMPLETED_WITH_REJECTS", 10, 3, Map.of("ON_DNC", 1L, "PHONE_INVALID", 2L)));
        board.dropFinished(summary("b.csv", "COMPLETED_WITH_REJECTS", 20, 4, Map.of("PHONE_INVALID", 4L)));
        board.dropFinished(summary("c.csv", "COMPLETED_WITH_REJECTS", 30, 5, Map.of("ON_DNC", 5L)));

        StatusBoard.Snapshot snapshot = board.snapshot();
        assertThat(snapshot.target()).isEqualTo("sandbox (embedded, no org)");
        assertThat(snapshot.drops()).extracting(StatusBoard.DropLine::file).containsExactly("c.csv", "b.csv");
        StatusBoard.DropLine c = snapshot.drops().get(0);
        assertThat(List.of(c.rows(), c.accepted(), c.rejected(), c.uploaded(), c.unchanged()))
                .containsExactly(30L, 25L, 5L, 24L, 1L);
        assertThat(c.seconds()).isEqualTo(1.5);
        // the drops listed: a.csv has fallen off; the largest reason first
        assertThat(snapshot.rejectedByReason()).containsExactly(Map.entry("ON_DNC", 5L), Map.entry("PHONE_INVALID", 4L));
        assertThat(snapshot.running()).isNull();
        assertThat(snapshot.quota()).isEqualTo(new StatusBoard.Quota(300, 60, 0.25));
        assertThat(snapshot.webhooks()).isEqualTo(new StatusBoard.Webhooks(4, 2));
        assertThat(snapshot.refreshMs()).isEqualTo(2000);
    }

    @Test
    void samplesRowsASecondAndCallsAMinuteAndForgetsWhatIsOlderThanAnHour() {
        StatusBoard board = board(20);
        board.sample(calls.get());
        assertThat(board.snapshot().rates()).isEmpty();

        board.dropFinished(summary("a.csv", "COMPLETED", 1000, 0, Map.of()));
        calls.addAndGet(5);
        clock.advance(Duration.ofSeconds(10));
        board.sample(calls.get());
        clock.advance(Duration.ofSeconds(10));
        board.sample(calls.get());

        List<StatusBoard.RatePoint> rates = board.snapshot().rates();
        assertThat(rates).hasSize(2);
        assertThat(rates.get(0).rowsPerSecond()).isEqualTo(100.0);
        assertThat(rates.get(0).callsPerMinute()).isEqualTo(30.0);
        assertThat(rates.get(0).at()).isEqualTo((double) Instant.parse("2026-11-30T09:00:10Z").getEpochSecond());
        assertThat(rates.get(1).rowsPerSecond()).isZero();

        clock.advance(Duration.ofMinutes(59).plusSeconds(55));
        board.sample(calls.get());
        assertThat(board.snapshot().rates()).extracting(StatusBoard.RatePoint::at)
                .containsExactly((double) Instant.parse("2026-11-30T09:00:20Z").getEpochSecond(),
                        (double) Instant.parse("2026-11-30T10:00:15Z").getEpochSecond());
    }

    @Test
    void campaignsCarryTheirLastSyncAndTheirStatusInGenesys() {
        StatusBoard board = board(20);
        board.campaignStatus("demo", "on");
        CampaignSync.Change applied = new CampaignSync.Change("ruleSet", "demo rules", "r1",
                CampaignSync.Action.UPDATE, List.of("rules"), 1, 2, true, List.of());
        CampaignSync.Change drifted = new CampaignSync.Change("campaign", "demo", "c1",
                CampaignSync.Action.DRIFTED, List.of("callerName"), 3, null, false, List.of());
        CampaignSync.Change same = new CampaignSync.Change("contactListFilter", "f", "f1",
                CampaignSync.Action.UNCHANGED, List.of(), 1, null, null, List.of());
        CampaignSync.Report report = new CampaignSync.Report("demo", "demo.yaml", List.of(applied, drifted, same),
                null, Map.of(), List.of(), null);
        CampaignConfigException broken = new CampaignConfigException(Path.of("config/campaigns/broken.yaml"),
                List.of(new CampaignProblems.Problem(3, "queue", "is required", "name the queue")));
        board.campaignsSynced(new CampaignsFlow.Outcome(List.of(report), List.of(broken)));

        List<StatusBoard.CampaignLine> lines = board.snapshot().campaigns();
        assertThat(lines).extracting(StatusBoard.CampaignLine::campaign).containsExactly("broken.yaml", "demo");
        StatusBoard.CampaignLine demo = lines.get(1);
        assertThat(demo.status()).isEqualTo("on");
        assertThat(demo.lastSyncOutcome()).isEqualTo("synced");
        assertThat(List.of(demo.pending(), demo.applied(), demo.drift())).containsExactly(1L, 1L, 1L);
        assertThat(lines.get(0).lastSyncOutcome()).isEqualTo("invalid");
        assertThat(lines.get(0).error()).contains("queue: is required");

        clock.advance(Duration.ofMinutes(1));
        board.campaignStatus("demo", "off");
        StatusBoard.CampaignLine after = board.snapshot().campaigns().get(1);
        assertThat(after.status()).isEqualTo("off");
        assertThat(after.statusReadAt()).isEqualTo("2026-11-30T09:01:00Z");
        assertThat(after.applied()).isEqualTo(1);
    }

    @Test
    void aRestartedProcessShowsTheLastSummariesItFindsAndLeavesOutOneItCannotRead(@TempDir Path reports)
            throws Exception {
        for (int i = 1; i <= 4; i++) {
            Path file = reports.resolve("drop" + i + ".csv.summary.json");
            Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    summary("drop" + i + ".csv", "COMPLETED", i * 10, 0, Map.of())));
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-29T0" + i + ":00:00Z")));
        }
        Path broken = reports.resolve("drop5.csv.summary.json");
        Files.writeString(broken, "{ not json");
        Files.setLastModifiedTime(broken, FileTime.from(Instant.parse("2026-11-29T05:00:00Z")));
        Files.writeString(reports.resolve("drop1.csv.rejects.csv"), "row,externalId,reasons,details\r\n");

        StatusBoard board = board(3).loadRecent(reports);
        assertThat(board.snapshot().drops()).extracting(StatusBoard.DropLine::file)
                .containsExactly("drop4.csv", "drop3.csv");
        assertThat(board.snapshot().drops().get(0).finishedAt()).isEqualTo("2026-11-29T04:00:00Z");
        assertThat(board(3).loadRecent(reports.resolve("absent")).snapshot().drops()).isEmpty();
    }
}
