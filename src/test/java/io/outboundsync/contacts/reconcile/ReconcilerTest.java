package io.outboundsync.contacts.reconcile;

import static io.outboundsync.contacts.reconcile.ReconcileData.DEMO;
import static io.outboundsync.contacts.reconcile.ReconcileData.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.notify.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconcile steps that need no Genesys, without Camel: the outcome, the report, the refusals before a call. */
class ReconcilerTest {

    @TempDir
    Path dir;
    private final Reconciler reconciler = new Reconciler(null, () -> null, Map.of("demo", DEMO), TestKeys.REDACTOR,
            Clock.fixed(Instant.parse("2026-12-07T02:30:00Z"), ZoneOffset.UTC), () -> "sandbox (embedded, no org)",
            600_000, 1000);

    private Findings findings(Path toRepair) {
        return new Findings(5, 2, 1, 1, 1, 0, Map.of(Findings.MISSING, List.of("C-4"), Findings.CHANGED,
                List.of("C-2"), Findings.UNKNOWN, List.of("+14155550101"), Findings.WITHDRAWN_BUT_CALLABLE, List.of()),
                toRepair);
    }

    @Test
    void theOutcomeCountsWhatWasFoundAndResentAndTheRepairFileGoes() throws Exception {
        Path toRepair = Files.writeString(dir.resolve("repair.txt"), "C-2\nC-4\n");

        Reconciliation done = reconciler.outcome(run(true), findings(toRepair), new Repaired(2, 0));

        assertThat(done.getRepaired()).isEqualTo(2);
        assertThat(done.getMissing()).isEqualTo(1);
        assertThat(done.isInAgreement()).isFalse();
        assertThat(done.getOutcome()).isEqualTo("differences");
        assertThat(toRepair).doesNotExist();
        // a report-only run, or a repair with nothing to send: nothing resent
        assertThat(reconciler.outcome(run(false), findings(dir.resolve("none.txt")), null).getRepaired()).isZero();
    }

    @Test
    void theReportSaysWhichGenesysAndScrubsWhatLooksLikeAPhoneNumber() {
        Reconciliation done = new Reconciliation(run(true), findings(dir.resolve("gone.txt")), new Repaired(1, 1));

        Reconciler.Report report = reconciler.report(done);

        assertThat(report.target()).isEqualTo("sandbox (embedded, no org)");
        assertThat(report.at()).isEqualTo("2026-12-07T02:30:00Z");
        assertThat(report.repaired()).isEqualTo(1);
        assertThat(report.repairRefused()).isEqualTo(1);
        assertThat(report.samples().get(Findings.MISSING)).containsExactly("C-4");
        assertThat(report.samples().get(Findings.UNKNOWN).get(0)).doesNotContain("4155550101");
        assertThat(reconciler.reportName(run(false))).isEqualTo("reconcile-list-1-2026-12-07T02-30-00Z.json");
    }

    @Test
    void aDownloadOfAnotherKindIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> reconciler.locateDownload(run(false), "/api/v2/outbound/contactlists/x"))
                .hasMessage("The export of contact list list-1 gave no download of /api/v2/downloads/ (a path of"
                        + " another kind): refused");
        assertThatThrownBy(() -> reconciler.locateDownload(run(false), null))
                .hasMessageContaining("(no uri): refused");
        assertThatThrownBy(() -> reconciler.start("nope", true, "cli"))
                .hasMessage("There is no campaign 'nope' (config/campaigns: demo)");
    }
}
