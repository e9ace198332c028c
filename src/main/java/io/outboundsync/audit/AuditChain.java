package io.outboundsync.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The audit chain's arithmetic and files, shared by the writer ({@link AuditLog}) and the checker
 * ({@link AuditVerifier}): how a record's hash is made (keyed or, before keying, plain), a key's id, and the day files.
 */
public final class AuditChain {

    static final String GENESIS = "0".repeat(64);
    static final String HASH_FIELD = ",\"hash\":\"";
    static final String MAC_FIELD = "mac";
    static final String MAC_PREFIX = "hmac-sha256:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    /** The hash a line carries (its last field). */
    static String hashOf(String line) {
        int at = line.lastIndexOf(HASH_FIELD);
        return line.substring(at + HASH_FIELD.length(), line.lastIndexOf('"'));
    }

    /** A keyed record's hash: HMAC-SHA-256 under the audit key of the previous hash and the record's text. */
    static String mac(byte[] key, String prevHash, String recordText) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            mac.update(prevHash.getBytes(StandardCharsets.UTF_8));
            mac.update(recordText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's id (16 hex digits of an HMAC of a fixed text): names the key, reveals nothing of it. */
    public static String keyId(byte[] key) {
        return mac(key, "", "outbound-sync audit key id").substring(0, 16);
    }

    /** A record written before the chain was keyed: SHA-256 of the previous hash and the record's text. */
    static String hash(String prevHash, String recordText) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
            sha.update(recordText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest record in the folder: the last readable line of the newest day file. */
    static Optional<ObjectNode> lastRecord(Path dir) {
        List<Path> files = dayFiles(dir);
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                List<String> lines = Files.readAllLines(files.get(i), StandardCharsets.UTF_8);
                for (int l = lines.size() - 1; l >= 0; l--) {
                    if (!lines.get(l).isBlank()) {
                        try {
                            return Optional.of((ObjectNode) JSON.readTree(lines.get(l)));
                        } catch (IOException unreadable) {
                            // a torn last line (a crash mid-write); chain on from the line before, verify shows it
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The audit file " + files.get(i) + " cannot be read", e);
            }
        }
        return Optional.empty();
    }

    /** The day files of a folder, oldest first (their names sort by date). */
    static List<Path> dayFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("audit-\\d{4}-\\d{2}-\\d{2}\\.jsonl"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
