package io.outboundsync.contacts.upload;

import static io.outboundsync.contacts.upload.UploadDrop.LIST;
import static io.outboundsync.contacts.upload.UploadDrop.row;
import static io.outboundsync.contacts.upload.UploadDrop.withdrawing;
import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.checks.Chunk;
import io.outboundsync.contacts.checks.Withdrawal;
import io.outboundsync.testing.TempLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The withdrawal steps ({@link WithdrawalSteps}) that need no Genesys, without Camel, against a real embedded
 * ledger: a chunk's withdrawing rows held until due, only contacts Genesys has withdrawn (once), and sent uncallable
 * with the flags that leave them where they stand.
 */
class WithdrawalStepsTest {

    @RegisterExtension
    final TempLedger ledgers = new TempLedger();
    private final UploadWindow window = UploadDrop.window();
    private final WithdrawalSteps steps = new WithdrawalSteps(null, null, null);

    private UploadDrop drop() {
        return UploadDrop.of(ledgers.get(), window);
    }

    @Test
    void aChunksWithdrawingRowsWaitUntilABatchIsDueOrTheDropEnds() {
        Chunk chunk = new Chunk(List.of());
        chunk.getWithdrawing().add(withdrawing(1, "C-1", Reason.CONSENT_MISSING, "+13172014451"));

        steps.hold(drop(), chunk);

        assertThat(steps.due(drop(), false)).isFalse();
        assertThat(steps.due(drop(), true)).isTrue();
        assertThat(steps.take(drop())).extracting(NormalisedRow::contactId).containsExactly("C-1");
        assertThat(steps.due(drop(), true)).isFalse();
    }

    @Test
    void onlyContactsGenesysHasAreWithdrawnAndAContactAlreadyWithdrawnAlikeIsNotSentAgain() {
        ledgers.get().commit(LIST, List.of(row(1, "C-1"), row(2, "C-2")));
        NormalisedRow again = withdrawing(2, "C-2", Reason.ON_DNC, "+13172014452");
        Withdrawal before = steps.of(drop(), List.of(again)).get(0);
        ledgers.get().commitWithdrawn(LIST, Map.of("C-2", before.values()));

        List<Withdrawal> withdrawals = steps.of(drop(), List.of(withdrawing(1, "C-1", Reason.CONSENT_MISSING,
                "+13172014451"), again, withdrawing(3, "C-3", Reason.ON_DNC, "+13172014453")));

        // C-3 was never sent, C-2 is uncallable in Genesys with these values already
        assertThat(withdrawals).extracting(Withdrawal::contactId).containsExactly("C-1");
        assertThat(withdrawals.get(0).reasons()).containsExactly(Reason.CONSENT_MISSING);
        assertThat(withdrawals.get(0).phones()).contains("+13172014451");
    }

    @Test
    void aWithdrawalIsSentUncallableWithItsDataAndNeverRequeuedOrCleared() {
        ledgers.get().commit(LIST, List.of(row(1, "C-1")));
        List<Withdrawal> withdrawals = new ArrayList<>(steps.of(drop(), List.of(withdrawing(1, "C-1",
                Reason.CONSENT_MISSING, "+13172014451"))));

        Upsert upsert = steps.upsert(drop(), withdrawals);

        assertThat(upsert.getListId()).isEqualTo(LIST);
        assertThat(upsert.getQuery()).isEqualTo("priority=false&clearSystemData=false&doNotQueue=true");
        assertThat(upsert.getContacts()).singleElement().satisfies(contact -> {
            assertThat(contact.id()).isEqualTo("C-1");
            assertThat(contact.callable()).isFalse();
            assertThat(contact.source()).isSameAs(withdrawals.get(0));
        });
    }
}
