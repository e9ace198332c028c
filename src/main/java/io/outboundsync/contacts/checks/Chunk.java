package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Rows;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of a drop's rows on its way through {@code contacts-chunk}: the rows as checked (in file order), then
 * sorted by the route's steps into rejected rows, withdrawals, rows held for the drop's end, unchanged rows and the
 * rows to send. One message's body: the steps that sort it fill its lists, on the reader's thread.
 */
public final class Chunk {

    private final List<NormalisedRow> checked;
    private final long bytesRead;
    private final String unreadable;
    private final List<NormalisedRow> rejected = new ArrayList<>();
    private final List<NormalisedRow> firstOccurrences;
    private final List<NormalisedRow> withdrawing = new ArrayList<>();
    private final List<NormalisedRow> held = new ArrayList<>();
    private final List<NormalisedRow> unchangedChecked = new ArrayList<>();
    private final List<NormalisedRow> toSend = new ArrayList<>();
    private long unchanged;
    private long recognised;

    public Chunk(List<NormalisedRow> checked) {
        this(checked, new Rows(List.of()));
    }

    /** The rows of a chunk as read ({@code read}: how far into the file, how the read ended), checked. */
    public Chunk(List<NormalisedRow> checked, Rows read) {
        this.checked = checked;
        this.bytesRead = read.bytesRead();
        this.unreadable = read.unreadable();
        this.unmappedColumns = read.unmappedColumns();
        this.firstOccurrences = new ArrayList<>(checked.size());
        // what the list's line memo knew: read, and unchanged or rejected as it says, without checks
        this.known = read.knownAccepted() + read.knownRejected().size();
        this.rejected.addAll(read.knownRejected());
        unchanged(read.knownAccepted(), read.knownAccepted());
    }

    private final long known;

    private final int unmappedColumns;

    int unmappedColumns() {
        return unmappedColumns;
    }

    public List<NormalisedRow> getChecked() {
        return checked;
    }

    /**
     * The rows of repeated contacts, decided at the drop's end: one more chunk for the steps that sort rows, its
     * rows counted as read when they were read.
     */
    public static Chunk settled(List<NormalisedRow> rows) {
        Chunk chunk = new Chunk(rows);
        chunk.settled = true;
        return chunk;
    }

    private boolean settled;

    /** The rows this chunk read from the file. */
    long rowsRead() {
        return settled ? 0 : checked.size() + known;
    }

    long bytesRead() {
        return bytesRead;
    }

    String unreadable() {
        return unreadable;
    }

    /** Rows for the rejects file, with their reasons. */
    public List<NormalisedRow> getRejected() {
        return rejected;
    }

    /** Accepted rows whose contact the drop had not seen before. */
    public List<NormalisedRow> getFirstOccurrences() {
        return firstOccurrences;
    }

    /** Rejected rows that withdraw their contact (consent withdrawn, do not call). */
    public List<NormalisedRow> getWithdrawing() {
        return withdrawing;
    }

    /** Rows of contacts the drop names more than once: decided over all their rows once the drop is read. */
    public List<NormalisedRow> getHeld() {
        return held;
    }

    /**
     * Accepted rows Genesys has as they are that were checked (not recognised): their key goes into the ledger so
     * the next drop recognises them.
     */
    public List<NormalisedRow> getUnchangedChecked() {
        return unchangedChecked;
    }

    /** Rows Genesys does not have as they are: to upload. */
    public List<NormalisedRow> getToSend() {
        return toSend;
    }

    void unchanged(long rows, long recognisedRows) {
        unchanged += rows;
        recognised += recognisedRows;
    }

    long unchanged() {
        return unchanged;
    }

    long recognised() {
        return recognised;
    }
}
