package io.outboundsync.contacts;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * The step of the {@code contacts-inbox} route: a file found under {@code inbox/contacts/<campaign-key>/} goes to
 * the {@link DropProcessor}; an empty poll says the inbox is drained, which ends a {@code once} run.
 */
public final class ContactDrops {

    private final DropProcessor processor;
    private final Path inboxRoot;
    private final String trigger;
    private final Map<Path, DropProcessor.Status> outcomes = new ConcurrentHashMap<>();
    private final CountDownLatch drained = new CountDownLatch(1);

    public ContactDrops(DropProcessor processor, Path inboxRoot, String trigger) {
        this.processor = processor;
        this.inboxRoot = inboxRoot.toAbsolutePath().normalize();
        this.trigger = trigger;
    }

    public void onFile(Exchange exchange) {
        String absolute = exchange.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (absolute == null || exchange.getIn().getBody() == null) {
            drained.countDown();
            return;
        }
        Path file = Path.of(absolute).toAbsolutePath().normalize();
        Path parent = file.getParent();
        String campaign = parent.equals(inboxRoot) ? "(none)" : inboxRoot.relativize(parent).toString();
        outcomes.put(file, processor.process(campaign, file, trigger));
    }

    /** Waits until a poll finds the inbox empty (or nothing new to take). */
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        return drained.await(timeout, unit);
    }

    /** How each file processed so far ended. */
    public Map<Path, DropProcessor.Status> outcomes() {
        return Map.copyOf(outcomes);
    }
}
