package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.Key128;
import java.util.HashSet;
import java.util.Set;

/**
 * The contacts a drop names in more than one row, found by a first pass over the file before its rows are checked,
 * and whether that pass saw every contact of the drop.
 *
 * @param contacts the repeated contacts' keys ({@link Key128#ofContact}), decided together once the drop is read
 * @param complete the pass read the file to its end and worked out the contact id of every well-formed row from
 *                 its identity columns alone (plain text fields), or knew it from the list's line memo: then a
 *                 contact not among {@code contacts} is named once in the drop, and {@link ChunkSteps#keepFirst}
 *                 keeps it without asking the drop's table whether it came before. Otherwise (a derived identity, a
 *                 file cut short) every contact is looked up there as it comes.
 */
public record Repeats(Set<Key128> contacts, boolean complete) {

    /** Nothing known: every contact is looked up in the drop's table. */
    public static final Repeats NONE = new Repeats(Set.of(), false);

    public Repeats {
        contacts = Set.copyOf(contacts);
    }

    /** The repeated contacts by their ids. */
    public static Repeats ofIds(Set<String> contactIds, boolean complete) {
        Set<Key128> keys = new HashSet<>();
        contactIds.forEach(id -> keys.add(Key128.ofContact(id)));
        return new Repeats(keys, complete);
    }

    /** Whether the drop names this contact (its key) in more than one row. */
    public boolean repeated(Key128 contact) {
        return contact != null && !contacts.isEmpty() && contacts.contains(contact);
    }

    /** Whether the first pass proved this contact (its key) is named in one row only. */
    public boolean namedOnce(Key128 contact) {
        return complete && contact != null && !contacts.contains(contact);
    }
}
