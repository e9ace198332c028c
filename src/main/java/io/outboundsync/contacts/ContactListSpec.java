package io.outboundsync.contacts;

import io.outboundsync.genesys.model.ContactList;
import io.outboundsync.genesys.model.ContactPhoneNumberColumn;
import io.outboundsync.genesys.model.EmailColumn;
import java.util.List;

/**
 * The contact list a campaign's contacts go to, as configured: its name, its columns (which Genesys cannot change
 * once the list exists), which of them are phone and e-mail columns.
 */
public record ContactListSpec(String name, List<String> columns, List<PhoneColumn> phoneColumns,
        List<EmailColumn> emailColumns) {

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
