package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.notify.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps that sort a checked chunk ({@link ChunkSteps}), each taking the chunk and handing it on, without Camel:
 * against a real embedded ledger and a real in-drop table.
 */
class ChunkSortingTest {

    private static final String LIST = "list-1";

    @TempDir
    Path dir;
    private Ledger ledger;
    private DropSeen seen;
    private final ChunkSteps steps = new ChunkSteps(new Redactor(new byte[32]));

    /** A drop as the checks see it. */
    private record Context(RowNormaliser normaliser, Ledger ledger, String listId, DropSeen seen,
            Repeats repeats, ListRoom room) implements CheckContext {
    }

    @BeforeEach
    void open() {
        ledger = Ledger.open(dir.resolve("state"));
        seen = new DropSeen(dir.resolve("seen"));
    }

    @AfterEach
    void close() {
        seen.close();
        ledger.close();
    }

    private Context drop(Set<String> repeated, ListRoom room) {
        return new Context(null, ledger, LIST, seen, Repeats.ofIds(repeated, false), room);
    }

    private static NormalisedRow accepted(long row, String id, String phone) {
        String[] values = {id, phone};
        return new NormalisedRow(row, id, id, values, List.of(phone), List.of(), List.of(),
                ContactKeys.rowHash(values));
    }

    private static NormalisedRow rejected(long row, String id, Reason reason) {
        return new NormalisedRow(row, id, id, new String[] {id, null}, List.of("+13172014401"), List.of(reason),
                List.of("why " + reason), null);
    }

    @Test
    void theFirstOccurrenceOfAContactIsKeptAndLaterOnesAreDuplicates() {
        Chunk chunk = steps.keepFirst(drop(Set.of(), null), new Chunk(List.of(accepted(1, "C-1", "+13172014401"),
                accepted(2, "C-2", "+13172014402"), accepted(3, "C-1", "+13172014409"))));

        assertThat(chunk.getFirstOccurrences()).extracting(NormalisedRow::row).containsExactly(1L, 2L);
        assertThat(chunk.getRejected()).singleElement().satisfies(row -> {
            assertThat(row.row()).isEqualTo(3);
            assertThat(row.reasons()).containsExactly(Reason.DUPLICATE_IN_DROP);
        });
    }

    @Test
    void aWithdrawingRowIsAnOccurrenceSoALaterRowCannotMakeTheContactCallable() {
        Chunk first = steps.keepFirst(drop(Set.of(), null), new Chunk(List.of(rejected(1, "C-1",
                Reason.CONSENT_MISSING))));
        Chunk later = steps.keepFirst(drop(Set.of(), null), new Chunk(List.of(accepted(2, "C-1",
                "+13172014401"))));

        assertThat(first.getWithdrawing()).extracting(NormalisedRow::row).containsExactly(1L);
        assertThat(first.getRejected()).extracting(NormalisedRow::row).containsExactly(1L);
        assertThat(later.getFirstOccurrences()).isEmpty();
        assertThat(later.getRejected()).extracting(NormalisedRow::reasons)
                .containsExactly(List.of(Reason.DUPLICATE_IN_DROP));
    }

    @Test
    void theRowsOfARepeatedContactAreHeldForTheDropsEndAndThenDecidedTogether() {
        Context drop = drop(Set.of("C-1"), null);
        Chunk chunk = steps.keepFirst(drop, new Chunk(List.of(accepted(1, "C-1", "+13172014401"),
                accepted(2, "C-2", "+13172014402"))));
        Chunk later = steps.keepFirst(drop, new Chunk(List.of(rejected(3, "C-1", Reason.CONSENT_MISSING))));

        assertThat(chunk.getHeld()).extracting(NormalisedRow::row).containsExactly(1L);
        assertThat(chunk.getFirstOccurrences()).extracting(NormalisedRow::row).containsExactly(2L);
        assertThat(RowsRead.of(chunk).plus(RowsRead.of(later)).held()).extracting(NormalisedRow::row)
                .containsExactly(1L, 3L);

        Chunk settled = steps.settleRepeated(drop, List.of(chunk.getHeld().get(0), later.getHeld().get(0)));
        // the withdrawal wins wherever it stands; the settled rows were counted when they were read
        assertThat(settled.getFirstOccurrences()).isEmpty();
        assertThat(settled.getWithdrawing()).extracting(NormalisedRow::row).containsExactly(3L);
        assertThat(settled.getRejected()).extracting(NormalisedRow::row).containsExactly(1L, 3L);
        assertThat(RowsRead.of(settled).rowsRead()).isZero();
        assertThat(RowsRead.of(settled).rejected()).isEqualTo(2);
    }

    @Test
    void whatGenesysHasAsItIsIsLeftOutAndTheRestIsToSend() {
        NormalisedRow known = accepted(1, "C-1", "+13172014401");
        ledger.commit(LIST, List.of(known));
        Chunk chunk = new Chunk(List.of(known, accepted(2, "C-2", "+13172014402")));
        chunk.getFirstOccurrences().addAll(chunk.getChecked());

        Chunk sorted = steps.leaveOutUnchanged(drop(Set.of(), null), chunk);

        assertThat(sorted.getToSend()).extracting(NormalisedRow::contactId).containsExactly("C-2");
        assertThat(RowsRead.of(sorted).unchanged()).isEqualTo(1);
    }

    @Test
    void aNewContactPastTheListsLimitIsRejectedNotSent() {
        Chunk chunk = new Chunk(List.of(accepted(1, "C-1", "+13172014401"), accepted(2, "C-2", "+13172014402")));
        chunk.getFirstOccurrences().addAll(chunk.getChecked());

        Chunk sorted = steps.leaveOutUnchanged(drop(Set.of(), new ListRoom("Demo", 999_999, 0, 1_000_000,
                5_000_000)), chunk);

        assertThat(sorted.getToSend()).extracting(NormalisedRow::contactId).containsExactly("C-1");
        assertThat(sorted.getRejected()).singleElement().satisfies(row -> {
            assertThat(row.contactId()).isEqualTo("C-2");
            assertThat(row.reasons()).containsExactly(Reason.API_REJECTED);
        });
    }

    @Test
    void rejectLinesNameColumnsNeverValuesAndStartNoFormula() {
        Chunk chunk = new Chunk(List.of());
        chunk.getRejected().add(new NormalisedRow(7, "=HYPERLINK(\"x\")", null, null, List.of(),
                List.of(Reason.PHONE_INVALID, Reason.EMAIL_INVALID), List.of("phone +13172014401 is not valid",
                        "email ana@example.com is not valid"), null));

        List<Map<String, Object>> lines = steps.rejectLines(chunk);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("row")).isEqualTo(7L);
            assertThat((String) line.get("externalId")).startsWith("'=");
            assertThat(line.get("reasons")).isEqualTo("PHONE_INVALID EMAIL_INVALID");
            assertThat((String) line.get("details")).doesNotContain("+13172014401").doesNotContain("ana@example.com");
        });
    }

    @Test
    void aContactTheFirstPassSawOnceIsKeptAndItsPhoneStillCountsAsShared() {
        // the first pass saw every contact: C-2 and C-3 are named once; C-1 more than once, so it waits
        Context drop = new Context(null, ledger, LIST, seen, Repeats.ofIds(Set.of("C-1"), true), null);

        Chunk chunk = steps.keepFirst(drop, new Chunk(List.of(accepted(1, "C-2", "+13172014402"),
                accepted(2, "C-1", "+13172014401"), accepted(3, "C-3", "+13172014402"))));

        assertThat(chunk.getFirstOccurrences()).extracting(NormalisedRow::row).containsExactly(1L, 3L);
        assertThat(chunk.getHeld()).extracting(NormalisedRow::row).containsExactly(2L);
        assertThat(chunk.getRejected()).isEmpty();
        // C-3 has C-2's number: one number held by two contacts, as when each is looked up
        assertThat(seen.sharedPhones()).isEqualTo(1);
        // named once, so not in the drop's table: a finding that was not complete would look them up there
        assertThat(seen.firstOccurrence("C-2", null)).isTrue();
    }

    @Test
    void aChunksCountsAddUpWithTheChunksAfterIt() {
        Chunk one = steps.keepFirst(drop(Set.of(), null), new Chunk(List.of(accepted(1, "C-1", "+13172014401"),
                accepted(2, "C-1", "+13172014401"))));
        Chunk two = steps.keepFirst(drop(Set.of(), null), new Chunk(List.of(rejected(3, "C-3",
                Reason.PHONE_INVALID))));

        RowsRead read = steps.readOf(steps.tally(one).plus(steps.tally(two)));

        assertThat(read.rowsRead()).isEqualTo(3);
        assertThat(read.rejected()).isEqualTo(2);
        assertThat(read.duplicates()).isEqualTo(1);
        assertThat(read.byReason()).containsExactlyInAnyOrderEntriesOf(Map.of("DUPLICATE_IN_DROP", 1L,
                "PHONE_INVALID", 1L));
        // a drop whose split had nothing to add up read nothing; a failure stops it with what was read kept
        assertThat(steps.readOf("not a count")).isEqualTo(RowsRead.NONE);
        RuntimeException failure = new IllegalStateException("the ledger failed");
        assertThat(steps.stopped(read, failure).failure()).isSameAs(failure);
        assertThat(steps.stopped(read, failure).rowsRead()).isEqualTo(3);
        assertThat(steps.stopped(steps.stopped(read, failure), new RuntimeException("later")).failure())
                .isSameAs(failure);
    }
}
