package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.DropSummary;
import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.upload.Batching;
import io.outboundsync.contacts.upload.UploadWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a drop ends ({@link DropReport#summary}, {@link DropReport#refused}) without Camel: its status and counts from
 * what its rows came to and what Genesys took, and where its file goes.
 */
class DropReportTest {

    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));

    @TempDir
    Path dir;
    private Path file;
    private UploadWindow uploads;
    private Drop drop;
    private final DropReport report = new DropReport(Path.of("unused"), null, null, Clock.systemUTC(),
            () -> "sandbox (embedded, no org)");

    @BeforeEach
    void admitted() throws Exception {
        file = dir.resolve("export.csv");
        Files.writeString(file, "externalId,phone\nCRM-1,3172014455\n", StandardCharsets.UTF_8);
        Admission admission = new Admission(file, "demo", "test", Admission.Verdict.ADMITTED, null, DEMO,
                DropFile.inspect(file), DropFile.Stamp.of(file), null);
        uploads = new UploadWindow(new Batching(1000, () -> 1000, Batching.MAX_REQUEST_BYTES));
        drop = new Drop(admission, System.nanoTime(), null, 1, "list-1", null, null, null, io.outboundsync.contacts.checks.Repeats.NONE, uploads);
    }

    private static RowsRead read(long rows, long rejected, Map<String, Long> byReason) {
        return new RowsRead(rows, rejected, byReason, 0, 1, 0, 100, List.of(), null, null, 2);
    }

    @Test
    void aDropWithRejectsIsCompletedWithRejectsAndItsFileGoesToProcessed() {
        uploads.landed(2, 1, List.of());

        DropEnd end = report.summary(drop, read(4, 1, Map.of("ON_DNC", 1L)));

        DropSummary summary = end.summary();
        assertThat(summary.status()).isEqualTo("COMPLETED_WITH_REJECTS");
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.PROCESSED);
        assertThat(summary.rowsRead()).isEqualTo(4);
        assertThat(summary.accepted()).isEqualTo(3);
        assertThat(summary.uploaded()).isEqualTo(2);
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(summary.rejectedByReason()).containsExactly(Map.entry("ON_DNC", 1L));
        assertThat(summary.unmappedColumns()).isEqualTo(2);
        assertThat(summary.contactListId()).isEqualTo("list-1");
        assertThat(summary.target()).isEqualTo("sandbox (embedded, no org)");
        assertThat(end.callableAgain()).isEqualTo(1);
        assertThat(report.summary(drop, read(4, 0, Map.of())).summary().status()).isEqualTo("COMPLETED");
    }

    @Test
    void aFileThatCannotBeReadToItsEndFailsAndGoesToFailedWithItsReason() {
        DropEnd end = report.summary(drop, read(1, 0, Map.of()).unreadableFor("it ends inside row 2"));

        assertThat(end.summary().status()).isEqualTo("FAILED");
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.UNREADABLE);
        assertThat(end.reason()).isEqualTo("it ends inside row 2");
        assertThat(end.summary().error()).contains("it ends inside row 2");
    }

    @Test
    void aDropGenesysFailedStaysInTheInboxForTheNextRunWithWhatWasRead() {
        uploads.handedOver();
        uploads.ended(new IllegalStateException("503 after 5 attempts."));

        DropEnd end = report.summary(drop, read(4, 0, Map.of()));

        assertThat(end.summary().status()).isEqualTo("FAILED");
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.RETRY);
        assertThat(end.summary().error()).contains("503 after 5 attempts.").contains("stays in the inbox");
        assertThat(end.summary().rowsRead()).isEqualTo(4);
    }

    @Test
    void aFileChangedWhileItWasReadStaysToBeTakenAgain() throws Exception {
        Files.writeString(file, "externalId,phone\nCRM-2,3172014456\nCRM-3,3172014457\n", StandardCharsets.UTF_8);

        DropEnd end = report.summary(drop, read(1, 0, Map.of()));

        assertThat(end.ending()).isEqualTo(DropEnd.Ending.CHANGED);
        assertThat(end.summary().status()).isEqualTo("FAILED");
        assertThat(end.summary().error()).startsWith("The file changed while it was read");
    }

    @Test
    void aFileRefusedWholeFailsWithTheReasonAndNothingRead() {
        Admission refused = new Admission(file, "nope", "test", Admission.Verdict.REFUSED,
                "there is no campaign 'nope'", null, null, null, null);

        DropEnd end = report.refused(refused);

        assertThat(end.summary().status()).isEqualTo("FAILED");
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.UNREADABLE);
        assertThat(end.summary().error()).isEqualTo("The file cannot be processed: there is no campaign 'nope'");
        assertThat(end.drop()).isNull();
        assertThat(end.getName()).isEqualTo("export.csv");
    }
}
