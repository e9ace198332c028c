package io.outboundsync.notify;

import java.nio.file.Path;

/**
 * The key of the pseudonyms that stand for phone numbers and e-mail addresses in the audit, webhooks, dead letters
 * and rejects: {@code privacy.pseudonym-key} (best from the environment, {@code PRIVACY_PSEUDONYM_KEY}), or else
 * {@code <data-dir>/pseudonym.key}, generated on first run (32 random bytes, Base64) and readable by its owner
 * only. The same key gives the same contact the same pseudonym; a new key gives new ones.
 */
public final class PseudonymKey {

    public static final String FILE = "pseudonym.key";

    private PseudonymKey() {
    }

    /**
     * The key's bytes.
     *
     * @param configured {@code privacy.pseudonym-key}, or null
     */
    public static byte[] load(String configured, Path dataDir) {
        return new KeyFile("the pseudonym key", "privacy.pseudonym-key", "PRIVACY_PSEUDONYM_KEY", dataDir.resolve(FILE),
                "without it the pseudonyms in the audit cannot be matched to new ones").load(configured);
    }
}
