package io.outboundsync.contacts;

import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of a drop's rows on its way through the {@code contacts-inbox} route: the rows as checked (in file
 * order), then sorted by the route's steps into rejected rows, withdrawals and the rows to send.
 */
public final class Chunk {

    private final List<NormalisedRow> checked;
    private final List<NormalisedRow> rejected = new ArrayList<>();
    private final List<NormalisedRow> firstOccurrences;
    private final List<NormalisedRow> withdrawing = new ArrayList<>();
    private final List<NormalisedRow> unchangedChecked = new ArrayList<>();

    public Chunk(List<NormalisedRow> checked) {
        this.checked = checked;
        this.firstOccurrences = new ArrayList<>(checked.size());
    }

    public List<NormalisedRow> getChecked() {
        return checked;
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

    /**
     * Accepted rows Genesys has as they are that were checked (not recognised): their key goes into the ledger so
     * the next drop recognises them.
     */
    public List<NormalisedRow> getUnchangedChecked() {
        return unchangedChecked;
    }
}
