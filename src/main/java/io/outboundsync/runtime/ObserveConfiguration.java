package io.outboundsync.runtime;

import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.notify.DeadLetters;
import io.outboundsync.observe.Meters;
import io.outboundsync.observe.Readiness;
import io.outboundsync.observe.ReadinessProblems;
import io.outboundsync.support.Current;
import java.nio.file.Path;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheck;

/**
 * Health and metrics: Outbound Sync's readiness checks in Camel's health check registry (served with Camel's own
 * on {@code /observe/health} by camel-observability-services when {@code run} serves it), and the gauges of its
 * meters ({@link Meters}, bound by the {@link Pipeline} with the registry Camel's meters use).
 */
@Configuration
public class ObserveConfiguration extends MadeOnce {

    @BeanInject("meters")
    Meters meters;
    @BeanInject("genesysCalls")
    GenesysCalls genesysCalls;
    @BeanInject("genesysCircuit")
    io.outboundsync.genesys.GenesysCircuit circuit;
    @BeanInject("deadLetters")
    DeadLetters deadLetters;
    @BeanInject("webhookOutbox")
    io.outboundsync.notify.WebhookOutbox webhookOutbox;
    @BeanInject("ledgers")
    Current<Ledger> ledgers;
    @BeanInject("orgCampaignState")
    Current<AppliedObjects> campaignState;
    @PropertyInject("contacts.inbox.dir")
    String inbox;
    @PropertyInject("observe.health.dead-letters-max")
    long deadLettersMax;
    @BeanInject("clock")
    java.time.Clock clock;
    @BeanInject("target")
    Current<String> target;
    @BeanInject("genesysClient")
    io.outboundsync.genesys.GenesysClient genesysClient;
    @BeanInject("campaignsFlow")
    io.outboundsync.campaigns.CampaignsFlow campaignsFlow;
    @PropertyInject("contacts.reports.dir")
    String reports;
    @PropertyInject("pipeline.data-dir")
    String dataDir;
    @BeanInject("audit")
    io.outboundsync.audit.AuditLog audit;
    @BeanInject("ledgerKeeper")
    io.outboundsync.contacts.ledger.LedgerKeeper ledgerKeeper;
    @PropertyInject("observe.status.auto-startup")
    boolean statusPage;
    @PropertyInject("observe.status.drops-shown")
    int dropsShown;
    @PropertyInject("observe.status.refresh-ms")
    long refreshMs;

    private org.apache.camel.CamelContext context;

    @Override
    public void configure(org.apache.camel.CamelContext camelContext) {
        this.context = camelContext;
    }

    @BindToRegistry("readinessInbox")
    public HealthCheck inbox() {
        return once("inbox", () -> new Readiness("inbox", () -> ReadinessProblems.inbox(Path.of(inbox))));
    }

    @BindToRegistry("readinessState")
    public HealthCheck state() {
        return once("state", () -> new Readiness("state", () -> {
            String closed = ledgerKeeper.problem();
            return closed != null ? closed : ReadinessProblems.state(ledgers::get, campaignState::get);
        }));
    }

    /**
     * The folders a drop writes (reports, the audit, the state, processed/ and failed/) take a write now: a full
     * disk or a folder made read-only is DOWN with the folder and the error, before drops fail on it.
     */
    @BindToRegistry("readinessStorage")
    public HealthCheck storage() {
        return once("storage", () -> new Readiness("storage", () -> ReadinessProblems.writable(
                java.util.stream.Stream.of("state", "processed", "failed", "reports", "audit")
                        .map(Path.of(dataDir)::resolve).toList())));
    }

    @BindToRegistry("readinessGenesysToken")
    public HealthCheck genesysToken() {
        return once("token", () -> new Readiness("genesys-token",
                () -> ReadinessProblems.token(genesysCalls.tokens())));
    }

    /** Not ready while audit records wait in the spool (the audit folder refuses them). */
    @BindToRegistry("readinessAudit")
    public HealthCheck auditSpool() {
        return once("audit", () -> new Readiness("audit", audit::problem));
    }

    /**
     * Which Genesys this process acts on, in the check's message ({@code sandbox (embedded, no org)} or {@code live:
     * <org> (<region>)}); not ready until the org is identified.
     */
    @BindToRegistry("readinessGenesysTarget")
    public HealthCheck genesysTarget() {
        return once("target", () -> new Readiness("genesys-target", () -> target.get() == null
                ? "The Genesys org is not identified yet (GET /api/v2/organizations/me at start-up)." : null,
                target::get));
    }

    /** Not ready while the circuit on the Genesys calls is open or probing: every upload would fail fast. */
    @BindToRegistry("readinessGenesysCircuit")
    public HealthCheck genesysCircuit() {
        return once("circuit", () -> new Readiness("genesys-circuit", circuit::problem));
    }

    /** What the status page shows; told by the routes, sampled by a timer route (routes/status.camel.yaml). */
    @BindToRegistry("statusBoard")
    public io.outboundsync.observe.StatusBoard statusBoard() {
        return once("statusBoard", () -> {
            var budget = genesysCalls.budget();
            var board = new io.outboundsync.observe.StatusBoard(clock, new io.outboundsync.observe.StatusBoard.Sources(
                    target::get, () -> 1 - budget.remainingShare(), budget::limit,
                    () -> budget.windowMs() / 1000, webhookOutbox::backlog,
                    deadLetters::count), dropsShown, java.time.Duration.ofHours(1), refreshMs);
            // only a process that serves the page reads the earlier summaries
            return statusPage ? board.loadRecent(Path.of(reports)) : board;
        });
    }

    @BindToRegistry("statusAssets")
    public io.outboundsync.observe.StatusAssets statusAssets() {
        return once("statusAssets", io.outboundsync.observe.StatusAssets::new);
    }

    @BindToRegistry("campaignStatusProbe")
    public io.outboundsync.observe.CampaignStatusProbe campaignStatusProbe() {
        return once("campaignStatusProbe",
                () -> new io.outboundsync.observe.CampaignStatusProbe(genesysClient, campaignsFlow));
    }

    @BindToRegistry("readinessWebhookDeadLetters")
    public HealthCheck webhookDeadLetters() {
        return once("deadLetters", () -> {
            meters.deadLetters(deadLetters::count);
            meters.webhookBacklog(webhookOutbox::backlog);
            meters.budgetRemaining(genesysCalls.budget()::remainingShare);
            return new Readiness("webhook-dead-letters",
                    () -> ReadinessProblems.deadLetters(deadLetters, deadLettersMax));
        });
    }
}
