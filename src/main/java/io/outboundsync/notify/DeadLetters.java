package io.outboundsync.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Webhook events that could not be delivered, one JSON file each under {@code dead-letter/webhooks/}: the target's
 * name, the event exactly as it was to be sent, how often it was tried and the last error. Never a secret: the
 * signature is made again when the event is re-sent.
 */
public final class DeadLetters {

    /** One dead letter as stored. */
    public record Letter(Path file, String target, String eventId, String body, int attempts, String lastError) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Clock clock;
    private final Redactor redactor;

    public DeadLetters(Path dir, Clock clock, Redactor redactor) {
        this.dir = dir;
        this.clock = clock;
        this.redactor = redactor;
    }

    /** Writes (or rewrites, after another failed attempt) the dead letter of an event. */
    public Path write(String target, String eventId, String body, int attempts, String lastError) {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("target", target);
        letter.put("eventId", eventId);
        letter.put("attempts", attempts);
        letter.put("lastError", redactor.scrub(lastError));
        letter.put("failedAt", Instant.now(clock).toString());
        letter.put("body", body);
        Path file = dir.resolve(target + "-" + eventId + ".json");
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".writing-", ".tmp");
            Files.writeString(temp, letter.toPrettyString(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("The dead letter of event " + eventId + " could not be written to " + dir,
                    e);
        }
    }

    /** How many events wait here, without reading them. */
    public long count() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Letter> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().map(this::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The delivered dead letter " + file + " could not be removed", e);
        }
    }

    private Letter read(Path file) {
        try {
            ObjectNode letter = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return new Letter(file, letter.path("target").asText(), letter.path("eventId").asText(),
                    letter.path("body").asText(), letter.path("attempts").asInt(), letter.path("lastError").asText());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("The dead letter " + file + " is not readable; move it aside to continue.",
                    e);
        }
    }
}
