package io.outboundsync.contacts.upload;

import io.outboundsync.contacts.NormalisedRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The barrier between a drop's checks and its uploads, one per drop: the checked rows wait here until they make a
 * full batch ({@link Batching}), the batches handed to the upload queue are counted until they land, and what the
 * upload threads learn (acknowledged, refused, failed) comes back here for the reader's thread. Hand-made because the
 * reader goes on with the next chunks while the batches before are in flight (a split's own completion would make
 * it wait for each chunk's uploads), and a withdrawal must wait for the uploads before it.
 */
public final class UploadWindow {

    private final Batching batching;
    private final List<NormalisedRow> pending = new ArrayList<>();
    private final List<NormalisedRow> withdrawals = new ArrayList<>();
    /** Batches handed over and not landed yet (the reader registers, the upload thread arrives). */
    private final Phaser inFlight = new Phaser(1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final List<NormalisedRow> refused = new ArrayList<>();
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicLong callableAgain = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();

    public UploadWindow(Batching batching) {
        this.batching = batching;
    }

    /** The rows join those waiting; the full batches among them, taken (the rest waits for more rows). */
    public synchronized List<List<NormalisedRow>> add(List<NormalisedRow> rows) {
        pending.addAll(rows);
        return batching.take(pending, false);
    }

    /** Every row still waiting, in batches: the drop's end, or before withdrawals. */
    public synchronized List<List<NormalisedRow>> rest() {
        return batching.take(pending, true);
    }

    /** Withdrawing rows wait to be sent after the uploads before them. */
    public synchronized void withdraw(List<NormalisedRow> rows) {
        withdrawals.addAll(rows);
    }

    /** Whether enough withdrawals wait to be sent now (a batch), or any at the drop's end. */
    public synchronized boolean withdrawalsDue(boolean end) {
        return !withdrawals.isEmpty() && (end || withdrawals.size() >= batching.batchSize());
    }

    /** The waiting withdrawals, taken. */
    public synchronized List<NormalisedRow> takeWithdrawals() {
        List<NormalisedRow> rows = new ArrayList<>(withdrawals);
        withdrawals.clear();
        return rows;
    }

    /** A batch went to the upload queue: the drop waits for it before it ends. */
    public void handedOver() {
        inFlight.register();
    }

    /**
     * A batch landed: how many contacts Genesys acknowledged (of them, made callable again) and the rows it
     * refused, each with its reason, for the rejects file.
     */
    public void landed(long acknowledged, long madeCallableAgain, List<NormalisedRow> refusedRows) {
        uploaded.addAndGet(acknowledged);
        callableAgain.addAndGet(madeCallableAgain);
        synchronized (refused) {
            refused.addAll(refusedRows);
        }
    }

    /** Contacts Genesys made uncallable (a withdrawal landed). */
    public void withdrawn(long contacts) {
        withdrawn.addAndGet(contacts);
    }

    /** A batch's upload ended, landed or not; a failure closes the window: nothing more is read or sent. */
    public void ended(Exception failed) {
        fail(failed);
        inFlight.arriveAndDeregister();
    }

    /** The drop stops (an upload failed, or a step of the reader did): its reading ends at the next chunk. */
    public void fail(Exception failed) {
        if (failed != null) {
            failure.compareAndSet(null, failed);
        }
    }

    /** Waits until every batch handed over has landed or failed. */
    public void awaitLanded() {
        inFlight.arriveAndAwaitAdvance();
    }

    /** True once an upload, or the drop, failed: the reader stops at its next chunk. */
    public boolean isFailed() {
        return failure.get() != null;
    }

    /** The first failure, or null. */
    public Exception failure() {
        return failure.get();
    }

    /** The rows Genesys refused since the last call, taken for the rejects file. */
    public List<NormalisedRow> takeRefused() {
        synchronized (refused) {
            List<NormalisedRow> taken = new ArrayList<>(refused);
            refused.clear();
            return taken;
        }
    }

    public long uploaded() {
        return uploaded.get();
    }

    public long callableAgain() {
        return callableAgain.get();
    }

    public long withdrawn() {
        return withdrawn.get();
    }
}
