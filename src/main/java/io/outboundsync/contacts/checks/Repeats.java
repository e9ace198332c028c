package io.outboundsync.contacts.checks;

import java.util.Set;

/**
 * The contacts a drop names in more than one row, found by a first pass over the file before its rows are checked,
 * and whether that pass saw every contact of the drop.
 *
 * @param contactIds the repeated contacts, decided together once the drop is read
 * @param complete   the pass read the file to its end and worked out the contact id of every well-formed row from
 *                   its identity columns alone (plain text fields): then a contact not among {@code contactIds} is
 *                   named once in the drop, and {@link ChunkSteps#keepFirst} keeps it without asking the drop's
 *                   table whether it came before. Otherwise (a derived identity, a file cut short) every contact is
 *                   looked up there as it comes.
 */
public record Repeats(Set<String> contactIds, boolean complete) {

    /** Nothing known: every contact is looked up in the drop's table. */
    public static final Repeats NONE = new Repeats(Set.of(), false);

    public Repeats {
        contactIds = Set.copyOf(contactIds);
    }

    /** Whether the drop names this contact in more than one row. */
    public boolean repeated(String contactId) {
        return contactId != null && contactIds.contains(contactId);
    }

    /** Whether the first pass proved this contact is named in one row only. */
    public boolean namedOnce(String contactId) {
        return complete && contactId != null && !contactIds.contains(contactId);
    }
}
