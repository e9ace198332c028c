package io.outboundsync.support;

import org.apache.camel.Exchange;

/**
 * The bookkeeping a route configuration's retries share: which attempt this is (from Camel's own redelivery counter,
 * {@code CamelRedeliveryCounter}), what the {@link RetryPolicy} decided about the failure, and the delay Camel waits
 * before the next attempt ({@code CamelRedeliveryDelay}).
 */
public final class Redelivery {

    private final String decisionProperty;
    private final String failedAttemptsProperty;
    private final String rateLimitedWaitProperty;
    private final RetryPolicy policy;

    /** @param prefix names this caller's exchange properties, e.g. {@code genesys} or {@code notify} */
    public Redelivery(String prefix, RetryPolicy policy) {
        this.decisionProperty = prefix + ".decision";
        this.failedAttemptsProperty = prefix + ".failedAttempts";
        this.rateLimitedWaitProperty = prefix + ".rateLimitedWaitMs";
        this.policy = policy;
    }

    /**
     * The first attempt: a redelivery counter the exchange carries from an earlier call (a split's part copies its
     * parent's headers) is not this call's.
     */
    public void start(Exchange exchange) {
        exchange.getIn().removeHeader(Exchange.REDELIVERY_COUNTER);
        exchange.removeProperty(failedAttemptsProperty);
    }

    /**
     * Requests sent by a call whose last request failed: Camel counts each failure ({@code CamelRedeliveryCounter},
     * set before the error handler's processors and {@code retryWhile} run); the count at the last decision is kept
     * with it (the message the caller gets back may carry an earlier count). A failure Camel did not count (no
     * redelivery handling) is the first request.
     */
    public int failedAttempts(Exchange exchange) {
        Integer decided = exchange.getProperty(failedAttemptsProperty, Integer.class);
        return decided != null ? decided : counted(exchange);
    }

    /** The failures Camel counted, at least the one at hand. */
    private static int counted(Exchange exchange) {
        return Math.max(1, exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
    }

    /** Requests sent by a call that ended with an answer: the failures Camel counted, and the one answered. */
    public int answeredAttempts(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1;
    }

    /** Asks the policy about the exchange's failure and sets the delay before the next attempt. */
    public RetryPolicy.Decision decide(Exchange exchange, boolean tokenRenewed) {
        Throwable failure = exchange.getException();
        long rateLimitedWaited = exchange.getProperty(rateLimitedWaitProperty, 0L, Long.class);
        int attempts = counted(exchange);
        exchange.setProperty(failedAttemptsProperty, attempts);
        RetryPolicy.Decision decision = policy.decide(HttpFailures.status(failure), HttpFailures.headers(failure),
                attempts, tokenRenewed, rateLimitedWaited);
        if (decision.retry() && decision.kind() == RetryPolicy.Kind.RATE_LIMITED) {
            exchange.setProperty(rateLimitedWaitProperty, rateLimitedWaited + decision.delayMs());
        }
        exchange.setProperty(decisionProperty, decision);
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, decision.delayMs());
        return decision;
    }

    /** The call ends after this failure whatever the policy said: no further attempt. */
    public void endHere(Exchange exchange) {
        RetryPolicy.Decision decision = exchange.getProperty(decisionProperty, RetryPolicy.Decision.class);
        if (decision != null) {
            exchange.setProperty(decisionProperty, new RetryPolicy.Decision(decision.kind(), false, 0,
                    decision.renewToken()));
        }
    }

    /** For {@code retryWhile}: what the last decision said. */
    public boolean shouldRetry(Exchange exchange) {
        RetryPolicy.Decision decision = exchange.getProperty(decisionProperty, RetryPolicy.Decision.class);
        return decision != null && decision.retry();
    }
}
