package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.genesys.RetryPolicy;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import io.outboundsync.testing.SandboxControl;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out of {@code routes/notify.camel.yaml}, booted with Camel's test kit: an event reaches each receiver it
 * names, signed, over real HTTP to the sandbox's webhook receivers on loopback.
 */
class NotifyRoutesTest extends CamelTestSupport {

    @TempDir
    static Path dir;

    private static GenesysSandbox sandbox;
    private static SandboxControl control;
    private Notifier notifier;

    @BeforeAll
    static void startReceivers() {
        sandbox = GenesysSandbox.start(SandboxSettings.defaults(), Clock.systemUTC());
        control = new SandboxControl(sandbox.baseUrl());
    }

    @AfterAll
    static void stopReceivers() {
        sandbox.close();
    }

    /** The meters the routes count into (io.outboundsync.observe.Meters). */
    private final io.outboundsync.observe.Meters meters = io.outboundsync.observe.Meters.none();

    @Override
    protected void bindToRegistry(Registry registry) {
        Clock clock = Clock.systemUTC();
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), clock, TestKeys.REDACTOR);
        Map<String, WebhookTarget> targets = Map.of(
                "cdp", new WebhookTarget("cdp", sandbox.baseUrl() + "/sandbox/webhooks/cdp", "cdp-secret"),
                "wfm", new WebhookTarget("wfm", sandbox.baseUrl() + "/sandbox/webhooks/wfm", "wfm-secret"),
                "alerts", new WebhookTarget("alerts", sandbox.baseUrl() + "/sandbox/webhooks/alerts",
                        "alerts-secret"));
        notifier = new Notifier(targets, () -> template, deadLetters, clock, "test", TestKeys.REDACTOR);
        WebhookDelivery delivery = new WebhookDelivery(notifier, deadLetters, RetryPolicy.forWebhooks(
                new RetryPolicy.Limits(2, 10, 20, 2, 10, 20)), clock);
        registry.bind("webhookDelivery", delivery);
        registry.bind("meters", meters);
        registry.bind("alerts", new Alerts(notifier, meters::alert));
        registry.bind("webhookOnFailure", delivery.onFailure());
        registry.bind("webhookOnRedelivery", delivery.onRedelivery());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("notify.camel.yaml");
    }

    private static List<JsonNode> received(String name, String eventId) {
        List<JsonNode> events = new ArrayList<>();
        control.get("/sandbox/webhooks?name=" + name).forEach(e -> {
            if (eventId.equals(e.path("headers").path("X-Event-Id").asText())) {
                events.add(e);
            }
        });
        return events;
    }

    @Test
    void anEventReachesEveryReceiverItNamesAndNoOther() {
        NotifyBuilder delivered = new NotifyBuilder(context).fromRoute("notify-webhook").whenDone(3).create();

        template.send(Notifier.PUBLISH, exchange -> {
            exchange.getIn().setHeader("NotifyReceivers", "cdp,wfm");
            exchange.setProperty("notify.eventId", "both-1");
            exchange.getIn().setBody("{\"eventId\":\"both-1\",\"type\":\"test.both\"}");
        });
        String cdpOnly = notifier.publish("cdp", "contacts.synced", Map.of("uploaded", 1));

        assertThat(delivered.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(received("cdp", "both-1")).hasSize(1);
        assertThat(received("wfm", "both-1")).hasSize(1);
        assertThat(received("cdp", cdpOnly)).singleElement().satisfies(e ->
                assertThat(e.path("headers").path("X-Signature").asText()).isNotBlank());
        assertThat(received("wfm", cdpOnly)).isEmpty();
        // counted per receiver by the route's meter steps
        assertThat(meters.registry().get("outboundsync.webhooks.deliveries").tags("receiver", "cdp", "outcome",
                "delivered").counter().count()).isEqualTo(2);
        assertThat(meters.registry().get("outboundsync.webhooks.deliveries").tags("receiver", "wfm", "outcome",
                "delivered").counter().count()).isEqualTo(1);
    }

    @Test
    void anEventThatFindsItsQueueFullIsADeadLetterAtOnceAndThePublisherGoesOn() throws Exception {
        context.getRouteController().stopRoute("notify-webhook");
        DeadLetters letters = new DeadLetters(dir.resolve("dead-letter"), Clock.systemUTC(), TestKeys.REDACTOR);
        int before = letters.list().size();
        List<String> ids = new ArrayList<>();
        // the queue holds 1000 events while no sender takes them (a receiver down for long)
        for (int i = 0; i < 1001; i++) {
            ids.add(notifier.publish("wfm", "campaign.state.changed", Map.of("n", i)));
        }

        assertThat(ids).doesNotContainNull().hasSize(1001);
        assertThat(io.outboundsync.observe.WebhookBacklog.of(context)).isEqualTo(1000);
        assertThat(letters.list()).hasSize(before + 1).last().satisfies(letter -> {
            assertThat(letter.eventId()).isEqualTo(ids.get(1000));
            assertThat(letter.lastError()).startsWith("not queued: ");
        });
        assertThat(meters.registry().get("outboundsync.webhooks.deliveries").tags("receiver", "wfm", "outcome",
                "not_queued").counter().count()).isEqualTo(1);
    }
}
