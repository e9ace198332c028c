package io.outboundsync.observe;

import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.genesys.TokenCache;
import io.outboundsync.notify.DeadLetters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** What each readiness check finds wrong, as plain Java (null: nothing): the checks' logic, without Camel. */
public final class ReadinessProblems {

    private ReadinessProblems() {
    }

    /** The inbox must be a folder this process can read and write (it moves files out of it). */
    public static String inbox(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return "The inbox " + inbox + " is not a folder. Fix: create it, or point --data-dir at the right one.";
        }
        if (!Files.isReadable(inbox) || !Files.isWritable(inbox)) {
            return "The inbox " + inbox + " is not readable and writable by this process. Fix: give its user"
                    + " read and write access.";
        }
        return null;
    }

    /** What a probe writes: a block, so a full disk refuses it (an empty file may still be made). */
    private static final byte[] PROBE = new byte[4096];

    /**
     * Each folder takes a write now: a probe of one block written and deleted (a full disk, a file system gone
     * read-only, a folder whose permissions changed). The first folder that refuses, with the error and the fix.
     */
    public static String writable(java.util.List<Path> folders) {
        for (Path folder : folders) {
            Path probe = folder.resolve(".outbound-sync-probe");
            try {
                Files.write(probe, PROBE);
            } catch (java.io.IOException e) {
                return "The folder " + folder + " cannot be written (" + describe(e) + "): drops, their"
                        + " reports and audit records would fail. Fix: free space on its disk, or give this process's"
                        + " user write access to it.";
            } finally {
                try {
                    Files.deleteIfExists(probe);
                } catch (java.io.IOException ignored) {
                    // the write's error is the one told
                }
            }
        }
        return null;
    }

    /**
     * The folder takes a write and its disk has at least {@code minFree} bytes free: a store that failed for a full
     * disk is opened again only then (the few blocks a failed store frees would fill again at its first write).
     */
    public static String headroom(Path folder, long minFree) {
        String unwritable = writable(java.util.List.of(folder));
        if (unwritable != null) {
            return unwritable;
        }
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            return free >= minFree ? null : "Only " + free + " bytes are free on the disk of " + folder + " (at"
                    + " least " + minFree + " wanted). Fix: free space on that disk.";
        } catch (java.io.IOException e) {
            return "The disk of " + folder + " cannot be asked for its free space (" + describe(e) + ").";
        }
    }

    private static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied for the user " + System.getProperty("user.name");
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it does not exist";
        }
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
    }

    /** The org's state databases (the ledger, the campaign state) must be open. */
    public static String state(Supplier<Ledger> ledger, Supplier<AppliedObjects> campaigns) {
        Ledger l = ledger.get();
        AppliedObjects c = campaigns.get();
        if (l == null || c == null) {
            return "The org's state is not open yet (start-up has not reached Genesys).";
        }
        if (!l.isOpen()) {
            return "The ledger under " + l.stateDir() + " is closed or does not answer.";
        }
        if (!c.isOpen()) {
            return "The campaign state database does not answer.";
        }
        return null;
    }

    /** Genesys must have given a token that is still valid, or give one now. */
    public static String token(TokenCache tokens) {
        try {
            tokens.requireUsable();
            return null;
        } catch (RuntimeException e) {
            return "Genesys gives no token: " + e.getMessage() + " Fix: check the OAuth client's id and secret"
                    + " (GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET) and genesys.region.";
        }
    }

    /** Webhook events given up on must stay below a threshold. */
    public static String deadLetters(DeadLetters letters, long max) {
        long waiting = letters.count();
        if (waiting >= max) {
            return waiting + " webhook events are dead-lettered (observe.health.dead-letters-max is " + max + ")."
                    + " Fix: make the receivers answer, then `outbound-sync webhooks resend`.";
        }
        return null;
    }
}
