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
 * A secret key the process keeps for itself: from a setting (best from the environment), or else from a file
 * generated on first run (32 random bytes, Base64) readable by its owner only. The pseudonym key and the audit key
 * are two of them.
 *
 * @param what     its name in messages ("the pseudonym key")
 * @param setting  the setting that gives it ({@code privacy.pseudonym-key})
 * @param variable that setting's environment variable
 * @param file     the file made when the setting is not given
 * @param lossNote what a new key means, said when the file is made and when it is broken
 */
public record KeyFile(String what, String setting, String variable, Path file, String lossNote) {

    static final int MIN_LENGTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * The key's bytes.
     *
     * @param configured the setting's value, or null
     */
    public byte[] load(String configured) {
        if (configured != null) {
            if (configured.length() < MIN_LENGTH) {
                throw new ConfigException("Setting " + setting + " is " + configured.length() + " characters long; a"
                        + " key needs at least " + MIN_LENGTH + ". Fix: set " + variable + " to 32 random bytes in"
                        + " Base64 (openssl rand -base64 32), or leave it unset to use " + file + ".");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        try {
            if (!Files.exists(file)) {
                create();
            }
            warnIfOthersCanRead();
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.length() < MIN_LENGTH) {
                throw new ConfigException(capitalised() + " " + file + " holds " + text.length() + " characters; a key"
                        + " needs at least " + MIN_LENGTH + ". Fix: restore the file from your backup, or delete it"
                        + " to have a new key generated (" + lossNote + ").");
            }
            return text.getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(capitalised() + " " + file + " cannot be read or created", e);
        }
    }

    /** The key's bytes when it is given or its file exists; never makes one (a tool that only reads). */
    public java.util.Optional<byte[]> find(String configured) {
        if (configured == null && !Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(load(configured));
    }

    private String capitalised() {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }

    private void create() throws IOException {
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
            LOG.info("Generated {} {} (owner-only); keep it with your backups: {}", what, file, lossNote);
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        }
    }

    private void warnIfOthersCanRead() throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("{} {} can be read by others ({}); chmod 600 it", capitalised(), file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
