package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.ledger.LineMemo;
import io.outboundsync.contacts.ledger.LineMemoDraft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of a drop's records its parser gets, record by record as the drop's filter reads them (its decider): every
 * record's line key goes into the drop's draft memo; a record the list's memo knows, of a contact the drop names
 * once, is not parsed or checked but taken as the memo says (an accepted record: unchanged, its phone counted; a
 * rejected one: its reasons), and carried over into the draft. The others (new, changed, of a repeated contact) go
 * to the parser and the checks. What was taken is handed on with the next chunk of parsed rows ({@link #take}).
 * On the reader's thread; not thread-safe.
 */
public final class LineHits {

    /** What was taken from the memo since the last chunk: how many accepted records, and the rejected ones. */
    public record Known(long accepted, List<NormalisedRow> rejected) {

        public static final Known NONE = new Known(0, List.of());

        /** Whether anything was taken. */
        public boolean any() {
            return accepted > 0 || !rejected.isEmpty();
        }
    }

    private final DropLines lines;
    private final DropSeen seen;
    private long accepted;
    /** The rejected records taken, as pairs of their number in the file and their slot in the memo. */
    private long[] rejected = new long[64];
    private int rejectedHead;
    private int rejectedEnd;

    public LineHits(DropLines lines, DropSeen seen) {
        this.lines = lines;
        this.seen = seen;
    }

    /** Whether the parser gets a record: false when it was taken from the memo. */
    public boolean keep(long row, Key128 line) {
        LineMemoDraft draft = lines.draft();
        draft.line(row, line);
        LineMemo known = lines.known();
        if (known == null) {
            return true;
        }
        long slot = known.find(line);
        if (slot < 0) {
            return true;
        }
        Key128 contact = known.contact(slot);
        if (lines.repeats().repeated(contact)) {
            // decided with the contact's other rows once the drop is read
            return true;
        }
        draft.carry(row, known, slot);
        if (known.accepted(slot)) {
            seen.phoneOf(contact, known.phoneDigits(slot));
            accepted++;
        } else {
            if (rejectedEnd + 2 > rejected.length) {
                int pending = rejectedEnd - rejectedHead;
                long[] grown = pending + 2 > rejected.length ? new long[Math.max(rejected.length * 2, pending + 2)]
                        : rejected;
                System.arraycopy(rejected, rejectedHead, grown, 0, pending);
                rejected = grown;
                rejectedHead = 0;
                rejectedEnd = pending;
            }
            rejected[rejectedEnd++] = row;
            rejected[rejectedEnd++] = slot;
        }
        return false;
    }

    /** The rejected records taken and not handed on yet. */
    public int rejectedPending() {
        return (rejectedEnd - rejectedHead) / 2;
    }

    /** Whether anything was taken and not handed on yet. */
    public boolean pending() {
        return accepted > 0 || rejectedEnd > rejectedHead;
    }

    /** What was taken since the last time, at most this many rejected records (the rest stay for the next). */
    public Known take(int most) {
        if (!pending()) {
            return Known.NONE;
        }
        LineMemo known = lines.known();
        int count = Math.min(most, rejectedPending());
        List<NormalisedRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(known.rejected(rejected[rejectedHead + 1], rejected[rejectedHead]));
            rejectedHead += 2;
        }
        if (rejectedHead == rejectedEnd) {
            rejectedHead = 0;
            rejectedEnd = 0;
            if (rejected.length > 1 << 16) {
                rejected = Arrays.copyOf(rejected, 64);
            }
        }
        Known taken = new Known(accepted, rows);
        accepted = 0;
        return taken;
    }
}
