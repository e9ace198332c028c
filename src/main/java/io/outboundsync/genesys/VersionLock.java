package io.outboundsync.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Read, change, {@code PUT} with the {@code version} just read; on a version conflict (409, or a 400 saying the
 * version does not match) read again, apply the change again and retry, a bounded number of times.
 */
public final class VersionLock {

    /** Thrown when the object kept changing under us. */
    public static final class ConflictException extends RuntimeException {
        public ConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int maxAttempts;

    public VersionLock(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param what   names the object in the failure message, e.g. "campaign 1234"
     * @param read   reads the current object (with its version)
     * @param change applies the change to a copy of what was read
     * @param put    sends the changed object; returns what the service stored
     */
    public ObjectNode update(String what, Supplier<ObjectNode> read, UnaryOperator<ObjectNode> change,
            Function<ObjectNode, ObjectNode> put) {
        GenesysApiException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            ObjectNode current = read.get();
            ObjectNode changed = change.apply(current.deepCopy());
            changed.set("version", current.get("version"));
            try {
                return put.apply(changed);
            } catch (GenesysApiException e) {
                if (!e.isVersionConflict()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new ConflictException("Could not update " + what + ": it was changed by someone else on each of "
                + maxAttempts + " attempts (read, change, PUT with the version read). Last answer: "
                + last.getMessage(), last);
    }
}
