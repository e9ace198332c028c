package io.outboundsync.notify;

import io.outboundsync.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of the pseudonyms that stand for phone numbers and e-mail addresses in the audit, webhooks, dead letters
 * and rejects: {@code privacy.pseudonym-key} (best from the environment, {@code PRIVACY_PSEUDONYM_KEY}), or else
 * {@code <data-dir>/pseudonym.key}, generated on first run (32 random bytes, Base64) and readable by its owner
 * only. The same key gives the same contact the same pseudonym; a new key gives new ones.
 */
public final class PseudonymKey {

    public static final String FILE = "pseudonym.key";
    static final int MIN_LENGTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(PseudonymKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PseudonymKey() {
    }

    /**
     * The key's bytes.
     *
     * @param configured {@code privacy.pseudonym-key}, or null
     */
    public static byte[] load(String configured, Path dataDir) {
        if (configured != null) {
            if (configured.length() < MIN_LENGTH) {
                throw new ConfigException("Setting privacy.pseudonym-key is " + configured.length() + " characters"
                        + " long; a key needs at least " + MIN_LENGTH + ". Fix: set PRIVACY_PSEUDONYM_KEY to 32 random"
                        + " bytes in Base64 (openssl rand -base64 32), or leave it unset to use " + FILE
                        + " in the data folder.");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            warnIfOthersCanRead(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.length() < MIN_LENGTH) {
                throw new ConfigException("The pseudonym key " + file + " holds " + text.length() + " characters; a key"
                        + " needs at least " + MIN_LENGTH + ". Fix: restore the file from your backup, or delete it"
                        + " to have a new key generated (pseudonyms made before will not match new ones).");
            }
            return text.getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("The pseudonym key " + file + " cannot be read or created", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = Base64.getEncoder().encodeToString(random) + "\n";
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the folder's own protection applies
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            LOG.info("Generated the pseudonym key {} (owner-only); keep it with your backups: without it the"
                    + " pseudonyms in the audit cannot be matched to new ones", file);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("The pseudonym key {} can be read by others ({}); chmod 600 it",
                        file, PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
