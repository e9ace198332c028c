package io.outboundsync.contacts;

/**
 * One row as read from a drop: its number (1 = the first row after a CSV header, or the first JSON object), its
 * values for the mapped CRM columns in mapping order, or why the row itself is malformed.
 */
public record SourceRow(long number, String[] values, String malformed) {
}
