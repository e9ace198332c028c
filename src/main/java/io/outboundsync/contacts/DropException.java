package io.outboundsync.contacts;

/** A drop file that cannot be read (further): the message says why and, when known, from which row. */
public final class DropException extends RuntimeException {
    public DropException(String message) {
        super(message);
    }

    public DropException(String message, Throwable cause) {
        super(message, cause);
    }
}
