package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.ledger.LineMemo;
import io.outboundsync.contacts.ledger.LineMemoDraft;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop's decider over its records: the records the list's memo knows, of contacts named once, are taken as the
 * memo says and carried into the drop's draft; new records and those of repeated contacts go to the parser.
 */
class LineHitsTest {

    @TempDir
    Path state;

    private static final byte[] CONTEXT = LineMemo.context(new byte[32], new Key128(1, 2), ',');

    private static Key128 line(String text) {
        return Key128.ofText(text);
    }

    @Test
    void takesWhatTheMemoKnowsOfContactsNamedOnceAndHandsTheRestToTheParser() {
        try (LineMemoDraft draft = new LineMemoDraft(state)) {
            draft.line(1, line("a"));
            draft.accepted(1, Key128.ofContact("C-1"), 13172000001L);
            draft.line(2, line("b"));
            draft.rejected(new NormalisedRow(2, "C-2", "C-2", null, List.of(), List.of(Reason.PHONE_INVALID),
                    List.of("column phone: not a phone number"), null), Key128.ofContact("C-2"));
            draft.line(3, line("c"));
            draft.accepted(3, Key128.ofContact("C-3"), 13172000003L);
            draft.write("list-a", CONTEXT, 5);
        }
        LineMemo known = LineMemo.open(state, "list-a", CONTEXT, 5);
        Repeats repeats = Repeats.ofIds(Set.of("C-3"), true);
        try (DropSeen seen = new DropSeen(state.resolve("seen"));
                DropLines lines = new DropLines("list-a", CONTEXT, known, new LineMemoDraft(state)).knowing(repeats)) {
            LineHits hits = new LineHits(lines, seen);
            assertThat(hits.keep(1, line("a"))).as("known, accepted").isFalse();
            assertThat(hits.keep(2, line("b"))).as("known, rejected").isFalse();
            assertThat(hits.keep(3, line("c"))).as("known, but its contact is named twice").isTrue();
            assertThat(hits.keep(4, line("d"))).as("new").isTrue();
            assertThat(hits.keep(5, line("a"))).as("the same bytes again: its contact named twice, after all")
                    .isFalse();

            LineHits.Known taken = hits.take(10);
            assertThat(taken.accepted()).isEqualTo(2);
            assertThat(taken.rejected()).singleElement().satisfies(row -> {
                assertThat(row.row()).isEqualTo(2);
                assertThat(row.externalId()).isEqualTo("C-2");
                assertThat(row.reasons()).containsExactly(Reason.PHONE_INVALID);
            });
            assertThat(hits.pending()).isFalse();
            assertThat(hits.take(10)).isEqualTo(LineHits.Known.NONE);
            // the second accepted take counted C-1's number under C-1 again: not shared
            assertThat(seen.sharedPhones()).isZero();

            // what was taken is carried into the draft, the rest waits for its checks
            lines.draft().write("list-a", CONTEXT, 6);
        }
        try (LineMemo next = LineMemo.open(state, "list-a", CONTEXT, 6)) {
            assertThat(next.size()).isEqualTo(2);
            assertThat(next.find(line("c"))).isEqualTo(-1);
        }
    }
}
