package io.outboundsync.genesys;

/**
 * What the Genesys calls tell the process's meters ({@code observe.Meters} is one): a listener, so this floor names
 * nothing above it.
 */
public interface CallMeter {

    /** Counts nothing (a test, a command without meters). */
    CallMeter NONE = new CallMeter() {
    };

    /** An answer from Genesys (its status), or none (0: refused, timed out, closed). */
    default void genesysAnswer(int status) {
    }

    /** A Genesys call tried again. */
    default void genesysRetry() {
    }

    /** A Genesys call refused at once because the circuit is open. */
    default void genesysRefusedByCircuit() {
    }

    /** Time a Genesys call waited for the request budget. */
    default void budgetWaited(long millis) {
    }
}
