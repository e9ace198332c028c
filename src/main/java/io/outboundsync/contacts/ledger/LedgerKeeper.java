package io.outboundsync.contacts.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the org's embedded ledger open. H2 closes a store that failed to write (a full disk: "The database has been
 * closed") and never opens it again by itself, so every drop after it failed until a restart while readiness said
 * nothing. Looked at by the {@code contacts-ledger-watch} timer route: a ledger found closed is said once (what
 * closed, since when), closed for good and opened again from its files at each look until that works (space is
 * back); drops wait in the inbox meanwhile ({@code drop-waits-for-ledger}) and readiness {@code state} is DOWN with
 * the reason. A shared (PostgreSQL) ledger is not reopened here: its pool reconnects.
 */
public final class LedgerKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerKeeper.class);

    private final AtomicReference<Ledger> ledger;
    private volatile Supplier<Ledger> reopen;
    private volatile Supplier<String> storage = () -> null;
    private final Clock clock;
    private volatile Instant closedSince;
    private volatile String lastFailure;
    private long reopened;

    /** @param ledger the org's ledger, as every step finds it ({@code ledgers}); swapped for the reopened one */
    public LedgerKeeper(AtomicReference<Ledger> ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * How the ledger is opened again from its files (once the org is known); never set: not reopened.
     *
     * @param storage what is wrong with the ledger's folder now (a write probe), or null: it is opened again only
     *                once its folder takes a write, or it would open (reading needs no space) and close again at
     *                its first write
     */
    public LedgerKeeper reopenWith(Supplier<Ledger> opener, Supplier<String> storage) {
        this.reopen = opener;
        this.storage = storage;
        return this;
    }

    /** One look (the watch route): reopens a ledger found closed; true when the ledger is open after it. */
    public synchronized boolean look() {
        Ledger current = ledger.get();
        if (current == null || current.isOpen()) {
            if (closedSince != null) {
                closedSince = null;
                lastFailure = null;
            }
            return true;
        }
        if (closedSince == null) {
            closedSince = clock.instant();
            LOG.error("The ledger under {} is closed (a write to it failed: a full disk, a file system gone"
                    + " read-only); drops wait in the inbox and readiness is DOWN until it opens again. It is"
                    + " opened again at each look (contacts.ledger.check-ms). Fix: free space on that disk.",
                    current.stateDir());
        }
        Supplier<Ledger> opener = reopen;
        if (opener == null) {
            return false;
        }
        String unwritable = storage.get();
        if (unwritable != null) {
            lastFailure = unwritable;
            return false;
        }
        try {
            current.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the closed ledger: {}", e.toString());
        }
        try {
            Ledger opened = opener.get();
            ledger.set(opened);
            reopened++;
            LOG.warn("The ledger under {} is open again (closed since {}); the drops that waited go on",
                    opened.stateDir(), closedSince);
            closedSince = null;
            lastFailure = null;
            return true;
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            LOG.debug("The ledger could not be opened again yet: {}", lastFailure);
            return false;
        }
    }

    /** Whether the ledger answers now (none yet counts as open: nothing to reopen). */
    public boolean ledgerOpen() {
        Ledger current = ledger.get();
        return current == null || current.isOpen();
    }

    /** Whether the ledger was last found closed (drops wait). */
    public boolean isClosed() {
        return closedSince != null;
    }

    /** How many times it was opened again (a meter, tests). */
    public synchronized long reopened() {
        return reopened;
    }

    /** Readiness: the problem now, or null. */
    public String problem() {
        Instant since = closedSince;
        if (since == null) {
            return null;
        }
        String failure = lastFailure;
        return "The ledger is closed since " + since + " (a write to it failed: a full disk or a read-only file"
                + " system); drops wait in the inbox" + (failure == null ? "" : "; the last try to open it again: "
                + failure) + ". Fix: free space on the disk of the data folder; it opens again by itself.";
    }
}
