package io.outboundsync.sandbox;

/**
 * An error the emulated service answers with, rendered as the Genesys {@code ErrorBody}
 * ({@code status}, {@code code}, {@code message}, {@code contextId}).
 */
final class ApiError extends RuntimeException {

    final int status;
    final String code;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad.request", message);
    }

    static ApiError invalidValue(String message) {
        return new ApiError(400, "invalid.value", message);
    }

    static ApiError notFound(String what, String id) {
        return new ApiError(404, "not.found", "The requested " + what + " " + id + " was not found.");
    }

    static ApiError versionConflict(String what, String id, long sent, long current) {
        return new ApiError(409, "conflict", "The version number of the modified resource must match the version"
                + " number in the database. " + what + " " + id + " is at version " + current + ", the request sent "
                + sent + ".");
    }
}
