package io.outboundsync.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The audit chain's head as the process last wrote it, kept in the state folder ({@code state/audit-head.json}),
 * away from the audit files: the last record's {@code seq} and {@code hash}, the id of the key the chain is keyed
 * with, and the first {@code seq} that was keyed. {@code audit verify} compares the newest audit file with it, so a
 * tail cut off the file, or a file rewritten from some record on, shows even where every line still chains.
 */
public record AuditHead(long seq, String hash, String keyId, long keyedFrom) {

    public static final String FILE = "audit-head.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static Optional<AuditHead> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), AuditHead.class));
        } catch (IOException e) {
            throw new UncheckedIOException("The audit head " + file + " cannot be read (" + e.getMessage() + "). Fix:"
                    + " restore it from your backup; if it is lost, delete it: the chain goes on, and what it guarded"
                    + " before cannot be checked", e);
        }
    }

    /** Written whole or not at all (a temporary file moved over it). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(FILE + ".tmp");
            Files.write(next, JSON.writeValueAsBytes(this));
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit head " + file + " cannot be written", e);
        }
    }
}
