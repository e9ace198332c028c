package io.outboundsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Drives a sandbox's control endpoints (journal, scripted faults, webhook sink) and its API from tests. */
public final class SandboxControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private String token;

    public SandboxControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Single quotes in the text stand for double quotes. */
    public static String json(String text) {
        return text.replace('\'', '"');
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(json))));
    }

    public JsonNode put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(json))));
    }

    public void delete(String path) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** Scripts the next {@code times} requests under {@code path} to fail with {@code status}. */
    public void fail(String path, int status, int times, String retryAfter) {
        post("/sandbox/faults", "{'path':'" + path + "','status':" + status + ",'times':" + times
                + (retryAfter == null ? "" : ",'retryAfter':'" + retryAfter + "'") + "}");
    }

    /** Scripts the next {@code times} requests of one method under {@code path} to fail with {@code status}. */
    public void fail(String method, String path, int status, int times) {
        post("/sandbox/faults", "{'method':'" + method + "','path':'" + path + "','status':" + status + ",'times':"
                + times + "}");
    }

    /** The journal entries for paths starting with a prefix. */
    public List<JsonNode> journal(String pathPrefix) {
        List<JsonNode> entries = new ArrayList<>();
        get("/sandbox/journal?path=" + pathPrefix).forEach(entries::add);
        return entries;
    }

    /** An API client of its own (its own token), for racing the pipeline. */
    public SandboxControl login(String clientId, String secret) {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        token = answer.get("access_token").asText();
        return this;
    }

    private JsonNode send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
