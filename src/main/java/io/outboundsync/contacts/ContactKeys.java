package io.outboundsync.contacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The compact forms the checks and the ledger both keep of a contact: its values' hash, a phone's digits. */
public final class ContactKeys {

    private ContactKeys() {
    }

    /** 16 bytes of SHA-256 over the values in order (a missing value counts as such): what Genesys was sent. */
    public static byte[] rowHash(String[] values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String value : values) {
                if (value != null) {
                    sha.update(value.getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) 1);
            }
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An E.164 number's digits as a number ({@code +13172014455} is 13172014455); 0 for anything else. */
    public static long e164Digits(String phone) {
        if (phone.length() < 2 || phone.length() > 16 || phone.charAt(0) != '+') {
            return 0;
        }
        long value = 0;
        for (int i = 1; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
