package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.Settings;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.SandboxControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks from the pipeline to the sandbox's receivers, over real HTTP. */
class WebhookFanOutTest {

    @TempDir
    Path dataDir;

    private Pipeline start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("genesys.mode", "sandbox",
                "notify.cdp.secret", "cdp-shared-secret", "notify.retry.max-attempts", "3",
                "notify.retry.backoff-initial-ms", "100", "notify.retry.backoff-max-ms", "200"));
        settings.putAll(extra);
        return Pipeline.start(Settings.of(settings), Path.of("config"), dataDir, "test");
    }

    private static List<JsonNode> received(SandboxControl sandbox, String name) {
        List<JsonNode> events = new java.util.ArrayList<>();
        sandbox.get("/sandbox/webhooks?name=" + name).forEach(events::add);
        return events;
    }

    @Test
    void sendsASignedEnvelopeThatTheReceiverVerifies() {
        try (Pipeline pipeline = start(Map.of())) {
            SandboxControl sandbox = new SandboxControl(pipeline.connection().sandbox().baseUrl());

            String eventId = pipeline.notifier().publish("cdp", "contacts.synced",
                    Map.of("campaign", "demo", "uploaded", 42));

            await().atMost(Duration.ofSeconds(10)).until(() -> received(sandbox, "cdp").size() == 1);
            JsonNode event = received(sandbox, "cdp").get(0);
            JsonNode headers = event.get("headers");
            String raw = event.get("rawBody").asText();
            // the receiver's own check: HMAC-SHA256 of timestamp "." body with the shared secret
            assertThat(headers.get("X-Signature").asText())
                    .isEqualTo("sha256=" + Hmac.hex("cdp-shared-secret", headers.get("X-Timestamp").asText() + "." + raw));
            assertThat(headers.get("X-Event-Id").asText()).isEqualTo(eventId);
            JsonNode body = event.get("body");
            assertThat(body.get("eventId").asText()).isEqualTo(eventId);
            assertThat(body.get("type").asText()).isEqualTo("contacts.synced");
            assertThat(body.get("source").asText()).isEqualTo("outbound-sync");
            assertThat(body.get("occurredAt").asText()).endsWith("Z");
            assertThat(body.get("data").get("uploaded").asInt()).isEqualTo(42);
        }
    }

    @Test
    void deadLettersAnEventTheReceiverKeepsRefusingWithoutHoldingUpTheFlowAndResendsItLater() throws Exception {
        try (Pipeline pipeline = start(Map.of())) {
            SandboxControl sandbox = new SandboxControl(pipeline.connection().sandbox().baseUrl());
            sandbox.put("/sandbox/webhooks/wfm/status", "{'status':503}");

            long started = System.nanoTime();
            String eventId = pipeline.notifier().publish("wfm", "campaign.state.changed", Map.of("to", "off"));
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);

            Path letter = dataDir.resolve("dead-letter/webhooks/wfm-" + eventId + ".json");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(letter));
            assertThat(received(sandbox, "wfm")).hasSize(3).allMatch(e -> e.get("answeredStatus").asInt() == 503);
            JsonNode stored = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(letter));
            assertThat(stored.get("attempts").asInt()).isEqualTo(3);
            assertThat(stored.get("lastError").asText()).isEqualTo("HTTP 503");
            assertThat(Files.readString(letter)).doesNotContain("secret");

            sandbox.put("/sandbox/webhooks/wfm/status", "{'status':200}");
            Notifier.Resent resent = pipeline.notifier().resendDeadLetters();

            assertThat(resent).isEqualTo(new Notifier.Resent(1, 0));
            assertThat(Files.exists(letter)).isFalse();
            List<JsonNode> all = received(sandbox, "wfm");
            assertThat(all).hasSize(4);
            assertThat(all.get(3).get("answeredStatus").asInt()).isEqualTo(200);
            assertThat(all.get(3).get("body").get("eventId").asText()).isEqualTo(eventId);
        }
    }

    @Test
    void resendsDeadLettersWhenTheNextRunStarts() {
        String eventId;
        try (Pipeline first = start(Map.of())) {
            new SandboxControl(first.connection().sandbox().baseUrl()).put("/sandbox/webhooks/cdp/status",
                    "{'status':500}");
            eventId = first.notifier().publish("cdp", "contacts.synced", Map.of("uploaded", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(
                    dataDir.resolve("dead-letter/webhooks/cdp-" + eventId + ".json")));
            // the alerts receiver hears of it (the sandbox's sink; notify.alerts.url on a live org)
            SandboxControl sandbox = new SandboxControl(first.connection().sandbox().baseUrl());
            await().atMost(Duration.ofSeconds(10)).until(() -> !received(sandbox, "alerts").isEmpty());
            JsonNode alert = received(sandbox, "alerts").get(0).get("body");
            assertThat(alert.get("type").asText()).isEqualTo("alert.webhook_dead_lettered");
            assertThat(alert.get("data").get("receiver").asText()).isEqualTo("cdp");
            assertThat(alert.get("data").get("eventId").asText()).isEqualTo(eventId);
            assertThat(alert.get("data").get("type").asText()).isEqualTo("contacts.synced");
        }
        try (Pipeline second = start(Map.of())) {
            SandboxControl sandbox = new SandboxControl(second.connection().sandbox().baseUrl());
            // the event, once; and the first run's audit.checkpoint, dead-lettered too (the receiver answered 500)
            List<JsonNode> received = received(sandbox, "cdp");
            assertThat(received).extracting(r -> r.get("body").get("type").asText())
                    .containsExactlyInAnyOrder("contacts.synced", "audit.checkpoint");
            assertThat(received).filteredOn(r -> r.get("body").get("type").asText().equals("contacts.synced"))
                    .singleElement().satisfies(r -> assertThat(r.get("body").get("eventId").asText())
                            .isEqualTo(eventId));
            assertThat(dataDir.resolve("dead-letter/webhooks").toFile().list()).isEmpty();
        }
    }

    @Test
    void doesNotRetryAReceiverThatRefusesTheEventOutright() {
        try (Pipeline pipeline = start(Map.of())) {
            SandboxControl sandbox = new SandboxControl(pipeline.connection().sandbox().baseUrl());
            sandbox.put("/sandbox/webhooks/cdp/status", "{'status':400}");

            String eventId = pipeline.notifier().publish("cdp", "contacts.synced", Map.of());

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(
                    dataDir.resolve("dead-letter/webhooks/cdp-" + eventId + ".json")));
            assertThat(received(sandbox, "cdp")).hasSize(1);
        }
    }

    @Test
    void skipsAReceiverThatIsNotConfigured() {
        Notifier notifier = new Notifier(Map.of("cdp", new WebhookTarget("cdp", null, null)), () -> {
            throw new AssertionError("nothing may be sent");
        }, new DeadLetters(dataDir.resolve("dl"), java.time.Clock.systemUTC(), TestKeys.REDACTOR), null,
                java.time.Clock.systemUTC(), "test", TestKeys.REDACTOR, Duration.ZERO);

        assertThat(notifier.publish("cdp", "contacts.synced", Map.of())).isNull();
        assertThat(notifier.publish("cdp", "contacts.synced", Map.of())).isNull();
        assertThat(dataDir.resolve("dl")).doesNotExist();
    }
}
