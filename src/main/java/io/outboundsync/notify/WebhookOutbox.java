package io.outboundsync.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each receiver's queue of webhook events, on disk: {@code outbox/<receiver>/<sequence>-<eventId>.json}, written
 * when the event is published (so a crash loses none) and taken oldest first by the receiver's one sender route
 * ({@code notify-sender}), so a receiver gets its events in the order they were published.
 *
 * <p>An event whose attempts run out is moved to the dead letters and its receiver is <em>held</em>: its later
 * events stay in the outbox, behind it, until a probe ({@code notify-redeliver}) gets the oldest dead letter
 * through; then the receiver's other dead letters move back into the outbox (their sequences put them in front of
 * everything queued since) and the hold is lifted. An event is in exactly one place at a time, and is removed only
 * once its receiver has answered 2xx: delivered once, in order, never lost.
 */
public final class WebhookOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutbox.class);

    private final Path dir;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public WebhookOutbox(Path dir, DeadLetters deadLetters, Clock clock) {
        this.dir = dir;
        this.deadLetters = deadLetters;
        this.clock = clock;
        // a receiver with dead letters from an earlier run stays held: its queued events wait behind them
        for (DeadLetters.Letter letter : deadLetters.list()) {
            held.add(letter.target());
        }
    }

    /** The folder the receiver's sender route takes its events from. */
    public Path folder(String target) {
        return dir.resolve(target);
    }

    /**
     * Queues an event behind every earlier one of its receiver. The sequence is taken and the file made visible
     * under one lock, so the sender never sees an event before one published ahead of it.
     */
    public Path append(String target, String eventId, String body) {
        synchronized (lock(target)) {
            long sequence = nextSequence(target);
            Path file = folder(target).resolve(String.format("%019d-%s.json", sequence, eventId));
            deadLetters.writeLetter(file, target, eventId, sequence, body, 0, null);
            return file;
        }
    }

    private long nextSequence(String target) {
        long last = lastSequence.computeIfAbsent(target, this::highestSequence);
        // microseconds of the clock, so the numbers also rise from one run to the next
        long next = Math.max(last + 1, clock.millis() * 1000);
        lastSequence.put(target, next);
        return next;
    }

    private long highestSequence(String target) {
        long highest = 0;
        for (DeadLetters.Letter letter : deadLetters.of(target)) {
            highest = Math.max(highest, letter.sequence());
        }
        for (Path file : DeadLetters.files(folder(target)).toList()) {
            highest = Math.max(highest, sequenceOf(file));
        }
        return highest;
    }

    static long sequenceOf(Path outboxFile) {
        String name = outboxFile.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether sending this outbox file now would overtake an older event of its receiver: one still in the outbox,
     * or a dead letter. The sender's file filter is asked file by file while the folder is listed, so a hold lifted
     * in the middle of a listing left the older files out of that poll and a newer one went first (a fresh-clone
     * soak run saw it once); this is asked again of the one file taken, and such a file waits for the next poll.
     */
    public boolean overtakes(String absolutePath) {
        Path file = Path.of(absolutePath);
        String target = file.getParent().getFileName().toString();
        if (held(target) || !deadLetters.of(target).isEmpty()) {
            return true;
        }
        long sequence = sequenceOf(file);
        return DeadLetters.files(folder(target)).anyMatch(other -> sequenceOf(other) < sequence);
    }

    /** The sender's filter: false while the receiver is held behind its dead letters. */
    public boolean sendable(String target) {
        return !held.contains(target);
    }

    public boolean held(String target) {
        return held.contains(target);
    }

    /** An event of the receiver was given up on: its later events wait. */
    public void hold(String target) {
        if (held.add(target)) {
            LOG.warn("Webhook {} is held: its events wait in the outbox until its oldest dead letter gets through"
                    + " (tried every notify.dead-letters.retry-ms)", target);
        }
    }

    /**
     * The probes of one {@code notify-redeliver} pass: the oldest dead letter of each receiver that has any. A
     * receiver whose dead letters were all re-sent meanwhile (by {@code webhooks resend}) is released here.
     */
    public List<DeadLetters.Letter> probes() {
        List<DeadLetters.Letter> oldest = new ArrayList<>();
        String previous = null;
        for (DeadLetters.Letter letter : deadLetters.list()) {
            if (!letter.target().equals(previous)) {
                oldest.add(letter);
                held.add(letter.target());
                previous = letter.target();
            }
        }
        Set<String> withLetters = new java.util.HashSet<>();
        oldest.forEach(l -> withLetters.add(l.target()));
        for (String target : Set.copyOf(held)) {
            if (!withLetters.contains(target)) {
                release(target);
            }
        }
        return oldest;
    }

    /**
     * The receiver took its oldest dead letter: its other dead letters go back into the outbox, in front of the
     * events queued since, and its sender resumes.
     *
     * @return how many dead letters were queued again
     */
    public int release(String target) {
        synchronized (lock(target)) {
            int requeued = 0;
            for (DeadLetters.Letter letter : deadLetters.of(target)) {
                try {
                    DeadLetters.move(letter.file(), folder(target).resolve(String.format("%019d-%s.json",
                            letter.sequence(), letter.eventId())));
                    requeued++;
                } catch (java.nio.file.NoSuchFileException gone) {
                    // delivered by another resend in the meantime
                } catch (IOException e) {
                    throw new UncheckedIOException("The dead letter " + letter.file() + " could not be queued again",
                            e);
                }
            }
            if (held.remove(target)) {
                LOG.info("Webhook {} answers again: {} more dead letters queued again, oldest first", target,
                        requeued);
            }
            return requeued;
        }
    }

    /** Events queued and not yet delivered (dead letters not counted). */
    public long backlog() {
        long count = 0;
        if (!java.nio.file.Files.isDirectory(dir)) {
            return 0;
        }
        try (var folders = java.nio.file.Files.list(dir)) {
            for (Path folder : folders.filter(java.nio.file.Files::isDirectory).toList()) {
                count += DeadLetters.files(folder).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** The ids of the events queued for a receiver. */
    public Set<String> queuedIds(String target) {
        Set<String> ids = new java.util.HashSet<>();
        for (Path file : DeadLetters.files(folder(target)).toList()) {
            String name = file.getFileName().toString();
            ids.add(name.substring(name.indexOf('-') + 1, name.length() - ".json".length()));
        }
        return ids;
    }

    /**
     * Waits until every receiver's outbox is empty or the receiver is held (or the time is up), so a one-shot run
     * hands its last events over before it stops; whatever is left waits on disk for the next start.
     *
     * @return true when nothing deliverable is left
     */
    public boolean awaitIdle(Iterable<String> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean idle = true;
            for (String target : targets) {
                if (!held(target) && DeadLetters.files(folder(target)).findAny().isPresent()) {
                    idle = false;
                    break;
                }
            }
            if (idle) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private Object lock(String target) {
        return locks.computeIfAbsent(target, t -> new Object());
    }
}
