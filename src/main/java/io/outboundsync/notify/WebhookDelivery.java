package io.outboundsync.notify;

import io.outboundsync.support.HttpFailures;
import io.outboundsync.support.Redelivery;
import io.outboundsync.support.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code notify-sender} and {@code notify-deliver} routes and their route configuration
 * {@code notify-errors}: read an event of a receiver's outbox, sign and send each attempt, decide on retries (5xx,
 * 429 and I/O errors, with backoff), and move the event to the dead letters once they are exhausted (holding the
 * receiver's later events behind it, see {@link WebhookOutbox}), so the flow that raised the event is never held up
 * or failed by a receiver.
 */
public final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private final Notifier notifier;
    private final DeadLetters deadLetters;
    private final WebhookOutbox outbox;
    private final Redelivery redelivery;
    private final Clock clock;

    public WebhookDelivery(Notifier notifier, DeadLetters deadLetters, WebhookOutbox outbox, RetryPolicy policy,
            Clock clock) {
        this.notifier = notifier;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.redelivery = new Redelivery("notify", policy);
        this.clock = clock;
    }

    /** {@code notify-sender}: the event of an outbox file (the file consumer's body) becomes the message. */
    public void open(Exchange exchange) {
        Path file = Path.of(exchange.getIn().getHeader("CamelFileAbsolutePath", String.class));
        take(exchange, DeadLetters.read(file));
        exchange.setProperty(Notifier.OUTBOX_FILE, file.toString());
    }

    /**
     * An outbox file that is not an event (edited by hand, cut short by a full disk): moved to the dead letters'
     * {@code unreadable/} folder, so it neither holds its receiver nor is lost.
     */
    public void unreadable(Exchange exchange) {
        Path file = Path.of(exchange.getIn().getHeader("CamelFileAbsolutePath", String.class));
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Path aside = deadLetters.setAside(file);
        LOG.error("Webhook outbox file {} is not an event ({}); moved to {}", file.getFileName(),
                failure == null ? "unreadable" : failure.getMessage(), aside);
    }

    /** {@code notify-redeliver}: one attempt at a receiver's oldest dead letter. */
    public void probe(Exchange exchange) {
        DeadLetters.Letter letter = exchange.getIn().getBody(DeadLetters.Letter.class);
        take(exchange, letter);
        exchange.setProperty(Notifier.DEAD_LETTER_FILE, letter.file().toString());
        exchange.setProperty(Notifier.PROBE, true);
    }

    private static void take(Exchange exchange, DeadLetters.Letter letter) {
        if (letter == null) {
            throw new IllegalStateException("The webhook event file was removed before it was sent");
        }
        exchange.setProperty(Notifier.TARGET, letter.target());
        exchange.setProperty(Notifier.EVENT_ID, letter.eventId());
        exchange.setProperty(Notifier.SEQUENCE, letter.sequence());
        exchange.setProperty(PREVIOUS_ATTEMPTS, letter.attempts());
        exchange.getIn().setBody(letter.body());
    }

    private static final String PREVIOUS_ATTEMPTS = "notify.previousAttempts";

    /** First attempt: where to, and the signed headers. */
    public void prepare(Exchange exchange) {
        redelivery.start(exchange);
        WebhookTarget target = notifier.target(exchange.getProperty(Notifier.TARGET, String.class));
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getIn().setHeader(Exchange.HTTP_URI, target.url());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader("X-Event-Id", exchange.getProperty(Notifier.EVENT_ID, String.class));
        // the receiver's order: rises with every event published to it
        exchange.getIn().setHeader("X-Event-Sequence", exchange.getProperty(Notifier.SEQUENCE, Long.class));
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

    /** A probe of a held receiver is one attempt: the next one is the next pass of {@code notify-redeliver}. */
    public boolean shouldRetry(Exchange exchange) {
        return !exchange.getProperty(Notifier.PROBE, false, Boolean.class) && redelivery.shouldRetry(exchange);
    }

    /** Each attempt signed anew (its timestamp is part of the signature); Camel has counted it. */
    public Processor onRedelivery() {
        return exchange -> sign(exchange, notifier.target(exchange.getProperty(Notifier.TARGET, String.class)));
    }

    /** The receiver's outbox could not be written (a full or read-only disk): the event is lost, and said so. */
    public void notQueued(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("Webhook {} event {} could not be queued and is lost: {}", exchange.getProperty(Notifier.TARGET),
                exchange.getProperty(Notifier.EVENT_ID), failure == null ? "unknown" : failure.getMessage());
    }

    /**
     * The attempts are exhausted: the event becomes a dead letter (a probe's letter is updated), its receiver is held
     * so nothing overtakes it, and the flow carries on.
     */
    public void deadLetter(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String target = exchange.getProperty(Notifier.TARGET, String.class);
        String eventId = exchange.getProperty(Notifier.EVENT_ID, String.class);
        long sequence = exchange.getProperty(Notifier.SEQUENCE, 0L, Long.class);
        int attempts = redelivery.failedAttempts(exchange) + exchange.getProperty(PREVIOUS_ATTEMPTS, 0, Integer.class);
        int status = HttpFailures.status(failure);
        String error = status != 0 ? "HTTP " + status : String.valueOf(failure);
        String body = exchange.getIn().getBody(String.class);
        String outboxFile = exchange.getProperty(Notifier.OUTBOX_FILE, String.class);
        Path file;
        if (outboxFile != null) {
            file = deadLetters.park(Path.of(outboxFile), new DeadLetters.Letter(Path.of(outboxFile), target, eventId,
                    sequence, body, attempts, error), attempts, error);
            LOG.warn("Webhook {} event {} not delivered after {} attempts ({}); kept as {}, later events wait behind"
                    + " it", target, eventId, attempts, error, file.getFileName());
        } else {
            file = deadLetters.write(target, eventId, sequence, body, attempts, error);
            LOG.debug("Webhook {} still failing ({}); dead letter {} tried {} times", target, error,
                    file.getFileName(), attempts);
        }
        // after the move: a probe pass that finds the receiver held finds its dead letter too
        outbox.hold(target);
        exchange.setProperty(Notifier.DELIVERED, false);
    }
}
