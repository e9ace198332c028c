package io.outboundsync.contacts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper's decisions on a real embedded ledger: closed is said, reopened only once its folder takes writes. */
class LedgerKeeperTest {

    @TempDir
    Path state;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void aClosedLedgerIsOpenedAgainOnceItsFolderTakesWritesAndIsFoundByEveryStepAfter() {
        AtomicReference<Ledger> ledgers = new AtomicReference<>(Ledger.open(state));
        AtomicReference<String> storage = new AtomicReference<>("No space left on device");
        LedgerKeeper keeper = new LedgerKeeper(ledgers, clock).reopenWith(() -> Ledger.open(state), storage::get);
        assertThat(keeper.look()).isTrue();
        assertThat(keeper.problem()).isNull();
        Ledger first = ledgers.get();
        first.recordObject("contactList", "Demo", "list-1");

        first.close(); // as H2 closes a store whose write failed
        assertThat(keeper.look()).isFalse();
        assertThat(keeper.isClosed()).isTrue();
        assertThat(keeper.problem()).isEqualTo("The ledger is closed since 2026-12-07T08:00:00Z (a write to it failed:"
                + " a full disk or a read-only file system); drops wait in the inbox; the last try to open it again:"
                + " No space left on device. Fix: free space on the disk of the data folder; it opens again by"
                + " itself.");
        assertThat(keeper.look()).isFalse();
        assertThat(keeper.reopened()).isZero();

        storage.set(null);
        assertThat(keeper.look()).isTrue();
        assertThat(keeper.isClosed()).isFalse();
        assertThat(keeper.problem()).isNull();
        assertThat(keeper.reopened()).isEqualTo(1);
        assertThat(ledgers.get()).isNotSameAs(first);
        assertThat(ledgers.get().isOpen()).isTrue();
        assertThat(ledgers.get().objectId("contactList", "Demo")).isEqualTo("list-1");
        ledgers.get().close();
    }

    @Test
    void aLedgerWithNoWayToReopenStaysClosedAndSaysSo() {
        AtomicReference<Ledger> ledgers = new AtomicReference<>(Ledger.open(state));
        LedgerKeeper keeper = new LedgerKeeper(ledgers, clock);
        ledgers.get().close();

        assertThat(keeper.look()).isFalse();
        assertThat(keeper.problem()).startsWith("The ledger is closed since 2026-12-07T08:00:00Z");
    }
}
