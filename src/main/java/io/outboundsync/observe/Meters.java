package io.outboundsync.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outboundsync.contacts.DropSummary;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Outbound Sync's own meters, beside Camel's route and step meters in the same Micrometer registry (served as
 * Prometheus text on {@code /observe/metrics}). Names, as Prometheus shows them (README "Health and metrics"):
 * <ul>
 * <li>{@code outboundsync_contacts_rows_total{campaign, outcome}}: outcome read, accepted, rejected, withdrawn,
 * uploaded, unchanged</li>
 * <li>{@code outboundsync_contacts_rejected_total{campaign, reason}}: rejected rows by reason</li>
 * <li>{@code outboundsync_contacts_drops_total{campaign, status}}: drops by outcome</li>
 * <li>{@code outboundsync_genesys_calls_total{status}}: Genesys answers by status class (2xx, 4xx, 5xx, or none: no
 * answer); {@code outboundsync_genesys_rate_limited_total} (429s); {@code outboundsync_genesys_retries_total};
 * {@code outboundsync_genesys_budget_wait_seconds} (time waiting for the request budget);
 * {@code outboundsync_genesys_budget_remaining_ratio} (the budget's share left in the window)</li>
 * <li>{@code outboundsync_webhooks_deliveries_total{receiver, outcome}} (delivered, dead_lettered, not_queued),
 * {@code outboundsync_webhooks_retries_total{receiver}}, {@code outboundsync_webhooks_dead_letters} (waiting
 * now), {@code outboundsync_webhooks_backlog} (queued, not yet sent)</li>
 * <li>{@code outboundsync_campaigns_syncs_total{campaign, outcome}}, {@code outboundsync_campaigns_drift_total
 * {campaign}} (objects found changed outside), {@code outboundsync_campaigns_state_requests_total{campaign,
 * action, outcome}}</li>
 * </ul>
 * Tags carry campaign keys, receiver names, reasons and outcomes: never a phone, an e-mail or a secret.
 */
public final class Meters implements io.outboundsync.genesys.CallMeter {

    private final MeterRegistry registry;
    private final Timer budgetWait;

    public Meters(MeterRegistry registry) {
        this.registry = registry;
        this.budgetWait = Timer.builder("outboundsync.genesys.budget.wait")
                .description("Time Genesys calls waited for the request budget").register(registry);
    }

    /** Meters no one reads (a tool, a test without the registry). */
    public static Meters none() {
        return new Meters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A drop's counts, once it ended. */
    public void drop(DropSummary summary) {
        String campaign = summary.campaign() == null ? "(none)" : summary.campaign();
        rows(campaign, "read", summary.rowsRead());
        rows(campaign, "accepted", summary.accepted());
        rows(campaign, "rejected", summary.rejected());
        rows(campaign, "withdrawn", summary.withdrawn());
        rows(campaign, "uploaded", summary.uploaded());
        rows(campaign, "unchanged", summary.unchanged());
        if (summary.rejectedByReason() != null) {
            summary.rejectedByReason().forEach((reason, count) -> Counter.builder("outboundsync.contacts.rejected")
                    .description("Rejected rows by reason (a row with two reasons counts under both)")
                    .tag("campaign", campaign).tag("reason", reason).register(registry).increment(count));
        }
        Counter.builder("outboundsync.contacts.drops").description("Contact drops by outcome")
                .tag("campaign", campaign).tag("status", summary.status()).register(registry).increment();
    }

    private void rows(String campaign, String outcome, long count) {
        Counter counter = Counter.builder("outboundsync.contacts.rows").description("Contact rows by outcome")
                .tag("campaign", campaign).tag("outcome", outcome).register(registry);
        if (count > 0) {
            counter.increment(count);
        }
    }

    /** An answer from Genesys (its status), or none (0: refused, timed out, closed). */
    @Override
    public void genesysAnswer(int status) {
        String kind = status == 0 ? "none" : (status / 100) + "xx";
        Counter.builder("outboundsync.genesys.calls").description("Genesys answers by status class")
                .tag("status", kind).register(registry).increment();
        if (status == 429) {
            Counter.builder("outboundsync.genesys.rate.limited").description("Genesys answers 429")
                    .register(registry).increment();
        }
    }

    /** Genesys answers (and calls with none) counted so far, every status class. */
    public long genesysCalls() {
        return (long) registry.find("outboundsync.genesys.calls").counters().stream().mapToDouble(Counter::count)
                .sum();
    }

    /** The Genesys circuit's state, read when scraped: 0 closed, 1 half-open (probing), 2 open (failing fast). */
    public void circuitState(Supplier<String> state) {
        io.micrometer.core.instrument.Gauge.builder("outboundsync.genesys.circuit.state",
                () -> switch (state.get()) {
                    case "OPEN" -> 2;
                    case "HALF_OPEN" -> 1;
                    default -> 0;
                }).description("The Genesys circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
    }

    /** The Genesys circuit changed state (to CLOSED, OPEN or HALF_OPEN). */
    public void circuitTransition(String to) {
        Counter.builder("outboundsync.genesys.circuit.transitions").description("Genesys circuit state changes")
                .tag("to", to.toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    /** A Genesys call refused at once because the circuit is open. */
    @Override
    public void genesysRefusedByCircuit() {
        Counter.builder("outboundsync.genesys.calls").description("Genesys answers by status class")
                .tag("status", "circuit_open").register(registry).increment();
    }

    /** An alert raised (kind: drop_failed, campaign_sync_failed, circuit_open, webhook_dead_lettered, audit_failed). */
    public void alert(String kind) {
        Counter.builder("outboundsync.alerts").description("Alerts raised by kind").tag("kind", kind)
                .register(registry).increment();
    }

    /** A Genesys call tried again. */
    @Override
    public void genesysRetry() {
        Counter.builder("outboundsync.genesys.retries").description("Genesys calls tried again")
                .register(registry).increment();
    }

    /** Time a Genesys call waited for the request budget. */
    @Override
    public void budgetWaited(long millis) {
        budgetWait.record(Duration.ofMillis(millis));
    }

    /** The request budget's share left in its window, read when scraped. */
    public void budgetRemaining(Supplier<Number> share) {
        io.micrometer.core.instrument.Gauge.builder("outboundsync.genesys.budget.remaining", share)
                .description("Share of the Genesys request budget left in the current window").baseUnit("ratio")
                .register(registry);
    }

    /** A webhook event's end: delivered, dead_lettered or not_queued. */
    public void webhook(String receiver, String outcome) {
        Counter.builder("outboundsync.webhooks.deliveries").description("Webhook events by outcome")
                .tag("receiver", receiver).tag("outcome", outcome).register(registry).increment();
    }

    /** A webhook delivery tried again. */
    public void webhookRetry(String receiver) {
        Counter.builder("outboundsync.webhooks.retries").description("Webhook deliveries tried again")
                .tag("receiver", receiver).register(registry).increment();
    }

    /** The dead-lettered webhook events waiting, read when scraped. */
    public void deadLetters(Supplier<Number> waiting) {
        io.micrometer.core.instrument.Gauge.builder("outboundsync.webhooks.dead.letters", waiting)
                .description("Webhook events kept in dead-letter/webhooks, waiting to be resent").register(registry);
    }

    /** The webhook events queued for delivery and not yet sent, read when scraped. */
    public void webhookBacklog(Supplier<Number> queued) {
        io.micrometer.core.instrument.Gauge.builder("outboundsync.webhooks.backlog", queued)
                .description("Webhook events queued for delivery, not yet sent").register(registry);
    }

    /** A campaign sync's outcome (synced, failed, invalid) and the drift it found. */
    public void campaignSync(String campaign, String outcome, long drifted) {
        Counter.builder("outboundsync.campaigns.syncs").description("Campaign syncs by outcome")
                .tag("campaign", campaign).tag("outcome", outcome).register(registry).increment();
        Counter drift = Counter.builder("outboundsync.campaigns.drift")
                .description("Campaign objects found changed outside Outbound Sync").tag("campaign", campaign)
                .register(registry);
        if (drifted > 0) {
            drift.increment(drifted);
        }
    }

    /** The outcome of a campaign file's sync (the {@code campaigns-sync} route's step per file). */
    public void campaigns(io.outboundsync.campaigns.CampaignsFlow.Outcome outcome) {
        for (io.outboundsync.campaigns.CampaignSync.Report report : outcome.reports()) {
            long drifted = report.changes().stream()
                    .filter(c -> c.action() == io.outboundsync.campaigns.CampaignSync.Action.DRIFTED).count();
            campaignSync(report.campaign(), report.error() == null ? "synced" : "failed", drifted);
        }
        for (io.outboundsync.campaigns.CampaignConfigException invalid : outcome.invalid()) {
            campaignSync("(invalid file)", "invalid", 0);
            int conflicts = invalid.ruleConflicts().size();
            Counter counter = Counter.builder("outboundsync.campaigns.rule.conflicts")
                    .description("Pairs of dialing rules found contradicting each other (the campaign is refused)")
                    .tag("campaign", invalid.campaignKey()).register(registry);
            if (conflicts > 0) {
                counter.increment(conflicts);
            }
        }
    }

    /** A state request's outcome. */
    public void stateRequest(String campaign, String action, String outcome) {
        Counter.builder("outboundsync.campaigns.state.requests").description("Campaign state requests by outcome")
                .tag("campaign", campaign).tag("action", action).tag("outcome", outcome).register(registry)
                .increment();
    }
}
