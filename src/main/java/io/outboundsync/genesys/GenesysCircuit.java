package io.outboundsync.genesys;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.outboundsync.support.HttpFailures;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker on the Genesys calls (Resilience4j, used by the {@code circuitBreaker} step of the
 * {@code genesys-call} route): after a run of failures that mean an outage (5xx, or no answer: refused, timed out,
 * closed) it opens and calls fail fast ({@code CallNotPermittedException}); after {@code genesys.circuit.open-seconds}
 * it lets a few probes through (half-open) and closes when they succeed. A 429 is not an outage (the request budget and
 * Retry-After handle it), nor is any other 4xx: neither is counted. Each state change is logged once and told to the
 * listeners (the alerts, the meters).
 */
public final class GenesysCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(GenesysCircuit.class);

    /** The settings: {@code genesys.circuit.*}. */
    public record Limits(int failureRatePercent, int minimumCalls, int windowCalls, long openSeconds,
            int halfOpenCalls) {
    }

    private final CircuitBreaker breaker;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile String lastOutage;
    private volatile Instant since;

    public GenesysCircuit(Limits limits) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(limits.failureRatePercent())
                .minimumNumberOfCalls(limits.minimumCalls())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(limits.windowCalls())
                .waitDurationInOpenState(Duration.ofSeconds(limits.openSeconds()))
                .permittedNumberOfCallsInHalfOpenState(limits.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(GenesysCircuit::isOutage)
                .ignoreException(failure -> !isOutage(failure))
                .writableStackTraceEnabled(false)
                .build();
        this.breaker = CircuitBreaker.of("genesys", config);
        breaker.getEventPublisher().onError(event -> lastOutage = describe(event.getThrowable()));
        breaker.getEventPublisher().onStateTransition(event -> {
            String to = event.getStateTransition().getToState().name();
            if ("OPEN".equals(to) && event.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                since = event.getCreationTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            } else if ("CLOSED".equals(to)) {
                since = null;
            }
            if ("OPEN".equals(to)) {
                LOG.error("Genesys is failing: {} % of the last {} calls failed (5xx or no answer); calls fail fast"
                        + " for {} s, then a few probes decide", Math.round(breaker.getMetrics().getFailureRate()),
                        breaker.getMetrics().getNumberOfBufferedCalls(), limits.openSeconds());
            } else {
                LOG.warn("Genesys circuit {} -> {}", event.getStateTransition().getFromState(), to);
            }
            listeners.forEach(listener -> listener.accept(to));
        });
    }

    /** A failure that means Genesys is out: an answer 5xx, or none at all. */
    public static boolean isOutage(Throwable failure) {
        int status = HttpFailures.status(failure);
        if (status != 0) {
            return status >= 500;
        }
        return HttpFailures.find(failure, IOException.class) != null;
    }

    /** An outage as an operator reads it: the status Genesys answered, or why no answer came. */
    static String describe(Throwable failure) {
        int status = HttpFailures.status(failure);
        if (status != 0) {
            return "Genesys answered " + status;
        }
        IOException io = HttpFailures.find(failure, IOException.class);
        Throwable shown = io != null ? io : failure;
        return "no answer from Genesys (" + shown.getClass().getSimpleName()
                + (shown.getMessage() == null ? "" : ": " + shown.getMessage()) + ")";
    }

    /**
     * What readiness reports while calls fail fast or only probes go through: the state, since when, and the last
     * outage; null while the circuit is closed.
     */
    public String problem() {
        CircuitBreaker.State state = breaker.getState();
        if (state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.HALF_OPEN) {
            return null;
        }
        return "The Genesys circuit is " + state + (since == null ? "" : " since " + since)
                + (state == CircuitBreaker.State.OPEN ? " (calls fail fast; probes follow after"
                        + " genesys.circuit.open-seconds)" : " (a few probes decide whether it closes)")
                + (lastOutage == null ? "" : "; the last failure: " + lastOutage)
                + ". Fix: nothing is sent until Genesys answers again; check Genesys Cloud's status page and the network"
                + " path to the API host.";
    }

    /** The breaker the route's {@code circuitBreaker} step uses (bound by name). */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Told each new state: CLOSED, OPEN, HALF_OPEN. */
    public void onStateChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** True while calls fail fast (not while the probes of half-open go through). */
    public boolean isOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    public String state() {
        return breaker.getState().name();
    }
}
