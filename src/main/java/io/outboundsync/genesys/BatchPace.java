package io.outboundsync.genesys;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an outage, uploads resume with smaller batches and grow back (tutorial 003): when the circuit on the Genesys
 * calls closes again after it opened, the next batch is cut at {@code first} contacts, and each batch Genesys takes
 * doubles that until the configured batch size is reached again. A service that just came back is not met with
 * full batches at once, and a relapse costs a small batch, not a thousand contacts' worth of retries.
 */
public final class BatchPace {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPace.class);

    private final int full;
    private final int first;
    private final AtomicInteger cap;
    private volatile boolean outage;

    /**
     * @param full  the batch size ({@code genesys.contacts.batch-size})
     * @param first the first batch after an outage ({@code genesys.contacts.batch-size-after-outage})
     */
    public BatchPace(int full, int first) {
        this.full = full;
        this.first = Math.max(1, Math.min(first, full));
        this.cap = new AtomicInteger(full);
    }

    /** The circuit's new state ({@link GenesysCircuit#onStateChange}: OPEN, HALF_OPEN, CLOSED). */
    public void circuit(String state) {
        if ("OPEN".equals(state)) {
            outage = true;
        } else if ("CLOSED".equals(state) && outage) {
            outage = false;
            cap.set(first);
            LOG.info("Genesys answers again: uploads resume with batches of {} contacts, doubling up to {}", first,
                    full);
        }
    }

    /** The most contacts the next batch may carry. */
    public int cap() {
        return cap.get();
    }

    /** A batch Genesys took: the next may be twice as big, up to the batch size. */
    public void landed() {
        cap.getAndUpdate(now -> Math.min(full, now * 2));
    }
}
