package io.outboundsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request to the emulator: method, path, path parameters, query parameters, headers and body. */
final class Call {

    final String method;
    final String path;
    final Map<String, List<String>> query;
    final Map<String, List<String>> headers;
    final byte[] body;
    Map<String, String> pathParams = Map.of();
    /** The client the bearer token was issued to; set once the token is checked. */
    String clientId;

    Call(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    String param(String name) {
        return pathParams.get(name);
    }

    String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a repeated or comma-joined query parameter ({@code id=a&id=b} or {@code id=a,b}). */
    List<String> queryList(String name) {
        List<String> values = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    boolean queryFlag(String name) {
        return queryFlag(name, false);
    }

    /** A true/false query parameter, or the given default when the request leaves it out. */
    boolean queryFlag(String name, boolean fallback) {
        String value = query(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest("Query parameter '" + name + "' must be true or false, not '"
                    + value + "'.");
        };
    }

    int queryInt(String name, int fallback, int min, int max) {
        String value = query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw ApiError.badRequest("Query parameter '" + name + "' must be between " + min + " and " + max
                        + ", not " + n + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Query parameter '" + name + "' must be a whole number, not '" + value + "'.");
        }
    }

    /**
     * The body's bytes when the request says they are JSON (or says nothing) and there are some; null otherwise
     * ({@link #json()} says what is wrong).
     */
    byte[] jsonBody() {
        String type = header("Content-Type");
        return body.length == 0 || type != null && !type.toLowerCase(Locale.ROOT).contains("json") ? null : body;
    }

    /** The body parsed as JSON; malformed JSON or a missing body is a 400, a body that is not JSON a 415. */
    JsonNode json() {
        String type = header("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiError(415, "unsupported.media.type", "Content type '" + type
                    + "' is not supported; send application/json.");
        }
        if (body.length == 0) {
            throw ApiError.badRequest("A JSON request body is required.");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw ApiError.badRequest("The request body could not be read: " + e.getMessage());
        }
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("The query string is not valid URL encoding: '" + s + "'.");
        }
    }
}
