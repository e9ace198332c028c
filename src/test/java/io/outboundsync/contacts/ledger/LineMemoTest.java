package io.outboundsync.contacts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.Key128;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list's line memo: what a drop's draft records is found by line key in the memo it writes, carried over to the
 * next draft as it was, and found only for the same context and generation.
 */
class LineMemoTest {

    @TempDir
    Path state;

    private static final byte[] CONTEXT = LineMemo.context(new byte[32], new Key128(1, 2), ',');

    private static Key128 key(String text) {
        return Key128.ofText(Key128.digest(), text);
    }

    @Test
    void findsWhatTheDraftRecordedForTheSameContextAndGenerationOnly() throws Exception {
        NormalisedRow badPhone = new NormalisedRow(3, "CRM-3", "CRM-3", null, List.of(), List.of(Reason.PHONE_INVALID),
                List.of("column phone: not a phone number"), null);
        try (LineMemoDraft draft = new LineMemoDraft(state)) {
            draft.line(1, key("one"));
            draft.accepted(1, key("CRM-1"), 13172000001L);
            // read, but nothing became of it that a memo keeps (a withdrawal, a repeated contact)
            draft.line(2, key("two"));
            draft.line(3, key("three"));
            draft.rejected(badPhone, key("CRM-3"));
            // the same bytes as row 3 again: known once
            draft.line(300_000, key("three"));
            draft.rejected(new NormalisedRow(300_000, "CRM-3", null, null, List.of(), List.of(Reason.PHONE_INVALID),
                    List.of("other"), null), null);
            draft.write("list/a", CONTEXT, 7);
        }
        try (LineMemo memo = LineMemo.open(state, "list/a", CONTEXT, 7)) {
            assertThat(memo.size()).isEqualTo(2);
            long one = memo.find(key("one"));
            assertThat(memo.accepted(one)).isTrue();
            assertThat(memo.contact(one)).isEqualTo(key("CRM-1"));
            assertThat(memo.phoneDigits(one)).isEqualTo(13172000001L);
            assertThat(memo.find(key("two"))).isEqualTo(-1);
            long three = memo.find(key("three"));
            assertThat(memo.accepted(three)).isFalse();
            assertThat(memo.contact(three)).isEqualTo(key("CRM-3"));
            NormalisedRow again = memo.rejected(three, 12);
            assertThat(again.row()).isEqualTo(12);
            assertThat(again.externalId()).isEqualTo("CRM-3");
            assertThat(again.reasons()).containsExactly(Reason.PHONE_INVALID);
            assertThat(again.details()).containsExactly("column phone: not a phone number");

            // the next drop carries a record over as it was
            try (LineMemoDraft next = new LineMemoDraft(state)) {
                next.line(5, key("three"));
                next.carry(5, memo, three);
                next.line(6, key("one"));
                next.carry(6, memo, one);
                next.write("list/a", CONTEXT, 9);
            }
        }
        assertThat(LineMemo.open(state, "list/a", CONTEXT, 7)).as("written at another generation").isNull();
        assertThat(LineMemo.open(state, "list/b", CONTEXT, 9)).as("another list").isNull();
        byte[] otherContext = LineMemo.context(new byte[32], new Key128(1, 3), ',');
        assertThat(LineMemo.open(state, "list/a", otherContext, 9)).as("another header line").isNull();
        assertThat(LineMemo.open(state, "list/a", CONTEXT, -1)).as("a ledger that keeps no generation").isNull();
        try (LineMemoDraft next = new LineMemoDraft(state)) {
            next.write("list/a", CONTEXT, 9);
        }
        try (LineMemo memo = LineMemo.open(state, "list/a", CONTEXT, 9)) {
            assertThat(memo.size()).isZero();
            assertThat(memo.find(key("one"))).isEqualTo(-1);
        }
        try (var files = Files.list(state.resolve("line-memo"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("list_a.memo");
        }
    }

    @Test
    void carriedRecordsAreFoundInTheNextMemo() {
        try (LineMemoDraft draft = new LineMemoDraft(state)) {
            for (int row = 1; row <= 10_000; row++) {
                draft.line(row, key("line " + row));
                draft.accepted(row, key("C-" + row), row);
            }
            draft.write("list-a", CONTEXT, 1);
        }
        try (LineMemo memo = LineMemo.open(state, "list-a", CONTEXT, 1); LineMemoDraft next = new LineMemoDraft(state)) {
            for (int row = 1; row <= 10_000; row++) {
                long slot = memo.find(key("line " + row));
                assertThat(slot).isNotNegative();
                next.line(row + 1, key("line " + row));
                next.carry(row + 1, memo, slot);
            }
            next.write("list-a", CONTEXT, 2);
        }
        try (LineMemo memo = LineMemo.open(state, "list-a", CONTEXT, 2)) {
            assertThat(memo.size()).isEqualTo(10_000);
            for (int row = 1; row <= 10_000; row++) {
                long slot = memo.find(key("line " + row));
                assertThat(memo.contact(slot)).isEqualTo(key("C-" + row));
                assertThat(memo.phoneDigits(slot)).isEqualTo(row);
            }
        }
    }

    @Test
    void aMemoHalfWrittenByAKilledProcessIsRemovedAndADraftOfThisProcessStillWrites() throws Exception {
        Path dir = Files.createDirectories(state.resolve("line-memo"));
        Path left = Files.writeString(dir.resolve("memo-1.tmp"), "x");
        Files.setLastModifiedTime(left, java.nio.file.attribute.FileTime.fromMillis(0));
        try (LineMemoDraft draft = new LineMemoDraft(state)) {
            draft.line(1, key("one"));
            draft.accepted(1, key("C-1"), 0);
            LineMemoDraft.removeLeftBehind(state);
            assertThat(left).doesNotExist();
            draft.write("list-a", CONTEXT, 1);
        }
        try (LineMemo memo = LineMemo.open(state, "list-a", CONTEXT, 1)) {
            assertThat(memo.find(key("one"))).isNotNegative();
        }
    }
}
