package io.outboundsync.genesys;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.outboundsync.support.HttpFailures;
import java.io.IOException;
import java.time.Duration;
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
        breaker.getEventPublisher().onStateTransition(event -> {
            String to = event.getStateTransition().getToState().name();
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
