package io.outboundsync.genesys;

/**
 * A Genesys call that failed for good: the request, the status and what the service said ({@code ErrorBody}), in a
 * message an operator can act on. Never carries a token or a credential.
 */
public final class GenesysApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String contextId;
    private final int attempts;
    private final String serviceMessage;
    private final String errorKind;

    public GenesysApiException(String method, String path, int status, ErrorBody error, int attempts,
            Throwable cause) {
        super(describe(method, path, status, error, attempts, cause), cause);
        this.serviceMessage = error == null ? null : error.text();
        this.errorKind = error == null ? status + ": no error body" : error.kind();
        this.status = status;
        this.code = error == null ? null : error.code();
        this.contextId = error == null ? null : error.contextId();
        this.attempts = attempts;
    }

    /** True when the call was not sent because the circuit breaker is open (Genesys is failing). */
    public boolean circuitOpen() {
        return getCause() instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException;
    }

    /** The HTTP status, or 0 when no answer came (connection failed, timed out or was closed). */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String contextId() {
        return contextId;
    }

    public int attempts() {
        return attempts;
    }

    /** What the service said ({@code ErrorBody.message}), or null. */
    public String serviceMessage() {
        return serviceMessage;
    }

    /**
     * What kind of refusal this is ({@link ErrorBody#kind()}: the code and the message's template): equal for two
     * refusals of the same kind whatever their values.
     */
    public String errorKind() {
        return errorKind;
    }

    /** True for a version conflict: 409, or a 400 saying the version does not match. */
    public boolean isVersionConflict() {
        return status == 409 || (status == 400 && getMessage() != null
                && getMessage().toLowerCase(java.util.Locale.ROOT).contains("does not match the current version"));
    }

    private static String describe(String method, String path, int status, ErrorBody error, int attempts,
            Throwable cause) {
        StringBuilder message = new StringBuilder("Genesys ");
        if (cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
            return message.append("is failing: the circuit breaker is open after repeated 5xx answers or calls with"
                    + " no answer, so ").append(method).append(' ').append(path).append(" was not sent; calls resume"
                    + " with probes after genesys.circuit.open-seconds").toString();
        }
        if (status == 0) {
            message.append("did not answer ").append(method).append(' ').append(path);
            if (cause != null) {
                message.append(" (").append(cause.getClass().getSimpleName());
                if (cause.getMessage() != null) {
                    message.append(": ").append(cause.getMessage());
                }
                message.append(')');
            }
        } else {
            message.append("answered ").append(status);
            if (error != null && error.code() != null) {
                message.append(' ').append(error.code());
            }
            message.append(" to ").append(method).append(' ').append(path);
            if (error != null && error.text() != null) {
                message.append(": ").append(error.text());
            }
        }
        if (attempts > 1) {
            message.append(" (gave up after ").append(attempts).append(" attempts)");
        }
        if (error != null && error.contextId() != null) {
            message.append(" [contextId ").append(error.contextId()).append(']');
        }
        message.append(hint(status));
        return message.toString();
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> ". Check GENESYS_CLIENT_ID / GENESYS_CLIENT_SECRET and that the OAuth client is active.";
            case 403 -> ". The OAuth client's role lacks a permission this call needs.";
            case 404 -> ". The object may have been deleted in Genesys; the next sync recreates what this project"
                    + " manages.";
            case 429 -> ". Genesys kept rate limiting; lower genesys.rate-limit.requests-per-minute.";
            default -> ".";
        };
    }
}
