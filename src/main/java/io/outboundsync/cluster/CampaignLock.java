package io.outboundsync.cluster;

/**
 * A lock one campaign's state changes take in turn, whichever process they run in: in one process a lock of its own
 * ({@code state.CampaignStates}), on a shared state a PostgreSQL advisory lock ({@link AdvisoryLocks}).
 */
@FunctionalInterface
public interface CampaignLock {

    /** Waits for the campaign's lock; closing the answer gives it back. */
    Held lock(String campaign);

    /** A lock held. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
