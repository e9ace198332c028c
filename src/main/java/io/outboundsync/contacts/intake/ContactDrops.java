package io.outboundsync.contacts.intake;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the {@code contacts-inbox} route has done, for the commands that wait on it: how each drop ended, and whether
 * a poll found the inbox drained (which ends a {@code once} run).
 */
public final class ContactDrops {

    private final Map<Path, Drop.Status> outcomes = new ConcurrentHashMap<>();
    private final CountDownLatch drained = new CountDownLatch(1);

    /** A poll found nothing (more) to take. */
    public void drained() {
        drained.countDown();
    }

    /** A file of the inbox was taken: how its drop ended (FAILED when it waits in the inbox). */
    public void ended(String absolutePath, Drop.Status status) {
        outcomes.put(Path.of(absolutePath).toAbsolutePath().normalize(), status == null ? Drop.Status.FAILED
                : status);
    }

    /** Waits until a poll finds the inbox empty (or nothing new to take). */
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        return drained.await(timeout, unit);
    }

    /** How each file processed so far ended. */
    public Map<Path, Drop.Status> outcomes() {
        return Map.copyOf(outcomes);
    }
}
