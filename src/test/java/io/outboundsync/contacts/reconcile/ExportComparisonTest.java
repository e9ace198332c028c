package io.outboundsync.contacts.reconcile;

import static io.outboundsync.contacts.reconcile.ReconcileData.LIST;
import static io.outboundsync.contacts.reconcile.ReconcileData.acknowledged;
import static io.outboundsync.contacts.reconcile.ReconcileData.export;
import static io.outboundsync.contacts.reconcile.ReconcileData.row;
import static io.outboundsync.contacts.reconcile.ReconcileData.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.testing.TempLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An export compared with the ledgers.get(), without Camel: each kind of difference, its sample, what a repair re-sends. */
class ExportComparisonTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final TempLedger ledgers = new TempLedger();

    @Test
    void eachContactIsInAgreementMissingChangedUnknownOrWithdrawnButCallable() throws IOException {
        ledgers.get().commit(LIST, acknowledged("C-1", "C-2", "C-4", "C-5", "C-6"));
        ledgers.get().commitWithdrawn(LIST, Map.of("C-5", ReconcileData.values("C-5", ""), "C-6",
                ReconcileData.values("C-6", "")));
        Path export = export(dir, row("C-1", "", true), row("C-2", "-edited", true), row("C-3", "", true),
                row("C-5", "", true), row("C-6", "", false));

        Findings found = ExportComparison.compare(run(true), export, ledgers.get());

        assertThat(found.inGenesys()).isEqualTo(5);
        assertThat(found.agree()).isEqualTo(2); // C-1, and C-6 withdrawn and uncallable in both
        assertThat(found.changed()).isEqualTo(1);
        assertThat(found.unknown()).isEqualTo(1);
        assertThat(found.missing()).isEqualTo(1);
        assertThat(found.withdrawnButCallable()).isEqualTo(1);
        assertThat(found.inAgreement()).isFalse();
        assertThat(found.samples()).containsEntry(Findings.CHANGED, List.of("C-2"))
                .containsEntry(Findings.UNKNOWN, List.of("C-3")).containsEntry(Findings.MISSING, List.of("C-4"))
                .containsEntry(Findings.WITHDRAWN_BUT_CALLABLE, List.of("C-5"));
        // a repair re-sends the changed and the missing, never the unknown or the withdrawn
        assertThat(Files.readAllLines(found.toRepair())).containsExactly("C-2", "C-4");
        assertThat(export).doesNotExist();
    }

    @Test
    void aContactCallableHereButNotInGenesysIsChanged() throws IOException {
        ledgers.get().commit(LIST, acknowledged("C-1"));

        Findings found = ExportComparison.compare(run(false), export(dir, row("C-1", "", false)), ledgers.get());

        assertThat(found.changed()).isEqualTo(1);
        assertThat(Files.readAllLines(found.toRepair())).containsExactly("C-1");
    }

    @Test
    void samplesStopAtTwentyWhileTheCountsGoOn() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(row("U-" + i, "", true));
        }

        Findings found = ExportComparison.compare(run(false), export(dir, rows.toArray(String[]::new)), ledgers.get());

        assertThat(found.unknown()).isEqualTo(2_500);
        assertThat(found.samples().get(Findings.UNKNOWN)).hasSize(20);
        assertThat(Files.readAllLines(found.toRepair())).isEmpty();
    }

    @Test
    void anExportWithoutTheIdColumnIsRefusedAndLeavesNoTemporaryFile() throws IOException {
        Path export = Files.write(dir.resolve("export.csv"), List.of("phone,ContactCallable", "+14155550101,1"));

        assertThatThrownBy(() -> ExportComparison.compare(run(false), export, ledgers.get()))
                .hasMessage("The export of contact list list-1 has no inin-outbound-id column");
        try (var left = Files.list(ledgers.get().stateDir())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("reconcile-"));
        }
    }
}
