package io.outboundsync.contacts;

/** One CRM column mapped onto a contact list column: its type and whether a row must have it. */
public record FieldSpec(String source, String column, FieldType type, boolean required) {
}
