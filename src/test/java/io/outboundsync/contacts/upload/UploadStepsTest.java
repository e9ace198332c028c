package io.outboundsync.contacts.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.checks.Chunk;
import io.outboundsync.testing.TempLedger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upload steps ({@link UploadSteps}) without Camel, against a real embedded ledger: a batch as an upsert by id,
 * what Genesys acknowledged recorded and counted, what it refused kept for the rejects file.
 */
class UploadStepsTest {

    private static final String LIST = UploadDrop.LIST;

    @RegisterExtension
    final TempLedger ledgers = new TempLedger();
    private final UploadSteps steps = new UploadSteps();
    private final UploadWindow window = UploadDrop.window();

    private UploadDrop drop() {
        return UploadDrop.of(ledgers.get(), window);
    }

    private static NormalisedRow row(long number, String id) {
        return UploadDrop.row(number, id);
    }

    @Test
    void aContactMadeUncallableBeforeAndAcceptedAgainIsSentCallable() {
        ledgers.get().commit(LIST, List.of(row(1, "C-1"), row(2, "C-2")));
        ledgers.get().commitWithdrawn(LIST, Map.of("C-1", row(1, "C-1").values()));

        Upsert upsert = steps.upsert(drop(), List.of(row(1, "C-1"), row(2, "C-2"), row(3, "C-3")));

        assertThat(upsert.getListId()).isEqualTo(LIST);
        assertThat(upsert.getQuery()).isEqualTo("priority=false&clearSystemData=false&doNotQueue=true");
        assertThat(upsert.getContacts()).extracting(DialerContact::id, DialerContact::callable).containsExactly(
                org.assertj.core.groups.Tuple.tuple("C-1", Boolean.TRUE),
                org.assertj.core.groups.Tuple.tuple("C-2", null), org.assertj.core.groups.Tuple.tuple("C-3", null));
    }

    @Test
    void whatGenesysAcknowledgedIsRecordedAndWhatItRefusedGoesBackForTheRejectsFile() {
        Upsert upsert = steps.upsert(drop(), List.of(row(1, "C-1"), row(2, "C-2")));
        Upsert first = upsert.halves().get(0);
        Upsert second = upsert.halves().get(1);
        first.acknowledge();
        second.refuse("400: the phone column is not a number", "bad.request");
        steps.handedOver(drop());

        steps.landed(drop(), upsert);
        steps.ended(drop(), null);
        steps.awaitAll(drop());

        assertThat(ledgers.get().hashes(LIST, List.of("C-1", "C-2"))).containsOnlyKeys("C-1");
        assertThat(window.uploaded()).isEqualTo(1);
        Chunk next = steps.withRefused(drop(), new Chunk(List.of()));
        assertThat(next.getRejected()).singleElement().satisfies(refused -> {
            assertThat(refused.contactId()).isEqualTo("C-2");
            assertThat(refused.reasons()).containsExactly(Reason.API_REJECTED);
            assertThat(refused.details()).anyMatch(d -> d.contains("the phone column is not a number"));
        });
        assertThat(steps.refusedLeft(drop()).getRejected()).isEmpty();
    }

    @Test
    void aFailedUploadStopsTheDropAndItsWithdrawals() {
        steps.handedOver(drop());
        steps.ended(drop(), new IllegalStateException("503 after its attempts"));
        steps.awaitAll(drop());

        assertThat(steps.failed(drop())).isTrue();
    }
}
