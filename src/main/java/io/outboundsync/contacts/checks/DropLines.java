package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LineMemo;
import io.outboundsync.contacts.ledger.LineMemoDraft;

/**
 * A CSV drop's part in its list's {@link LineMemo}: the memo the last drop left (null when there is none that
 * holds), and the draft of the one this drop leaves, which the steps that decide a record fill in
 * ({@link #accepted}, {@link #rejected}) and {@link #keep} makes the list's memo once the drop completed. Only a
 * drop whose first pass saw every contact ({@link Repeats#complete}) drafts one: an accepted row is kept only for a
 * contact named once.
 */
public final class DropLines implements AutoCloseable {

    private final String listId;
    private final byte[] context;
    private final LineMemo known;
    private final LineMemoDraft draft;
    private final Repeats repeats;

    /**
     * @param context what the memo rests on besides the ledger ({@link LineMemo#context})
     * @param known   the memo that holds for this drop, or null
     */
    public DropLines(String listId, byte[] context, LineMemo known, LineMemoDraft draft) {
        this(listId, context, known, draft, Repeats.NONE);
    }

    private DropLines(String listId, byte[] context, LineMemo known, LineMemoDraft draft, Repeats repeats) {
        this.listId = listId;
        this.context = context.clone();
        this.known = known;
        this.draft = draft;
        this.repeats = repeats;
    }

    /** The same, once the first pass found the drop's repeated contacts (it saw every contact). */
    public DropLines knowing(Repeats found) {
        return new DropLines(listId, context, known, draft, found);
    }

    /** The drop's repeated contacts, as the first pass found them. */
    public Repeats repeats() {
        return repeats;
    }

    /** The memo the list's last drop left that holds now, or null. */
    public LineMemo known() {
        return known;
    }

    /** This drop's draft, filled as its records are read and decided. */
    public LineMemoDraft draft() {
        return draft;
    }

    /**
     * An accepted row of a contact the drop names once, whose values the ledger holds as Genesys acknowledged them
     * (recognised, unchanged, or just acknowledged).
     */
    public void accepted(NormalisedRow row) {
        Key128 contact = Key128.ofContact(row.contactId());
        if (repeats.namedOnce(contact)) {
            draft.accepted(row.row(), contact, row.phones().isEmpty() ? 0 : ContactKeys.e164Digits(row.phones().get(0)));
        }
    }

    /** A row rejected for reasons of its own that does not withdraw its contact. */
    public void rejected(NormalisedRow row) {
        draft.rejected(row, row.contactId() == null ? null : Key128.ofContact(row.contactId()));
    }

    /** The draft made the list's memo, at the generation its ledger entries have now. */
    public void keep(Ledger ledger) {
        long generation = ledger.generation(listId);
        if (generation >= 0) {
            draft.write(listId, context, generation);
        }
    }

    @Override
    public void close() {
        try {
            draft.close();
        } finally {
            if (known != null) {
                known.close();
            }
        }
    }
}
