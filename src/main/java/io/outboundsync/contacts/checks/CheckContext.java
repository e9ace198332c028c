package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ledger.Ledger;

/** What the checks of a chunk need of the drop it belongs to (the intake's {@code Drop} is one). */
public interface CheckContext {

    /** The campaign's checks. */
    RowNormaliser normaliser();

    /** The ledger: what Genesys acknowledged. */
    Ledger ledger();

    /** The contact list the drop's contacts go to. */
    String listId();

    /** The contacts and phones seen so far in the drop. */
    DropSeen seen();

    /** The contacts the drop names in more than one row, decided at its end. */
    Repeats repeats();

    /** What the list and the org still take of new contacts (null: no limit known). */
    ListRoom room();

    /** Its part in the list's line memo; null when it has none. */
    default io.outboundsync.contacts.checks.DropLines lines() {
        return null;
    }
}
