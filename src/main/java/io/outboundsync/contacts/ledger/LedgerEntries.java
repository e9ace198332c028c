package io.outboundsync.contacts.ledger;

import io.outboundsync.contacts.ContactKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How the ledger stores what Genesys acknowledged for a contact, in one byte array per contact. */
final class LedgerEntries {

    /** The row hash's length at the start of an entry. */
    static final int HASH_LENGTH = 16;
    /** The row key's length, after the hash. */
    static final int KEY_LENGTH = 16;
    /** The version of the layout below, recorded in the ledger ({@code entryFormat}). */
    static final String FORMAT = "2";

    private static final byte[] NO_KEY = new byte[KEY_LENGTH];
    private static final int PHONE_AT = HASH_LENGTH + KEY_LENGTH;
    private static final int VALUES_AT = PHONE_AT + Long.BYTES + Long.BYTES;
    /** Format 1: the hash, the time, the values. */
    private static final int VALUES_AT_1 = HASH_LENGTH + Long.BYTES;

    private LedgerEntries() {
    }

    /**
     * An entry: the row hash, the row key ({@link RowNormaliser#rowKey}; zeros when not known, which no row has),
     * the first phone number's E.164 digits (0: none), the acknowledgement time, the number of values, then each
     * value as its UTF-8 length (-1 for none) and bytes. Binary because writing JSON for every acknowledged row
     * cost as much as the store.
     */
    static byte[] entry(byte[] hash, byte[] rowKey, String firstPhone, long syncedAtMillis, String[] values) {
        byte[][] data = new byte[values.length][];
        int size = VALUES_AT + Integer.BYTES;
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + (data[i] == null ? 0 : data[i].length);
        }
        ByteBuffer entry = ByteBuffer.allocate(size).put(hash, 0, HASH_LENGTH)
                .put(rowKey == null ? NO_KEY : rowKey, 0, KEY_LENGTH)
                .putLong(firstPhone == null ? 0 : ContactKeys.e164Digits(firstPhone)).putLong(syncedAtMillis)
                .putInt(values.length);
        for (byte[] value : data) {
            entry.putInt(value == null ? -1 : value.length);
            if (value != null) {
                entry.put(value);
            }
        }
        return entry.array();
    }

    /** A copy of an entry with another row key and first phone number. */
    static byte[] withKey(byte[] entry, byte[] rowKey, String firstPhone) {
        byte[] copy = entry.clone();
        ByteBuffer.wrap(copy).position(HASH_LENGTH).put(rowKey, 0, KEY_LENGTH)
                .putLong(firstPhone == null ? 0 : ContactKeys.e164Digits(firstPhone));
        return copy;
    }

    /** Whether an entry holds this row key (an entry without one, all zeros, holds none). */
    static boolean hasKey(byte[] entry, byte[] rowKey) {
        return java.util.Arrays.equals(entry, HASH_LENGTH, HASH_LENGTH + KEY_LENGTH, rowKey, 0, KEY_LENGTH)
                && !java.util.Arrays.equals(entry, HASH_LENGTH, HASH_LENGTH + KEY_LENGTH, NO_KEY, 0, KEY_LENGTH);
    }

    /** The entry's first phone number in E.164, or null. */
    static String firstPhone(byte[] entry) {
        long digits = ByteBuffer.wrap(entry, PHONE_AT, Long.BYTES).getLong();
        return digits <= 0 ? null : "+" + digits;
    }

    /** The values of an entry. */
    static String[] values(byte[] entry) {
        return values(entry, VALUES_AT);
    }

    /** A format 1 entry in this format, without a row key or phone. */
    static byte[] fromFormat1(byte[] entry) {
        return entry(entry, null, null, ByteBuffer.wrap(entry, HASH_LENGTH, Long.BYTES).getLong(),
                values(entry, VALUES_AT_1));
    }

    private static String[] values(byte[] entry, int at) {
        ByteBuffer in = ByteBuffer.wrap(entry, at, entry.length - at);
        String[] values = new String[in.getInt()];
        for (int i = 0; i < values.length; i++) {
            int length = in.getInt();
            if (length >= 0) {
                values[i] = new String(entry, in.position(), length, StandardCharsets.UTF_8);
                in.position(in.position() + length);
            }
        }
        return values;
    }
}
