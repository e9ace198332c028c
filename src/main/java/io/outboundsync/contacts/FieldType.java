package io.outboundsync.contacts;

/** How a mapped value is checked and normalised. */
public enum FieldType {
    /** Kept as given (trimmed unless trimming is off). */
    TEXT,
    /** Parsed in the campaign's default region and stored as E.164. */
    PHONE,
    /** Checked with Commons Validator, stored lower-cased in its domain. */
    EMAIL,
    /** One of the configured spellings, stored as {@code true} or {@code false}. */
    BOOLEAN,
    /** A decimal number, stored as written without grouping. */
    NUMBER
}
