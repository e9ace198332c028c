package io.outboundsync.contacts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How the ledger stores what Genesys acknowledged for a contact, in one byte array per contact. */
final class LedgerEntries {

    /** The row hash's length at the start of an entry. */
    static final int HASH_LENGTH = 16;

    private LedgerEntries() {
    }

    /**
     * An entry: the row hash, the acknowledgement time, the number of values, then each value as its UTF-8 length
     * (-1 for none) and bytes. Binary because writing JSON for every acknowledged row cost as much as the store.
     */
    static byte[] entry(byte[] hash, long syncedAtMillis, String[] values) {
        byte[][] data = new byte[values.length][];
        int size = HASH_LENGTH + Long.BYTES + Integer.BYTES;
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + (data[i] == null ? 0 : data[i].length);
        }
        ByteBuffer entry = ByteBuffer.allocate(size).put(hash, 0, HASH_LENGTH).putLong(syncedAtMillis)
                .putInt(values.length);
        for (byte[] value : data) {
            entry.putInt(value == null ? -1 : value.length);
            if (value != null) {
                entry.put(value);
            }
        }
        return entry.array();
    }

    /** The values of an entry. */
    static String[] values(byte[] entry) {
        ByteBuffer in = ByteBuffer.wrap(entry, HASH_LENGTH + Long.BYTES, entry.length - HASH_LENGTH - Long.BYTES);
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
