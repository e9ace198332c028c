package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.DropSummary;

/**
 * How a drop ended, for {@code contacts-drop-end}: its summary, and where its file goes.
 *
 * @param drop          the drop as it was read, or null when the gate refused the file
 * @param ending        where the file goes
 * @param reason        why the file goes to {@code failed/}, for its reason file; else null
 * @param callableAgain contacts made uncallable before that the drop made callable again
 */
public record DropEnd(Admission admission, Drop drop, DropSummary summary, Ending ending, String reason,
        long callableAgain) {

    /** Where the file goes. */
    public enum Ending {
        /** To {@code processed/<date>/}. */
        PROCESSED,
        /** To {@code failed/} with a reason file: it cannot be read (further) as it is. */
        UNREADABLE,
        /** It stays in the inbox for the next run: Genesys, the ledger or a step failed. */
        RETRY,
        /** It stays in the inbox: it changed while it was read, and is taken again as a new drop once quiet. */
        CHANGED
    }



    public String getName() {
        return admission.getName();
    }

    public Drop.Status getStatus() {
        return Drop.Status.valueOf(summary.status());
    }
}
