package io.outboundsync.contacts;

import io.outboundsync.genesys.model.ContactList;
import io.outboundsync.genesys.model.ContactPhoneNumberColumn;
import io.outboundsync.genesys.model.EmailColumn;
import java.util.List;

/**
 * The contact list a campaign's contacts go to, as configured: its name, its columns (which Genesys cannot change
 * once the list exists), which of them are phone and e-mail columns, and the internal ({@code rds}) DNC list that
 * receives the numbers of its contacts who withdraw consent or ask not to be called (and the internal do-not-call
 * file), which the campaign refers to so no list of the org dials them.
 */
public record ContactListSpec(String name, List<String> columns, List<PhoneColumn> phoneColumns,
        List<EmailColumn> emailColumns, String dncList) {

    /** The DNC list's name when the file gives none. */
    public static String defaultDncList(String listName) {
        return listName + " DNC";
    }

    /** The indexes of the phone columns among {@link #columns()}. */
    public int[] phoneIndexes() {
        return phoneColumns.stream().mapToInt(p -> columns.indexOf(p.column())).filter(i -> i >= 0).toArray();
    }

    /** The Genesys {@code DncList} to create: internal, of phone numbers. */
    public io.outboundsync.genesys.model.DncList dncListToGenesys() {
        return new io.outboundsync.genesys.model.DncList(null, dncList, null, "rds", "Phone", null, null, null, null,
                null, null, null, null, null);
    }

    /** A phone column, its type ({@code cell}, {@code home}…) and the column that gets its time zone, if any. */
    public record PhoneColumn(String column, String type, String timeZoneColumn) {
    }

    /** An e-mail column and its type ({@code personal}, {@code work}). */
    public record EmailColumn(String column, String type) {
    }

    /** The Genesys {@code ContactList} to create. */
    public ContactList toGenesys() {
        return new ContactList(null, name, null, null, columns,
                phoneColumns.stream().map(p -> new ContactPhoneNumberColumn(p.column(), p.type(), p.timeZoneColumn()))
                        .toList(),
                emailColumns.stream().map(e -> new io.outboundsync.genesys.model.EmailColumn(e.column(), e.type(), null))
                        .toList(),
                null, null, null, null, null, null, null, null);
    }
}
