package io.outboundsync.contacts;

import java.util.List;

/**
 * A chunk of a drop's rows as read, before their checks.
 *
 * @param rows            the rows, in file order
 * @param bytesRead       how far into the file the read had come once they were read
 * @param unreadable      why the file cannot be read past these rows, or null (when set, this is the last chunk)
 * @param unmappedColumns the file's columns the mapping does not name, as far as the read has seen
 * @param knownAccepted   records the list's line memo knew among (or before) these as accepted and unchanged: not
 *                        parsed, counted only
 * @param knownRejected   records it knew as rejected for reasons of their own, as rejected rows
 */
public record Rows(List<SourceRow> rows, long bytesRead, String unreadable, int unmappedColumns, long knownAccepted,
        List<NormalisedRow> knownRejected) {

    public Rows(List<SourceRow> rows) {
        this(rows, 0, null, 0);
    }

    /** Rows read with nothing taken from a line memo. */
    public Rows(List<SourceRow> rows, long bytesRead, String unreadable, int unmappedColumns) {
        this(rows, bytesRead, unreadable, unmappedColumns, 0, List.of());
    }
}
