package io.outboundsync.contacts.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The barrier between a drop's checks and its uploads ({@link UploadWindow}): rows wait for a full batch, the reader
 * waits for the batches in flight, and what the upload threads learn comes back.
 */
class UploadWindowTest {

    private final UploadWindow window = new UploadWindow(new Batching(3, () -> 3, Batching.MAX_REQUEST_BYTES)
            .forList(List.of("id"), "list-1"));

    private static List<NormalisedRow> rows(int from, int count) {
        List<NormalisedRow> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(new NormalisedRow(i, "C-" + i, "C-" + i, new String[] {"C-" + i}, List.of(), List.of(),
                    List.of(), new byte[] {1}));
        }
        return rows;
    }

    @Test
    void rowsWaitForAFullBatchAndTheRestGoesAtTheEnd() {
        assertThat(window.add(rows(1, 2))).isEmpty();
        assertThat(window.add(rows(3, 5))).extracting(List::size).containsExactly(3, 3);
        assertThat(window.rest()).singleElement().satisfies(batch -> assertThat(batch)
                .extracting(NormalisedRow::row).containsExactly(7L));
        assertThat(window.rest()).isEmpty();
    }

    @Test
    void theReaderWaitsUntilEveryBatchHandedOverHasLanded() {
        window.handedOver();
        window.handedOver();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(window::awaitLanded);

        window.landed(3, 1, List.of());
        window.ended(null);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !reader.isDone());
        window.landed(2, 0, rows(9, 1).stream().map(r -> r.rejected(Reason.API_REJECTED, "bad")).toList());
        window.ended(null);

        await().atMost(Duration.ofSeconds(5)).until(reader::isDone);
        assertThat(window.uploaded()).isEqualTo(5);
        assertThat(window.callableAgain()).isEqualTo(1);
        assertThat(window.isFailed()).isFalse();
        assertThat(window.takeRefused()).extracting(NormalisedRow::row).containsExactly(9L);
        assertThat(window.takeRefused()).isEmpty();
        // and it can be waited on again for the next batches
        window.handedOver();
        window.ended(null);
        window.awaitLanded();
    }

    @Test
    void aFailedUploadClosesTheWindowWithItsFirstFailure() {
        IllegalStateException first = new IllegalStateException("503");
        window.handedOver();
        window.handedOver();
        window.ended(first);
        window.ended(new IllegalStateException("later"));
        window.awaitLanded();

        assertThat(window.isFailed()).isTrue();
        assertThat(window.failure()).isSameAs(first);
    }

    @Test
    void withdrawalsAreDueByTheBatchOrAtTheEnd() {
        window.withdraw(rows(1, 2));
        assertThat(window.withdrawalsDue(false)).isFalse();
        assertThat(window.withdrawalsDue(true)).isTrue();
        window.withdraw(rows(3, 1));
        assertThat(window.withdrawalsDue(false)).isTrue();
        assertThat(window.takeWithdrawals()).hasSize(3);
        assertThat(window.withdrawalsDue(true)).isFalse();
    }
}
