package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives the JSON webhooks posted to {@code /sandbox/webhooks/{name}} and keeps them with their signature
 * headers, so a demo or a test can see what was fanned out. A receiver can be told to answer with another status
 * ({@code PUT /sandbox/webhooks/{name}/status}) to exercise retries and dead letters.
 */
final class WebhookSink {

    private static final List<String> KEPT_HEADERS = List.of("X-Event-Id", "X-Event-Sequence", "X-Timestamp", "X-Signature",
            "Content-Type", "User-Agent");

    private final List<ObjectNode> received = new ArrayList<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();

    Reply receive(Call call) {
        String name = call.param("name");
        JsonNode body = call.json();
        int status = answers.getOrDefault(name, 200);
        ObjectNode event = Json.object();
        event.put("name", name);
        event.put("receivedAt", Instant.now().toString());
        event.put("answeredStatus", status);
        ObjectNode headers = event.putObject("headers");
        for (String header : KEPT_HEADERS) {
            String value = call.header(header);
            if (value != null) {
                headers.put(header, value);
            }
        }
        event.put("rawBody", call.bodyText());
        event.set("body", body);
        synchronized (received) {
            received.add(event);
        }
        return Reply.status(status);
    }

    Reply list(Call call) {
        String name = call.query("name");
        ArrayNode out = Json.array();
        synchronized (received) {
            for (ObjectNode event : received) {
                if (name == null || name.equals(event.get("name").asText())) {
                    out.add(event);
                }
            }
        }
        return Reply.ok(out);
    }

    Reply clear(Call call) {
        synchronized (received) {
            received.clear();
        }
        answers.clear();
        return Reply.status(204);
    }

    /** {@code {"status": 503}}: how this receiver answers from now on (200 to restore). */
    Reply setAnswer(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "webhook receiver status");
        Long status = Json.optLong(body, "status", "webhook receiver status");
        if (status == null || status < 200 || status > 599) {
            throw ApiError.badRequest("Field 'status' must be an HTTP status from 200 to 599.");
        }
        answers.put(call.param("name"), status.intValue());
        return Reply.status(204);
    }
}
