package io.outboundsync.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans an outcome out to a webhook receiver without blocking the flow that raised it: the event
 * {@code {eventId, type, occurredAt, source, data}} is queued for the {@code notify-webhook} route, which signs,
 * sends, retries and finally dead-letters it. A receiver that is not configured is skipped with one log line.
 */
public final class Notifier {

    /** The fan-out route: an event to the receivers it names. */
    public static final String PUBLISH = "direct:notify-publish";
    /** The receivers of an event: {@code cdp}, {@code wfm}, or both, comma-separated. */
    static final String RECEIVERS = "NotifyReceivers";
    public static final String DELIVER = "direct:notify-deliver";
    static final String TARGET = "notify.target";
    static final String EVENT_ID = "notify.eventId";
    static final String DEAD_LETTER_FILE = "notify.deadLetterFile";
    static final String DELIVERED = "notify.delivered";

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, WebhookTarget> targets;
    private final Supplier<ProducerTemplate> template;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final String source;
    private final Redactor redactor;
    private final Set<String> warnedUnconfigured = ConcurrentHashMap.newKeySet();

    public Notifier(Map<String, WebhookTarget> targets, Supplier<ProducerTemplate> template, DeadLetters deadLetters,
            Clock clock, String source, Redactor redactor) {
        this.targets = Map.copyOf(targets);
        this.redactor = redactor;
        this.template = template;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.source = source;
    }

    public WebhookTarget target(String name) {
        WebhookTarget target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("No webhook target named " + name + " (known: " + targets.keySet() + ")");
        }
        return target;
    }

    /** Queues an event for a receiver; returns its id, or null when the receiver is not configured. */
    public String publish(String targetName, String type, Object data) {
        WebhookTarget target = target(targetName);
        if (!target.configured()) {
            if (warnedUnconfigured.add(targetName)) {
                LOG.info("Webhook {} is not configured (notify.{}.url); its events are skipped", targetName,
                        targetName);
            }
            return null;
        }
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId);
        event.put("type", type);
        event.put("occurredAt", Instant.now(clock).toString());
        event.put("source", source);
        event.set("data", redactor.scrub(JSON.valueToTree(data)));
        String body = event.toString();
        Exchange sent = template.get().send(PUBLISH, exchange -> {
            exchange.getIn().setHeader(RECEIVERS, targetName);
            exchange.setProperty(EVENT_ID, eventId);
            exchange.getIn().setBody(body);
        });
        if (sent.getException() != null) {
            deadLetters.write(targetName, eventId, body, 0, "not queued: " + sent.getException().getMessage());
        }
        return eventId;
    }

    /** The outcome of re-sending the dead letters. */
    public record Resent(int delivered, int failed) {
    }

    /** Re-sends every dead letter now, one by one; a delivered one is removed, a failed one kept and updated. */
    public Resent resendDeadLetters() {
        int delivered = 0;
        int failed = 0;
        for (DeadLetters.Letter letter : deadLetters.list()) {
            if (!targets.containsKey(letter.target()) || !targets.get(letter.target()).configured()) {
                LOG.warn("Dead letter {} is for webhook {}, which is not configured; kept", letter.file()
                        .getFileName(), letter.target());
                failed++;
                continue;
            }
            Exchange done = template.get().send(DELIVER, exchange -> {
                exchange.setProperty(TARGET, letter.target());
                exchange.setProperty(EVENT_ID, letter.eventId());
                exchange.setProperty(DEAD_LETTER_FILE, letter.file().toString());
                exchange.setProperty("notify.previousAttempts", letter.attempts());
                exchange.getIn().setBody(letter.body());
            });
            if (Boolean.TRUE.equals(done.getProperty(DELIVERED, Boolean.class))) {
                delivered++;
            } else {
                failed++;
            }
        }
        if (delivered + failed > 0) {
            LOG.info("Re-sent webhook dead letters: {} delivered, {} still failing", delivered, failed);
        }
        return new Resent(delivered, failed);
    }
}
