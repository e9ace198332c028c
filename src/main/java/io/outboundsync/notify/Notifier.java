package io.outboundsync.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
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
 * {@code {eventId, type, occurredAt, source, data}} is written to the receiver's outbox ({@link WebhookOutbox}) by
 * the {@code notify-publish} route; the receiver's {@code notify-sender} route signs, sends, retries and finally
 * dead-letters it. A receiver that is not configured is skipped with one log line.
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
    static final String OUTBOX_FILE = "notify.outboxFile";
    static final String SEQUENCE = "notify.sequence";
    static final String PROBE = "notify.probe";
    static final String DELIVERED = "notify.delivered";
    /** One pass over the held receivers: a probe of each one's oldest dead letter. */
    public static final String REDELIVER = "direct:notify-redeliver";

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, WebhookTarget> targets;
    private final Supplier<ProducerTemplate> template;
    private final DeadLetters deadLetters;
    private final WebhookOutbox outbox;
    private final Clock clock;
    private final String source;
    private final Redactor redactor;
    private final Duration flushTimeout;
    private final Set<String> warnedUnconfigured = ConcurrentHashMap.newKeySet();

    public Notifier(Map<String, WebhookTarget> targets, Supplier<ProducerTemplate> template, DeadLetters deadLetters,
            WebhookOutbox outbox, Clock clock, String source, Redactor redactor, Duration flushTimeout) {
        this.flushTimeout = flushTimeout;
        this.targets = Map.copyOf(targets);
        this.redactor = redactor;
        this.template = template;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
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
            LOG.error("Webhook {} event {} ({}) could not be published: {}", targetName, eventId, type,
                    sent.getException().getMessage());
            return null;
        }
        return eventId;
    }

    /** The outcome of re-sending the dead letters. */
    public record Resent(int delivered, int failed) {
    }

    /**
     * Re-sends the dead letters now: one probe of each receiver's oldest ({@code notify-redeliver}); a receiver that
     * takes it gets its other dead letters back in its outbox, and this waits (up to {@code notify.flush-timeout-ms})
     * until they are delivered or the receiver fails again.
     */
    public Resent resendDeadLetters() {
        Duration timeout = flushTimeout;
        Map<String, Set<String>> waiting = new java.util.TreeMap<>();
        for (DeadLetters.Letter letter : deadLetters.list()) {
            waiting.computeIfAbsent(letter.target(), t -> new java.util.HashSet<>()).add(letter.eventId());
        }
        if (waiting.isEmpty()) {
            return new Resent(0, 0);
        }
        for (String target : waiting.keySet()) {
            if (!targets.containsKey(target) || !targets.get(target).configured()) {
                LOG.warn("{} dead letters are for webhook {}, which is not configured; kept", waiting.get(target)
                        .size(), target);
            }
        }
        template.get().sendBody(REDELIVER, null);
        outbox.awaitIdle(waiting.keySet(), timeout);
        int delivered = 0;
        int failed = 0;
        for (Map.Entry<String, Set<String>> entry : waiting.entrySet()) {
            Set<String> left = new java.util.HashSet<>(outbox.queuedIds(entry.getKey()));
            deadLetters.of(entry.getKey()).forEach(l -> left.add(l.eventId()));
            for (String eventId : entry.getValue()) {
                if (left.contains(eventId)) {
                    failed++;
                } else {
                    delivered++;
                }
            }
        }
        LOG.info("Re-sent webhook dead letters: {} delivered, {} still failing", delivered, failed);
        return new Resent(delivered, failed);
    }

    /**
     * Waits (up to {@code notify.flush-timeout-ms}) until every configured receiver has taken its queued events or
     * is held behind a dead letter: a one-shot run hands its last events over before it stops. What is left stays in
     * the outbox for the next start.
     */
    public boolean flush() {
        boolean idle = outbox.awaitIdle(configuredTargets(), flushTimeout);
        if (!idle) {
            LOG.warn("{} webhook events are still queued after {} s; they are sent when the process starts again",
                    outbox.backlog(), flushTimeout.toSeconds());
        }
        return idle;
    }

    /** The configured receivers. */
    public Set<String> configuredTargets() {
        Set<String> configured = new java.util.TreeSet<>();
        targets.forEach((name, target) -> {
            if (target.configured()) {
                configured.add(name);
            }
        });
        return configured;
    }
}
