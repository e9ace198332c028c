package io.outboundsync.notify;

import io.outboundsync.genesys.RetryPolicy;
import io.outboundsync.support.HttpFailures;
import io.outboundsync.support.Redelivery;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code notify-deliver} route and its route configuration {@code notify-errors}: sign and send
 * each attempt, decide on retries (5xx, 429 and I/O errors, with backoff), and write the dead letter once they are
 * exhausted, so the flow that raised the event is never held up or failed by a receiver.
 */
public final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private final Notifier notifier;
    private final DeadLetters deadLetters;
    private final Redelivery redelivery;
    private final Clock clock;

    public WebhookDelivery(Notifier notifier, DeadLetters deadLetters, RetryPolicy policy, Clock clock) {
        this.notifier = notifier;
        this.deadLetters = deadLetters;
        this.redelivery = new Redelivery("notify", policy);
        this.clock = clock;
    }

    /** First attempt: where to, and the signed headers. */
    public void prepare(Exchange exchange) {
        redelivery.start(exchange);
        WebhookTarget target = notifier.target(exchange.getProperty(Notifier.TARGET, String.class));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getIn().setHeader(Exchange.HTTP_URI, target.url());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader("X-Event-Id", exchange.getProperty(Notifier.EVENT_ID, String.class));
        sign(exchange, target);
    }

    private void sign(Exchange exchange, WebhookTarget target) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        exchange.getIn().setHeader("X-Timestamp", timestamp);
        exchange.getIn().setHeader("X-Signature", WebhookSigner.sign(target.secret(), timestamp,
                exchange.getIn().getBody(String.class)));
    }

    public void delivered(Exchange exchange) {
        exchange.setProperty(Notifier.DELIVERED, true);
        String file = exchange.getProperty(Notifier.DEAD_LETTER_FILE, String.class);
        if (file != null) {
            deadLetters.delete(Path.of(file));
        }
    }

    public Processor onFailure() {
        return exchange -> redelivery.decide(exchange, true);
    }

    public boolean shouldRetry(Exchange exchange) {
        return redelivery.shouldRetry(exchange);
    }

    public Processor onRedelivery() {
        return exchange -> {
            redelivery.next(exchange);
            sign(exchange, notifier.target(exchange.getProperty(Notifier.TARGET, String.class)));
        };
    }

    /** The attempts are exhausted: keep the event as a dead letter and let the flow carry on. */
    public void deadLetter(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String target = exchange.getProperty(Notifier.TARGET, String.class);
        String eventId = exchange.getProperty(Notifier.EVENT_ID, String.class);
        int attempts = redelivery.attempts(exchange) + exchange.getProperty("notify.previousAttempts", 0,
                Integer.class);
        int status = HttpFailures.status(failure);
        String error = status != 0 ? "HTTP " + status : String.valueOf(failure);
        Path file = deadLetters.write(target, eventId, exchange.getIn().getBody(String.class), attempts, error);
        exchange.setProperty(Notifier.DELIVERED, false);
        LOG.warn("Webhook {} event {} not delivered after {} attempts ({}); kept as {}", target, eventId, attempts,
                error, file.getFileName());
    }

    /** The receiver's queue is full (it has been down for long): the event goes to the dead letters at once. */
    public void notQueued(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String target = exchange.getProperty(Notifier.TARGET, String.class);
        String eventId = exchange.getProperty(Notifier.EVENT_ID, String.class);
        Path file = deadLetters.write(target, eventId, exchange.getIn().getBody(String.class), 0, "not queued: "
                + (failure == null ? "queue full" : failure.getMessage()));
        LOG.warn("Webhook {} event {} not queued (the queue is full); kept as {}", target, eventId,
                file.getFileName());
    }
}
