package io.outboundsync.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.cluster.CampaignLock;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.Notifier;
import io.outboundsync.support.Details;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded campaign state machine. A request (activate, pause with a reason, complete) is checked against the
 * {@link Matrix} on the campaign's live status; an activation also against the guards — idle agents on the queue,
 * the calling window in the campaign's zone, a contact list that is filled and not importing — each result with
 * its numbers; an override (with its reason) goes past refusing guards and is audited. The change is a
 * version-locked {@code PUT} of {@code campaignStatus}: a 409 re-reads the campaign and decides again, guards
 * included. A pause waits until the campaign is {@code off} and reports the drain time. Requests for one campaign
 * run one at a time in arrival order; one made before a request already applied is stale.
 */
public final class CampaignStates {

    public enum Outcome { APPLIED, NO_CHANGE, REFUSED, STALE, FAILED }

    /**
     * @param override null, or why the guards are overridden
     */
    public record Request(String campaign, Matrix.Action action, String reason, String requestedBy,
            Instant requestedAt, String override) {
    }

    /** One guard's verdict with its numbers. */
    public record Guard(String name, boolean passed, String detail) {
    }

    public record Result(String campaign, String action, Outcome outcome, String from, String to, String reason,
            String requestedBy, List<Guard> guards, String override, String message, Long drainMs, long latencyMs) {
    }

    /**
     * @param pauseReasons   the reasons a pause may give ({@code state.pause-reasons})
     * @param minIdleAgents  idle agents the campaign's queue needs for an activation ({@code state.guards.min-idle-agents})
     * @param drainTimeoutMs how long a pause waits for {@code off} ({@code state.pause.drain-timeout-ms})
     * @param pollMs         how often it looks ({@code state.pause.poll-ms})
     * @param maxAttempts    version-conflict retries ({@code genesys.version-lock.max-attempts})
     */
    public record Options(List<String> pauseReasons, int minIdleAgents, long drainTimeoutMs, long pollMs,
            int maxAttempts) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignStates.class);
    private static final String CAMPAIGNS = "/api/v2/outbound/campaigns";

    private final GenesysClient genesys;
    private final Function<String, CampaignSpec> specs;
    private final java.util.function.Supplier<AppliedObjects> store;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Clock clock;
    private final Options options;
    private final ActivationGuards activation;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final io.outboundsync.observe.Meters meters;
    /** Across instances on a shared state: the database's lock of a campaign, held with this JVM's one. */
    private volatile CampaignLock clusterLock = campaign -> () -> { };

    /** From the start of a pipeline on a shared state: the instances change a campaign's state one at a time. */
    public void useClusterLock(CampaignLock lock) {
        this.clusterLock = lock;
    }

    /** @param specs the checked campaign file of a key (throws when it has mistakes) */
    public CampaignStates(GenesysClient genesys, Function<String, CampaignSpec> specs,
            java.util.function.Supplier<AppliedObjects> store,
            Notifier notifier, AuditLog audit, Clock clock, Options options) {
        this(genesys, specs, store, notifier, audit, clock, options, io.outboundsync.observe.Meters.none());
    }

    /** @param meters counts each request's outcome ({@code outboundsync_campaigns_state_requests_total}) */
    public CampaignStates(GenesysClient genesys, Function<String, CampaignSpec> specs,
            java.util.function.Supplier<AppliedObjects> store,
            Notifier notifier, AuditLog audit, Clock clock, Options options, io.outboundsync.observe.Meters meters) {
        this.meters = meters;
        this.genesys = genesys;
        this.specs = specs;
        this.store = store;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
        this.options = options;
        this.activation = new ActivationGuards(genesys, clock, options.minIdleAgents());
    }

    /** Carries out one request, after the campaign's earlier ones (fair lock: arrival order). */
    public Result request(Request request) {
        long started = System.nanoTime();
        String unknown = unknownCampaign(request.campaign());
        if (unknown != null) {
            // a name from a command file, unchecked: no lock, no metric label made for it
            Result refused = result(request, Outcome.FAILED, null, null, List.of(), unknown, null, started);
            announce(request, refused);
            meters.stateRequest(UNKNOWN_CAMPAIGN, request.action().name().toLowerCase(java.util.Locale.ROOT),
                    refused.outcome().name());
            return refused;
        }
        ReentrantLock lock = locks.computeIfAbsent(request.campaign(), k -> new ReentrantLock(true));
        lock.lock();
        Result result;
        try (CampaignLock.Held cluster = clusterLock.lock(request.campaign())) {
            result = decideAndApply(request, started);
        } catch (RuntimeException e) {
            result = result(request, Outcome.FAILED, null, null, List.of(), e.getMessage(), null, started);
        } finally {
            lock.unlock();
        }
        announce(request, result);
        meters.stateRequest(request.campaign(), request.action().name().toLowerCase(java.util.Locale.ROOT),
                result.outcome().name());
        return result;
    }

    /** The metric label of requests for a campaign there is no file of. */
    public static final String UNKNOWN_CAMPAIGN = "(unknown)";

    /** Why the campaign is unknown (no campaign file of that key), or null for a known one (valid or not). */
    private String unknownCampaign(String campaign) {
        try {
            specs.apply(campaign);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return null; // a campaign file with mistakes: known, refused with its mistakes below
        }
    }

    private Result decideAndApply(Request request, long started) {
        String problem = checkRequest(request);
        if (problem != null) {
            return result(request, Outcome.REFUSED, null, null, List.of(), problem, null, started);
        }
        Instant last = store.get().lastRequestedAt(request.campaign());
        if (last != null && request.requestedAt().isBefore(last)) {
            return result(request, Outcome.STALE, null, null, List.of(), "the request was made at "
                    + request.requestedAt() + ", before one already applied (" + last + ")", null, started);
        }
        CampaignSpec spec = specs.apply(request.campaign());
        JsonNode found = genesys.findByName(CAMPAIGNS, spec.campaign().name());
        if (found == null) {
            return result(request, Outcome.FAILED, null, null, List.of(), "the campaign '" + spec.campaign().name()
                    + "' does not exist in Genesys yet; sync the campaign files first (once, or a sync command)",
                    null, started);
        }
        String id = found.get("id").asText();
        for (int attempt = 1; ; attempt++) {
            ObjectNode live = (ObjectNode) genesys.get(CAMPAIGNS + "/" + id);
            String status = live.get("campaignStatus").asText();
            Matrix.Decision decision = Matrix.decide(status, request.action(), store.get().completed(request.campaign()));
            if (decision.kind() == Matrix.Kind.REFUSE) {
                return result(request, Outcome.REFUSED, status, null, List.of(), decision.explanation(), null,
                        started);
            }
            if (decision.kind() == Matrix.Kind.NO_CHANGE) {
                return result(request, Outcome.NO_CHANGE, status, decision.target(), List.of(),
                        decision.explanation(), null, started);
            }
            List<Guard> guards = request.action() == Matrix.Action.ACTIVATE ? activation.check(spec, live) : List.of();
            List<Guard> failing = guards.stream().filter(g -> !g.passed()).toList();
            if (!failing.isEmpty() && request.override() == null) {
                return result(request, Outcome.REFUSED, status, null, guards, "refused by "
                        + failing.stream().map(g -> g.name() + " (" + g.detail() + ")").toList(), null, started);
            }
            if (decision.target().equals(status)) {
                // complete from off: nothing to ask Genesys
                store.get().requestApplied(request.campaign(), request.requestedAt(), decision.completed());
                return result(request, Outcome.APPLIED, status, status, guards, decision.explanation(), null,
                        started);
            }
            live.put("campaignStatus", decision.target());
            try {
                genesys.put(CAMPAIGNS + "/" + id, live);
            } catch (GenesysApiException e) {
                if (e.isVersionConflict() && attempt < options.maxAttempts()) {
                    LOG.info("Campaign {} changed while we changed its status (attempt {}); reading it again",
                            request.campaign(), attempt);
                    continue;
                }
                throw e;
            }
            Long drainMs = null;
            if ("off".equals(decision.target())) {
                drainMs = waitUntilOff(id);
            }
            store.get().requestApplied(request.campaign(), request.requestedAt(), decision.completed());
            return result(request, Outcome.APPLIED, status, decision.target(), guards, decision.explanation(),
                    drainMs, started);
        }
    }

    /** Why a request cannot be taken at all, or null. */
    private String checkRequest(Request request) {
        if (request.action() == Matrix.Action.PAUSE) {
            if (request.reason() == null || request.reason().isBlank()) {
                return "a pause needs a reason: one of " + options.pauseReasons();
            }
            if (!options.pauseReasons().contains(request.reason())) {
                return "'" + request.reason() + "' is not a pause reason: one of " + options.pauseReasons()
                        + " (state.pause-reasons)";
            }
        }
        if (request.override() != null && request.override().isBlank()) {
            return "an override needs a reason";
        }
        return null;
    }

    /**
     * Polls until the campaign is off; the drain time in ms. Hand-made: it runs inside the campaign's request lock
     * (the next request for the campaign must find this pause finished), on the thread that made the request.
     */
    private long waitUntilOff(String id) {
        long start = System.nanoTime();
        long deadline = start + options.drainTimeoutMs() * 1_000_000;
        while (true) {
            String status = genesys.get(CAMPAIGNS + "/" + id).path("campaignStatus").asText();
            if ("off".equals(status)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the campaign was still " + status + " after "
                        + options.drainTimeoutMs() + " ms (state.pause.drain-timeout-ms); calls are still draining");
            }
            try {
                Thread.sleep(options.pollMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the campaign drained", e);
            }
        }
    }

    private Result result(Request request, Outcome outcome, String from, String to, List<Guard> guards,
            String message, Long drainMs, long started) {
        return new Result(request.campaign(), request.action().word(), outcome, from == null ? null
                : Matrix.state(from), to == null ? null : Matrix.state(to), request.reason(), request.requestedBy(),
                guards, request.override(), message, drainMs, (System.nanoTime() - started) / 1_000_000);
    }

    /** An audit record for every request; the WFM webhook for an applied one. */
    private void announce(Request request, Result result) {
        audit.append("campaign.state", "request", request.campaign(), result.outcome().name().toLowerCase(
                java.util.Locale.ROOT), Details.of("action", result.action(), "from", result.from(), "to", result.to(),
                "reason", result.reason(), "requestedBy", result.requestedBy(), "requestedAt",
                request.requestedAt().toString(), "override", result.override(), "guards", result.guards(),
                "message", result.message(), "drainMs", result.drainMs(), "latencyMs", result.latencyMs()));
        if (result.outcome() == Outcome.APPLIED) {
            notifier.publish("wfm", "campaign.state.changed", Details.of("campaign", result.campaign(), "from",
                    result.from(), "to", Matrix.Action.COMPLETE.word().equals(result.action()) ? "completed"
                            : result.to(), "reason", result.reason(), "requestedBy", result.requestedBy(),
                    "latencyMs", result.latencyMs()));
        }
        LOG.info("Campaign {}: {} {}: {}", request.campaign(), result.action(), result.outcome(), result.message());
    }
}
