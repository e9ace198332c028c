package io.outboundsync.runtime;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.notify.DeadLetters;
import io.outboundsync.notify.Notifier;
import io.outboundsync.notify.Redactor;
import io.outboundsync.notify.WebhookDelivery;
import io.outboundsync.notify.WebhookOutbox;
import io.outboundsync.notify.WebhookTarget;
import io.outboundsync.support.Current;
import io.outboundsync.support.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The beans of {@code routes/notify.camel.yaml} and {@code routes/audit.camel.yaml}: the CDP and WFM receivers
 * (checked and bound as {@code webhookTargets} by the {@link Pipeline}, which knows the sandbox's receivers), their
 * outboxes, their signed delivery with its retries ({@code notify.retry.*}), the dead letters, and the audit file.
 */
@Configuration
public class NotifyConfiguration extends MadeOnce {

    @BeanInject("webhookTargets")
    Map<String, WebhookTarget> targets;
    @BeanInject("redactor")
    Redactor redactor;
    @BeanInject("clock")
    Clock clock;
    @BeanInject("meters")
    io.outboundsync.observe.Meters meters;
    @BeanInject("templates")
    Current<ProducerTemplate> templates;
    @PropertyInject("pipeline.data-dir")
    String dataDir;
    @PropertyInject("audit.dir")
    String auditDir;
    @BeanInject("auditKey")
    byte[] auditKey;
    @BeanInject("genesysCircuit")
    io.outboundsync.genesys.GenesysCircuit genesysCircuit;
    @PropertyInject("notify.flush-timeout-ms")
    long flushTimeoutMs;
    @PropertyInject("notify.source")
    String source;
    @PropertyInject("notify.retry.max-attempts")
    int maxAttempts;
    @PropertyInject("notify.retry.backoff-initial-ms")
    long backoffInitialMs;
    @PropertyInject("notify.retry.backoff-max-ms")
    long backoffMaxMs;
    @PropertyInject("notify.retry.retry-after-default-ms")
    long retryAfterDefaultMs;
    @PropertyInject("notify.retry.retry-after-cap-ms")
    long retryAfterCapMs;

    /** The webhook events given up on, kept for {@code webhooks resend} (and counted by the readiness check). */
    @BindToRegistry("deadLetters")
    public DeadLetters deadLetters() {
        return once("deadLetters", () -> new DeadLetters(Path.of(dataDir).resolve("dead-letter").resolve("webhooks"),
                clock, redactor));
    }

    /** Each receiver's events on disk, in publishing order, until delivered (routes/notify.camel.yaml). */
    @BindToRegistry("webhookOutbox")
    public WebhookOutbox webhookOutbox() {
        return once("webhookOutbox", () -> new WebhookOutbox(Path.of(dataDir).resolve("outbox"), deadLetters(),
                clock));
    }

    /**
     * The senders' file filter: a held receiver's events stay where they are, and so do those of a receiver whose
     * URL was taken out of the settings since they were queued (they go once it is configured again).
     */
    @BindToRegistry("webhookSendable")
    public GenericFileFilter<Object> webhookSendable() {
        return once("webhookSendable", () -> {
            WebhookOutbox outbox = webhookOutbox();
            return file -> {
                String receiver = Path.of(file.getAbsoluteFilePath()).getParent().getFileName().toString();
                return file.isDirectory() || outbox.sendable(receiver) && targets.containsKey(receiver)
                        && targets.get(receiver).configured();
            };
        });
    }

    @BindToRegistry("notifier")
    public Notifier notifier() {
        return once("notifier", () -> new Notifier(targets, templates::get, deadLetters(), webhookOutbox(), clock,
                source, redactor, java.time.Duration.ofMillis(flushTimeoutMs)));
    }

    /** The third receiver's events: failures someone must look at (notify.alerts.url). */
    @BindToRegistry("alerts")
    public io.outboundsync.observe.Alerts alerts() {
        return once("alerts", () -> {
            var alerts = new io.outboundsync.observe.Alerts(notifier(), meters::alert);
            genesysCircuit.onStateChange(alerts::circuit);
            return alerts;
        });
    }

    @BindToRegistry("webhookDelivery")
    public WebhookDelivery webhookDelivery() {
        return once("webhookDelivery", () -> new WebhookDelivery(notifier(), deadLetters(), webhookOutbox(), RetryPolicy.forWebhooks(
                new RetryPolicy.Limits(maxAttempts, backoffInitialMs, backoffMaxMs, maxAttempts, retryAfterDefaultMs,
                        retryAfterCapMs)), clock));
    }

    @BindToRegistry("webhookOnFailure")
    public org.apache.camel.Processor webhookOnFailure() {
        return once("webhookOnFailure", () -> webhookDelivery().onFailure());
    }

    @BindToRegistry("webhookOnRedelivery")
    public org.apache.camel.Processor webhookOnRedelivery() {
        return once("webhookOnRedelivery", () -> {
            org.apache.camel.Processor redeliver = webhookDelivery().onRedelivery();
            return exchange -> {
                meters.webhookRetry(String.valueOf(exchange.getProperty("notify.target")));
                redeliver.process(exchange);
            };
        });
    }

    @BindToRegistry("audit")
    public AuditLog audit() {
        return once("audit", () -> new AuditLog(Path.of(auditDir), AuditLog.headFile(Path.of(dataDir)), auditKey,
                clock, redactor, templates::get).onFailure(alerts()::auditFailed));
    }
}
