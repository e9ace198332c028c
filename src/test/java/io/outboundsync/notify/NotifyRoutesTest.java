package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.observe.Alerts;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import io.outboundsync.support.RetryPolicy;
import io.outboundsync.testing.SandboxControl;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out of {@code routes/notify.camel.yaml}, booted with Camel's test kit: an event reaches each receiver it
 * names, signed, over real HTTP to the sandbox's webhook receivers on loopback, from each receiver's outbox.
 */
class NotifyRoutesTest extends CamelTestSupport {

    @TempDir
    static Path root;

    private static GenesysSandbox sandbox;
    private static SandboxControl control;
    private Path dir;
    private Notifier notifier;
    private WebhookOutbox outbox;

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
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("pipeline.data-dir", dir().toString());
        properties.put("notify.poll-ms", "50");
        properties.put("notify.dead-letters.retry-ms", "200");
        return properties;
    }

    private Path dir() {
        if (dir == null) {
            dir = root.resolve(java.util.UUID.randomUUID().toString());
        }
        return dir;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        Clock clock = Clock.systemUTC();
        DeadLetters deadLetters = new DeadLetters(dir().resolve("dead-letter"), clock, TestKeys.REDACTOR);
        outbox = new WebhookOutbox(dir().resolve("outbox"), deadLetters, clock);
        Map<String, WebhookTarget> targets = Map.of(
                "cdp", new WebhookTarget("cdp", sandbox.baseUrl() + "/sandbox/webhooks/cdp", "cdp-secret"),
                "wfm", new WebhookTarget("wfm", sandbox.baseUrl() + "/sandbox/webhooks/wfm", "wfm-secret"),
                "alerts", new WebhookTarget("alerts", sandbox.baseUrl() + "/sandbox/webhooks/alerts",
                        "alerts-secret"));
        notifier = new Notifier(targets, () -> template, deadLetters, outbox, clock, "test", TestKeys.REDACTOR,
                Duration.ofSeconds(10));
        WebhookDelivery delivery = new WebhookDelivery(notifier, deadLetters, outbox, RetryPolicy.forWebhooks(
                new RetryPolicy.Limits(2, 10, 20, 2, 10, 20)), clock);
        registry.bind("webhookDelivery", delivery);
        registry.bind("webhookOutbox", outbox);
        registry.bind("webhookSendable", (GenericFileFilter<Object>) file -> file.isDirectory()
                || outbox.sendable(Path.of(file.getAbsoluteFilePath()).getParent().getFileName().toString()));
        registry.bind("meters", meters);
        registry.bind("alerts", new Alerts(notifier, meters::alert));
        registry.bind("webhookOnFailure", delivery.onFailure());
        registry.bind("webhookOnRedelivery", delivery.onRedelivery());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("notify.camel.yaml", "notify-redeliver.camel.yaml");
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
        NotifyBuilder delivered = new NotifyBuilder(context).fromRoute("notify-sender-*").whenDone(3).create();

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
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.backlog() == 0);
    }

    @Test
    void eventsWaitOnDiskWhileNoSenderRunsAndLeaveInTheOrderTheyWerePublished() throws Exception {
        context.getRouteController().stopRoute("notify-sender-wfm");
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        // a receiver down for long: nothing bounds its queue, and publishing never waits for it
        for (int i = 0; i < 300; i++) {
            ids.add(notifier.publish("wfm", "campaign.state.changed", Map.of("n", i)));
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().hasSize(300);
        assertThat(outbox.backlog()).isEqualTo(300);
        assertThat(Files.list(dir().resolve("outbox/wfm")).count()).isEqualTo(300);
        assertThat(tookMs).as("300 events queued in %d ms", tookMs).isLessThan(10_000);

        context.getRouteController().startRoute("notify-sender-wfm");
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.backlog() == 0);
        List<String> arrived = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        control.get("/sandbox/webhooks?name=wfm").forEach(e -> {
            if (ids.contains(e.path("headers").path("X-Event-Id").asText())) {
                arrived.add(e.path("headers").path("X-Event-Id").asText());
                sequences.add(e.path("headers").path("X-Event-Sequence").asLong());
            }
        });
        assertThat(arrived).containsExactlyElementsOf(ids);
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
    }
}
