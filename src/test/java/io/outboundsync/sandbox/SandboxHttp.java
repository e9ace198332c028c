package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for tests: real requests on loopback to a sandbox, JSON in and out. */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String code() {
            return body == null ? null : body.path("code").asText(null);
        }

        String message() {
            return body == null ? null : body.path("message").asText(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private String token;

    SandboxHttp(GenesysSandbox sandbox) {
        this.baseUrl = sandbox.baseUrl();
        this.clientId = sandbox.settings().clientId();
        this.clientSecret = sandbox.settings().clientSecret();
    }

    /** Takes a token with the sandbox's credentials. */
    SandboxHttp login() {
        Response response = tokenRequest(clientId, clientSecret, "grant_type=client_credentials");
        if (response.status != 200) {
            throw new IllegalStateException("login failed: " + response.raw.body());
        }
        token = response.body.get("access_token").asText();
        return this;
    }

    String token() {
        return token;
    }

    void useToken(String value) {
        token = value;
    }

    Response tokenRequest(String clientId, String secret, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (clientId != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    Response get(String path) {
        return send(builder(path).GET());
    }

    Response delete(String path) {
        return send(builder(path).DELETE());
    }

    Response post(String path, Object body) {
        return send(builder(path).POST(body(body)));
    }

    Response put(String path, Object body) {
        return send(builder(path).PUT(body(body)));
    }

    Response patch(String path, Object body) {
        return send(builder(path).method("PATCH", body(body)));
    }

    /** A raw body with a given content type, for malformed-input tests. */
    Response postRaw(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends and lets an I/O failure (a dropped connection) through as an exception. */
    HttpResponse<String> sendRaw(String path) throws IOException, InterruptedException {
        return client.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * One GET on its own connection ({@code Connection: close}), with no retry of any kind: the raw response
     * text, or null when the server closed the connection without answering. (java.net.http retries an idempotent
     * request once when a pooled connection closes, which would hide a dropped request.)
     */
    String rawGet(String path) throws IOException {
        URI uri = URI.create(baseUrl);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            return answer.length == 0 ? null : new String(answer, StandardCharsets.UTF_8);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            if (built.bodyPublisher().isPresent() && built.headers().firstValue("Content-Type").isEmpty()) {
                built = HttpRequest.newBuilder(built, (n, v) -> true).header("Content-Type", "application/json")
                        .build();
            }
            HttpResponse<String> raw = client.send(built, HttpResponse.BodyHandlers.ofString());
            JsonNode body = raw.body().isEmpty() ? null : JSON.readTree(raw.body());
            return new Response(raw.statusCode(), raw, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- small builders for request bodies

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
