package io.outboundsync.support;

/**
 * A JSON document with a field that is missing or wrong, said the way Genesys says it: a {@code code}
 * ({@code bad.request}, {@code invalid.value}) and a message naming the field and where it is.
 */
public final class InvalidJson extends IllegalArgumentException {

    private final String code;

    private InvalidJson(String code, String message) {
        super(message);
        this.code = code;
    }

    public static InvalidJson badRequest(String message) {
        return new InvalidJson("bad.request", message);
    }

    public static InvalidJson invalidValue(String message) {
        return new InvalidJson("invalid.value", message);
    }

    public String code() {
        return code;
    }
}
