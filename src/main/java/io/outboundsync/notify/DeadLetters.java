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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Webhook events that could not be delivered, one JSON file each under {@code dead-letter/webhooks/}: the target's
 * name, the event exactly as it was to be sent, its place in the receiver's order ({@code sequence}), how often it
 * was tried and the last error. Never a secret: the signature is made again when the event is re-sent. The
 * receiver's outbox ({@link WebhookOutbox}) keeps its events in the same form, so an event moves between the two by
 * a rename and is never in both.
 */
public final class DeadLetters {

    /** One dead letter (or outbox entry) as stored. */
    public record Letter(Path file, String target, String eventId, long sequence, String body, int attempts,
            String lastError) {
    }

    /** Oldest first within a receiver: by sequence (0 for a letter written before sequences existed). */
    static final Comparator<Letter> ORDER = Comparator.comparing(Letter::target).thenComparingLong(Letter::sequence)
            .thenComparing(l -> l.file().getFileName().toString());

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Clock clock;
    private final Redactor redactor;

    public DeadLetters(Path dir, Clock clock, Redactor redactor) {
        this.dir = dir;
        this.clock = clock;
        this.redactor = redactor;
    }

    /** Where a receiver's event is kept once it is given up on. */
    Path fileOf(String target, String eventId) {
        return dir.resolve(target + "-" + eventId + ".json");
    }

    /** Writes (or rewrites, after another failed attempt) the dead letter of an event. */
    public Path write(String target, String eventId, long sequence, String body, int attempts, String lastError) {
        Path file = fileOf(target, eventId);
        writeLetter(file, target, eventId, sequence, body, attempts, lastError);
        return file;
    }

    /**
     * Gives up on an event of a receiver's outbox: its file is rewritten with the attempts and the error, then
     * renamed into the dead letters, so it is in exactly one of the two places whenever the process may die.
     */
    public Path park(Path outboxFile, Letter letter, int attempts, String lastError) {
        writeLetter(outboxFile, letter.target(), letter.eventId(), letter.sequence(), letter.body(), attempts,
                lastError);
        Path file = fileOf(letter.target(), letter.eventId());
        try {
            Files.createDirectories(dir);
            move(outboxFile, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("The undelivered event " + letter.eventId() + " could not be moved to "
                    + dir, e);
        }
    }

    /** A file that is not an event, kept in {@code unreadable/} beside the dead letters for a person to look at. */
    public Path setAside(Path file) {
        Path aside = dir.resolve("unreadable").resolve(file.getFileName());
        try {
            Files.createDirectories(aside.getParent());
            move(file, aside);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("The unreadable webhook file " + file + " could not be moved to " + aside,
                    e);
        }
    }

    void writeLetter(Path file, String target, String eventId, long sequence, String body, int attempts,
            String lastError) {
        ObjectNode letter = JSON.createObjectNode();
        letter.put("target", target);
        letter.put("eventId", eventId);
        letter.put("sequence", sequence);
        letter.put("attempts", attempts);
        if (lastError != null) {
            letter.put("lastError", redactor.scrub(lastError));
            letter.put("failedAt", Instant.now(clock).toString());
        } else {
            letter.put("queuedAt", Instant.now(clock).toString());
        }
        letter.put("body", body);
        try {
            Files.createDirectories(file.getParent());
            // a dot name: the outbox's file consumer never takes a file being written
            Path temp = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
            Files.writeString(temp, letter.toPrettyString(), StandardCharsets.UTF_8);
            move(temp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook event " + eventId + " could not be written to " + file, e);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** How many events wait here, without reading them. */
    public long count() {
        return files(dir).count();
    }

    /** Every dead letter, each receiver's oldest first. */
    public List<Letter> list() {
        return files(dir).map(DeadLetters::read).filter(java.util.Objects::nonNull).sorted(ORDER).toList();
    }

    /** A receiver's dead letters, oldest first. */
    public List<Letter> of(String target) {
        return files(dir).filter(f -> f.getFileName().toString().startsWith(target + "-")).map(DeadLetters::read)
                .filter(l -> l != null && l.target().equals(target)).sorted(ORDER).toList();
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The delivered dead letter " + file + " could not be removed", e);
        }
    }

    /** The event files of a folder (a listing; the folder may not exist yet). */
    static Stream<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The letter of a file, or null when it has just been moved or removed (it was listed a moment ago). */
    static Letter read(Path file) {
        try {
            ObjectNode letter = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return new Letter(file, letter.path("target").asText(), letter.path("eventId").asText(),
                    letter.path("sequence").asLong(0), letter.path("body").asText(), letter.path("attempts").asInt(),
                    letter.path("lastError").asText(null));
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("The webhook event file " + file + " is not readable; move it aside to"
                    + " continue.", e);
        }
    }
}
