package io.outboundsync.contacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 128 bits of a SHA-256: how a drop keys what it must tell apart without keeping it (a record's bytes, a contact
 * id). Among five million keys a false match is about as likely as 10<sup>-25</sup>, and no one can make two inputs
 * share a key, as one could with a fast non-cryptographic hash.
 */
public record Key128(long hi, long lo) {

    /** The first 128 bits of a SHA-256 digest. */
    public static Key128 of(byte[] digest) {
        return new Key128(bits(digest, 0), bits(digest, 8));
    }

    /** The key of a text's UTF-8 bytes. */
    public static Key128 ofText(MessageDigest sha, String text) {
        return of(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key of a text's UTF-8 bytes, with this thread's digest; null for null. */
    public static Key128 ofText(String text) {
        return text == null ? null : ofText(DIGESTS.get(), text);
    }

    /** The key of a contact id, as a drop's tables keep it (a false match among five million: 10<sup>-25</sup>). */
    public static Key128 ofContact(String contactId) {
        return ofText(contactId);
    }

    /** Whether this is the key of nothing (0, 0): what a file keeps for "no contact". */
    public boolean isNone() {
        return hi == 0 && lo == 0;
    }

    /** The key of nothing. */
    public static final Key128 NONE = new Key128(0, 0);

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Key128::digest);

    /** A SHA-256 digest (one per thread that keys). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long bits(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
