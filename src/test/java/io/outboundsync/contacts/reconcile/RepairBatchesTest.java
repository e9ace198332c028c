package io.outboundsync.contacts.reconcile;

import static io.outboundsync.contacts.reconcile.ReconcileData.LIST;
import static io.outboundsync.contacts.reconcile.ReconcileData.acknowledged;
import static io.outboundsync.contacts.reconcile.ReconcileData.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.upload.DialerContact;
import io.outboundsync.contacts.upload.Upsert;
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

/** A repair's batches read from the comparison's id file, without Camel. */
class RepairBatchesTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final TempLedger ledgers = new TempLedger();

    @Test
    void batchesCarryTheLastAcknowledgedValuesNeverAWithdrawnContactAndTheIdFileGoes() throws IOException {
        ledgers.get().commit(LIST, acknowledged("C-1", "C-2", "C-3", "C-4", "C-5"));
        ledgers.get().commitWithdrawn(LIST, Map.of("C-3", ReconcileData.values("C-3", "")));
        Path ids = Files.write(dir.resolve("repair.txt"), List.of("C-1", "C-2", "C-3", "C-4", "C-5", "C-9"));

        List<Upsert> batches = new ArrayList<>();
        try (RepairBatches repair = new RepairBatches(run(true), ledgers.get(), ids, 2)) {
            repair.forEachRemaining(batches::add);
        }

        // C-3 withdrawn and C-9 unknown to the ledger are not sent; a batch left empty is no request
        assertThat(batches).extracting(b -> b.getContacts().stream().map(DialerContact::id).toList())
                .containsExactly(List.of("C-1", "C-2"), List.of("C-4"), List.of("C-5"));
        DialerContact first = batches.get(0).getContacts().get(0);
        assertThat(first.values()).containsExactly(ReconcileData.values("C-1", ""));
        assertThat(batches.get(0).getListId()).isEqualTo(LIST);
        assertThat(batches.get(0).getQuery()).isEqualTo(ReconcileData.DEMO.addFlags().queryString());
        assertThat(ids).doesNotExist();
    }

    @Test
    void nothingToRepairIsNoBatch() throws IOException {
        Path ids = Files.write(dir.resolve("repair.txt"), List.of());

        try (RepairBatches repair = new RepairBatches(run(true), ledgers.get(), ids, 1000)) {
            assertThat(repair.hasNext()).isFalse();
        }
    }
}
