package io.outboundsync.runtime;

/**
 * The read-lock options of the file consumers (the inbox of {@code routes/contacts-inbox.camel.yaml}, the command
 * files of {@code routes/campaigns.camel.yaml}), which the routes take as {@code {{contacts.inbox.completion-options}}}
 * and {@code {{campaigns.commands.read-lock}}}. Hand-made because they are one of four shapes (read lock or done
 * file, one machine or claims in the shared database) and the lock's timeout is its quiet time plus a margin, which
 * a placeholder cannot add up.
 */
public final class InboxOptions {

    /**
     * The file consumers' claim in the shared database: the read lock is an idempotent repository
     * ({@code inboxClaims}), keyed by the file's path under the inbox (the same on every instance, wherever the
     * shared folder is mounted), given back when the instance is done with the file.
     */
    static final String CLAIMED = claimedOptions("inboxClaims");

    private InboxOptions() {
    }

    /** The claim options with the repository of that name. */
    public static String claimedOptions(String repository) {
        return claimedOptions(repository, 0);
    }

    /** The claim options, taking a file once it has not changed for {@code quietMs}. */
    public static String claimedOptions(String repository, long quietMs) {
        return claim(repository) + "&readLock=idempotent-changed&readLockCheckInterval=250" + quiet(quietMs);
    }

    /** The command files' options: this process's memory of the files taken, or the claim of one instance. */
    public static String commandReadLock(boolean claims) {
        return claims ? "idempotent=false&" + CLAIMED
                : "idempotent=true&idempotentKey=${file:name}-${file:modified}-${file:size}"
                + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=0";
    }

    /**
     * How the inbox knows a file is complete: {@code read-lock} (the file has stopped changing for
     * {@code quietMs}) or {@code done-file} (a {@code <name>.done} file beside it, written by the sender).
     *
     * @return null for a completion that is neither
     */
    static String completion(String completion, boolean claims, long checkMs, long quietMs) {
        return switch (completion) {
            case "read-lock" -> (claims ? claimedOptions("inboxClaims", quietMs)
                    : "readLock=changed&readLockCheckInterval=" + checkMs + quiet(quietMs))
                    + "&readLockMinLength=0"; // an empty file is taken too, and refused with its reason
            case "done-file" -> claims ? claim("inboxClaims") + "&readLock=idempotent&doneFileName=${file:name}.done"
                    : "readLock=none&doneFileName=${file:name}.done";
            default -> null;
        };
    }

    /**
     * A file is taken once it has not changed for {@code quietMs} (its age by modification time, and unchanged
     * between two checks): a writer that pauses less than that is never read half-way. The lock waits that long and
     * more; past it the file waits for the next poll.
     */
    private static String quiet(long quietMs) {
        // a file still being written past the lock's wait is said in the log (Camel's line names it), not skipped
        // silently, and waits for the next poll
        return "&readLockMinAge=" + quietMs + "&readLockTimeout=" + (quietMs + 10_000) + "&readLockLoggingLevel=INFO";
    }

    /** The claim without its read lock: a done-file drop is whole already, claimed without waiting for changes. */
    private static String claim(String repository) {
        return "idempotentRepository=#" + repository + "&idempotentKey=${file:name}"
                + "&readLockRemoveOnCommit=true&readLockRemoveOnRollback=true";
    }
}
