package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldType;
import io.outboundsync.contacts.MappingSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A row's contact id from the campaign's identity columns: the identity value itself when it is one usable value
 * ({@code A-Z a-z 0-9 . _ ~ -}, up to 128), else a hash of the values; and the identity as the CRM gave it, for
 * the rejects file. Thread-safe.
 */
final class ContactIdentity {

    private final MappingSpec mapping;
    private final ContactListSpec list;
    /** For each mapped field, the list column it fills. */
    private final int[] targetIndex;
    /** The list columns of the identity. */
    private final int[] identityIndex;
    /** For each identity column, the mapped field that fills it; null when one is not a plain text field. */
    private final int[] identityFields;

    ContactIdentity(MappingSpec mapping, ContactListSpec list, int[] targetIndex) {
        this.mapping = mapping;
        this.list = list;
        this.targetIndex = targetIndex;
        this.identityIndex = mapping.identity().stream().mapToInt(c -> list.columns().indexOf(c)).toArray();
        this.identityFields = identityFields(mapping, targetIndex, identityIndex);
    }

    private static int[] identityFields(MappingSpec mapping, int[] targetIndex, int[] identityIndex) {
        int[] fields = new int[identityIndex.length];
        for (int i = 0; i < identityIndex.length; i++) {
            fields[i] = -1;
            for (int f = 0; f < targetIndex.length; f++) {
                if (targetIndex[f] == identityIndex[i]) {
                    if (fields[i] >= 0 || mapping.fields().get(f).type() != FieldType.TEXT) {
                        return null;
                    }
                    fields[i] = f;
                }
            }
            if (fields[i] < 0) {
                return null;
            }
        }
        return fields;
    }

    /**
     * The contact id the checks give a row, worked out from its identity alone where the identity columns are plain
     * text fields (trimmed as configured); null otherwise, or when the identity is not usable. Used only to look the
     * row up in the ledger before its checks: a wrong guess there finds no entry with the row's key.
     */
    String ofSource(String[] source) {
        if (identityFields == null) {
            return null;
        }
        String[] values = new String[list.columns().size()];
        for (int i = 0; i < identityFields.length; i++) {
            String raw = source[identityFields[i]];
            if (raw != null && mapping.trim()) {
                raw = raw.strip();
            }
            if (raw == null || raw.isEmpty() || raw.length() > RowNormaliser.MAX_VALUE_LENGTH) {
                return null;
            }
            values[identityIndex[i]] = raw;
        }
        return of(values);
    }

    /** The contact id of a row's list values: the identity value itself when usable, else a hash of the values. */
    String of(String[] values) {
        if (identityIndex.length == 1) {
            String value = values[identityIndex[0]];
            return value != null && usable(value) ? value : null;
        }
        StringBuilder joined = new StringBuilder();
        for (int index : identityIndex) {
            if (values[index] == null) {
                return null;
            }
            joined.append(values[index]).append('\u0001');
        }
        return sha256(joined.toString()).substring(0, 32);
    }

    /** Whether a list column is one of the identity's. */
    boolean isIdentity(int column) {
        for (int index : identityIndex) {
            if (index == column) {
                return true;
            }
        }
        return false;
    }

    /** The identity as the CRM gave it (trimmed), for the rejects file; null when absent. */
    String external(String[] source) {
        StringBuilder text = new StringBuilder();
        for (int f = 0; f < mapping.fields().size(); f++) {
            if (isIdentity(targetIndex[f]) && source[f] != null && !source[f].isBlank()) {
                if (text.length() > 0) {
                    text.append('|');
                }
                text.append(source[f].strip());
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    /** Whether a value can be a Genesys contact id as it is: 1 to 128 of {@code A-Z a-z 0-9 . _ ~ -}. */
    static boolean usable(String value) {
        int n = value.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '~' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
