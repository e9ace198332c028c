package io.outboundsync.sandbox;

/**
 * An error the emulated service answers with, rendered as the Genesys {@code ErrorBody} ({@code status},
 * {@code code}, {@code message}, {@code messageWithParams}, {@code messageParams}, {@code contextId}). As the service
 * does, {@code messageWithParams} is the message with its variable parts as {@code {name}} placeholders and
 * {@code messageParams} their values; an error without variable parts has the message there and no params.
 */
final class ApiError extends RuntimeException {

    final int status;
    final String code;
    final String messageWithParams;
    final java.util.Map<String, String> messageParams;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.messageWithParams = message;
        this.messageParams = java.util.Map.of();
    }

    private ApiError(int status, String code, String template, java.util.Map<String, String> params) {
        super(fill(template, params));
        this.status = status;
        this.code = code;
        this.messageWithParams = template;
        this.messageParams = java.util.Map.copyOf(params);
    }

    /** An error whose message has variable parts: {@code "... list {listId} ..."} and the values. */
    static ApiError withParams(int status, String code, String template, java.util.Map<String, String> params) {
        return new ApiError(status, code, template, params);
    }

    private static String fill(String template, java.util.Map<String, String> params) {
        String message = template;
        for (java.util.Map.Entry<String, String> param : params.entrySet()) {
            message = message.replace("{" + param.getKey() + "}", param.getValue());
        }
        return message;
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
