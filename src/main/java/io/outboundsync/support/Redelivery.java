package io.outboundsync.support;

import org.apache.camel.Exchange;

/**
 * The bookkeeping a route configuration's retries share: which attempt this is, what the {@link RetryPolicy}
 * decided about the failure, and the delay Camel waits before the next attempt ({@code CamelRedeliveryDelay}).
 */
public final class Redelivery {

    private final String attemptsProperty;
    private final String decisionProperty;
    private final String rateLimitedWaitProperty;
    private final RetryPolicy policy;

    /** @param prefix names this caller's exchange properties, e.g. {@code genesys} or {@code notify} */
    public Redelivery(String prefix, RetryPolicy policy) {
        this.attemptsProperty = prefix + ".attempts";
        this.decisionProperty = prefix + ".decision";
        this.rateLimitedWaitProperty = prefix + ".rateLimitedWaitMs";
        this.policy = policy;
    }

    /** The first attempt. */
    public void start(Exchange exchange) {
        exchange.setProperty(attemptsProperty, 1);
    }

    /** Requests sent so far, the one being prepared or the failed one included. */
    public int attempts(Exchange exchange) {
        return exchange.getProperty(attemptsProperty, 1, Integer.class);
    }

    /** Counts the attempt about to be made. */
    public void next(Exchange exchange) {
        exchange.setProperty(attemptsProperty, attempts(exchange) + 1);
    }

    /** Asks the policy about the exchange's failure and sets the delay before the next attempt. */
    public RetryPolicy.Decision decide(Exchange exchange, boolean tokenRenewed) {
        Throwable failure = exchange.getException();
        long rateLimitedWaited = exchange.getProperty(rateLimitedWaitProperty, 0L, Long.class);
        RetryPolicy.Decision decision = policy.decide(HttpFailures.status(failure), HttpFailures.headers(failure),
                attempts(exchange), tokenRenewed, rateLimitedWaited);
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
