package io.outboundsync.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.camel.http.base.HttpOperationFailedException;

/** What a failed HTTP attempt said: its status (0 when no answer came) and its headers, looked up case-insensitively. */
public final class HttpFailures {

    private HttpFailures() {
    }

    public static int status(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        return http == null ? 0 : http.getStatusCode();
    }

    public static Function<String, String> headers(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http == null || http.getResponseHeaders() == null) {
            return name -> null;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(http.getResponseHeaders());
        return headers::get;
    }

    /** The first throwable of a type in the cause chain, or null ({@link Causes#find}). */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        return Causes.find(failure, type);
    }
}
