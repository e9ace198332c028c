package io.outboundsync.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.support.Causes;
import io.outboundsync.support.HttpFailures;
import io.outboundsync.support.RetryPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The one way this project calls Genesys: every request goes through the {@code genesys-call} route (shared budget,
 * token, Retry-After, backoff) and comes back as JSON or as a {@link GenesysApiException} an operator can act on.
 */
public final class GenesysClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GenesysClient.class);

    public static final String ENDPOINT = "direct:genesys-call";
    static final ObjectMapper JSON = new ObjectMapper();

    private final java.util.function.Supplier<ProducerTemplate> template;
    private final GenesysCalls calls;

    /** @param template the producer template, looked up per call (Camel starts after the beans are made) */
    public GenesysClient(java.util.function.Supplier<ProducerTemplate> template, GenesysCalls calls) {
        this.template = template;
        this.calls = calls;
    }

    public JsonNode get(String path) {
        return call("GET", path, Map.of(), null);
    }

    /** The object at a path, or null when Genesys answers 404 (deleted, or never there). */
    public JsonNode getOrNull(String path) {
        try {
            return get(path);
        } catch (GenesysApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public JsonNode get(String path, Map<String, ?> query) {
        return call("GET", path, query, null);
    }

    public JsonNode post(String path, Object body) {
        return call("POST", path, Map.of(), body);
    }

    public JsonNode post(String path, Map<String, ?> query, Object body) {
        return call("POST", path, query, body);
    }

    public JsonNode put(String path, Object body) {
        return call("PUT", path, Map.of(), body);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, Map.of(), null);
    }

    /**
     * The object of a collection ({@code /api/v2/outbound/rulesets}, {@code /api/v2/routing/queues}…) whose name is
     * exactly {@code name}, or null. The service's {@code name} query matches parts of names, so every page of
     * matches is read and the exact one kept.
     */
    public JsonNode findByName(String collection, String name) {
        for (int page = 1; ; page++) {
            JsonNode listing = get(collection, Map.of("name", name, "pageSize", 100, "pageNumber", page));
            for (JsonNode entity : listing.path("entities")) {
                if (name.equals(entity.path("name").asText())) {
                    return entity;
                }
            }
            if (page >= listing.path("pageCount").asInt(1)) {
                return null;
            }
        }
    }

    /**
     * A {@code POST} whose answer is not needed, so not parsed: adding a thousand contacts answers with all of
     * them, and reading that back would cost more than writing the request.
     */
    public void postIgnoringAnswer(String path, Object body) {
        send("POST", path, Map.of(), body);
    }

    /** {@link #postIgnoringAnswer(String, Object)} with query parameters. */
    public void postIgnoringAnswer(String path, Map<String, ?> query, Object body) {
        send("POST", path, query, body);
    }

    /**
     * Creates a named object ({@code POST} to its collection) once. A POST whose answer never came (no answer, 502,
     * 503, 504) may have been carried out, and a second one would fail on the duplicate name (or make a twin), so
     * before it is sent again the object is looked up by name: found, it is the one the lost POST made; not found,
     * the POST goes again, after the policy's backoff, up to its attempts. Anything else fails as for any call.
     */
    public JsonNode create(String collection, String name, Object body) {
        RetryPolicy policy = calls.policy();
        for (int attempt = 1; ; attempt++) {
            try {
                return answer("POST", collection, send("POST", collection, Map.of(), body, true));
            } catch (GenesysApiException e) {
                boolean unknown = !e.circuitOpen() && (e.status() == 0 || e.status() == 502 || e.status() == 503
                        || e.status() == 504);
                if (!unknown || attempt >= policy.limits().maxAttempts()) {
                    throw e;
                }
                JsonNode made = findByName(collection, name);
                if (made != null) {
                    LOG.warn("Genesys made '{}' ({}) though the answer to its creation was lost ({}); it is"
                            + " taken as made, not posted again", name, made.path("id").asText(), e.status() == 0
                                    ? "no answer" : "answered " + e.status());
                    return get(collection + "/" + made.path("id").asText());
                }
                try {
                    Thread.sleep(policy.backoff(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Sends one request; the answer's JSON (null for an empty answer). */
    public JsonNode call(String method, String path, Map<String, ?> query, Object body) {
        return answer(method, path, send(method, path, query, body));
    }

    private JsonNode answer(String method, String path, Exchange done) {
        String answer = done.getMessage().getBody(String.class);
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new GenesysApiException(method, path, done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE,
                    200, Integer.class), new ErrorBody(null, "unreadable.response", "the answer is not JSON", null,
                    null, null), calls.answeredAttempts(done), e);
        }
    }

    /** Sends one request through the Genesys route; a failure becomes a {@link GenesysApiException}. */
    private Exchange send(String method, String path, Map<String, ?> query, Object body) {
        return send(method, path, query, body, false);
    }

    private Exchange send(String method, String path, Map<String, ?> query, Object body, boolean create) {
        String json = body == null ? null : body instanceof String s ? s : write(body);
        Exchange done = template.get().send(ENDPOINT, exchange -> {
            if (create) {
                exchange.getIn().setHeader(GenesysCalls.CREATE, "true");
            }
            exchange.getIn().setHeader(GenesysCalls.METHOD, method);
            exchange.getIn().setHeader(GenesysCalls.PATH, path);
            exchange.getIn().setHeader(GenesysCalls.QUERY, query(query));
            exchange.getIn().setBody(json);
        });
        Exception failure = done.getException();
        if (failure != null) {
            throw failure(method, path, failure, calls.failedAttempts(done));
        }
        return done;
    }

    /** A failed call of the Genesys route (an error answer after its retries, or no answer) as an operator reads it. */
    public static GenesysApiException failure(String method, String path, Throwable failure, int attempts) {
        HttpOperationFailedException http = HttpFailures.find(failure, HttpOperationFailedException.class);
        int status = http == null ? 0 : http.getStatusCode();
        return new GenesysApiException(method, path, status, http == null ? null : errorBody(http), attempts,
                http == null ? Causes.root(failure) : null);
    }

    private static ErrorBody errorBody(HttpOperationFailedException http) {
        String body = http.getResponseBody();
        if (body != null && !body.isBlank()) {
            try {
                ErrorBody parsed = JSON.readValue(body, ErrorBody.class);
                if (parsed.text() != null || parsed.code() != null) {
                    return parsed;
                }
            } catch (JsonProcessingException notAnErrorBody) {
                // fall through: report the status text
            }
        }
        return new ErrorBody(http.getStatusCode(), null, http.getStatusText(), null, null, null);
    }

    static String query(Map<String, ?> query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> {
            Iterable<?> values = value instanceof Iterable<?> many ? many : java.util.List.of(value);
            for (Object v : values) {
                joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write request body as JSON", e);
        }
    }
}
