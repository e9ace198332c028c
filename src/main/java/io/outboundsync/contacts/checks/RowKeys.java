package io.outboundsync.contacts.checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A 128-bit key of a row's source values together with everything else that decides its verdict
 * ({@link VerdictInputs}): two rows with the same key are checked alike, so a row whose key the ledger holds for its
 * contact is the row Genesys acknowledged, and need not be checked again. Thread-safe.
 */
final class RowKeys {

    private static final ThreadLocal<KeyBytes> KEY_BYTES = ThreadLocal.withInitial(KeyBytes::new);

    /** A SHA-256 fed with the {@link VerdictInputs#fingerprint}, cloned for each key. */
    private final MessageDigest verdictInputs;

    RowKeys(byte[] fingerprint) {
        this.verdictInputs = VerdictInputs.sha256();
        this.verdictInputs.update(fingerprint);
    }

    byte[] of(String[] source) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) verdictInputs.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned here", e);
        }
        KeyBytes bytes = KEY_BYTES.get();
        bytes.length = 0;
        for (String value : source) {
            bytes.add(value);
        }
        sha.update(bytes.buffer, 0, bytes.length);
        return Arrays.copyOf(sha.digest(), 16);
    }

    /**
     * A row's values as the row key hashes them, in a buffer each checking thread reuses: per value a 0 (absent),
     * or a 1, its UTF-8 length in four bytes and its UTF-8 bytes.
     */
    private static final class KeyBytes {
        byte[] buffer = new byte[1024];
        int length;

        void add(String value) {
            if (value == null) {
                room(1);
                buffer[length++] = 0;
                return;
            }
            int n = value.length();
            room(5 + n);
            int at = length + 5;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    at = -1;
                    break;
                }
                buffer[at++] = (byte) c;
            }
            byte[] utf8 = null;
            int size = n;
            if (at < 0) {
                utf8 = value.getBytes(StandardCharsets.UTF_8);
                size = utf8.length;
                room(5 + size);
            }
            buffer[length] = 1;
            buffer[length + 1] = (byte) (size >>> 24);
            buffer[length + 2] = (byte) (size >>> 16);
            buffer[length + 3] = (byte) (size >>> 8);
            buffer[length + 4] = (byte) size;
            if (utf8 != null) {
                System.arraycopy(utf8, 0, buffer, length + 5, size);
            }
            length += 5 + size;
        }

        private void room(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }
}
