package io.outboundsync.genesys;

import io.outboundsync.support.HttpFailures;
import io.outboundsync.support.Redelivery;
import io.outboundsync.support.RetryPolicy;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code genesys-call} route and of its route configuration {@code genesys-errors}: prepare each
 * attempt (budget permit, bearer token, URL), read the service's rate-limit headers, and after a failure ask the
 * {@link RetryPolicy} whether and when to try again. The route only wires these.
 */
public final class GenesysCalls {

    /** Exchange headers a caller sets on {@code direct:genesys-call}. */
    public static final String METHOD = "GenesysMethod";
    public static final String PATH = "GenesysPath";
    public static final String QUERY = "GenesysQuery";
    /** Exchange properties the route keeps per call. */
    static final String TOKEN_RENEWED = "genesys.tokenRenewed";
    static final String TOKEN_USED = "genesys.tokenUsed";
    static final String RENEW_TOKEN = "genesys.renewToken";
    static final String PREPARED = "genesys.prepared";
    /**
     * Header: {@code true} for a POST that creates a named object. An attempt whose outcome is unknown (no answer,
     * 502, 503, 504: it may have been carried out) is not sent again by the route: the caller looks the object up by
     * name first ({@link GenesysClient#create}). A 429 or a 401 (not carried out) is retried as for any call.
     */
    public static final String CREATE = "GenesysCreate";
    /** Header: {@code true} to have the answer as the response's own stream (a download), not cached. */
    public static final String STREAM = "GenesysStream";

    private static final Logger LOG = LoggerFactory.getLogger(GenesysCalls.class);

    private final GenesysHosts hosts;
    private final RetryPolicy policy;
    private final TokenCache tokens;
    private final RequestBudget budget;
    private final Redelivery redelivery;
    private final CallMeter meters;

    public GenesysCalls(GenesysHosts hosts, TokenCache tokens, RequestBudget budget, RetryPolicy policy) {
        this(hosts, tokens, budget, policy, CallMeter.NONE);
    }

    public GenesysCalls(GenesysHosts hosts, TokenCache tokens, RequestBudget budget, RetryPolicy policy,
            CallMeter meters) {
        this.policy = policy;
        this.hosts = hosts;
        this.tokens = tokens;
        this.budget = budget;
        this.redelivery = new Redelivery("genesys", policy);
        this.meters = meters;
    }

    /** How many requests a call that failed took. */
    public int failedAttempts(Exchange exchange) {
        return redelivery.failedAttempts(exchange);
    }

    /** How many requests a call that was answered took. */
    public int answeredAttempts(Exchange exchange) {
        return redelivery.answeredAttempts(exchange);
    }

    /** The retry policy the route follows (its attempts and backoff). */
    public RetryPolicy policy() {
        return policy;
    }

    public TokenCache tokens() {
        return tokens;
    }

    public RequestBudget budget() {
        return budget;
    }

    /** First attempt: the request line and headers, then one attempt's worth of preparation. */
    public void prepare(Exchange exchange) throws InterruptedException {
        if (exchange.getExchangeId().equals(exchange.getProperty(PREPARED, String.class))) {
            // Camel redelivers from the step that failed: when the token request of the first attempt failed, that
            // is this one, and starting over here would reset the attempts (a login that keeps failing looped
            // forever); the redelivery's own preparation (onRedelivery) has run. A copy of the exchange (a split
            // part, such as a refused batch's halves) has an id of its own and is a call of its own.
            return;
        }
        exchange.setProperty(PREPARED, exchange.getExchangeId());
        redelivery.start(exchange);
        exchange.setProperty(TOKEN_RENEWED, false);
        String method = exchange.getIn().getHeader(METHOD, "GET", String.class);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getIn().setHeader(Exchange.HTTP_URI, hosts.apiUrl() + exchange.getIn().getHeader(PATH, String.class));
        String query = exchange.getIn().getHeader(QUERY, String.class);
        if (query != null && !query.isEmpty()) {
            exchange.getIn().setHeader(Exchange.HTTP_QUERY, query);
        }
        exchange.getIn().setHeader("Accept", "application/json");
        // a download's answer is streamed (not cached): the route's http endpoint reads this
        if (exchange.getIn().getHeader(STREAM) == null) {
            exchange.getIn().setHeader(STREAM, "false");
        }
        if (exchange.getIn().getBody() != null) {
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        attempt(exchange);
    }

    /** Every attempt: waits for the shared budget, then takes a valid token (a fresh one after a 401). */
    private void attempt(Exchange exchange) throws InterruptedException {
        if (Boolean.TRUE.equals(exchange.getProperty(RENEW_TOKEN, Boolean.class))) {
            tokens.invalidate(exchange.getProperty(TOKEN_USED, String.class));
            exchange.setProperty(RENEW_TOKEN, false);
            exchange.setProperty(TOKEN_RENEWED, true);
        }
        long waited = budget.acquire();
        if (waited > 0) {
            LOG.debug("Waited {} ms for the Genesys request budget", waited);
            meters.budgetWaited(waited);
        }
        String token;
        try {
            token = tokens.bearer();
        } catch (TokenFetcher.TokenRefused refused) {
            if (refused.status() >= 400 && refused.status() < 500 && refused.status() != 429) {
                // wrong credentials are not a passing fault: no retry, a clear answer at once
                throw new CredentialsRefused(refused.getMessage());
            }
            throw refused;
        }
        exchange.setProperty(TOKEN_USED, token);
        exchange.getIn().setHeader("Authorization", "Bearer " + token);
    }

    /** After each answer that succeeded: tighten the budget by the service's rate-limit headers. */
    public void observe(Exchange exchange) {
        exchange.removeProperty(PREPARED);
        meters.genesysAnswer(exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        budget.observe(name -> exchange.getIn().getHeader(name, String.class));
        exchange.getIn().removeHeader("Authorization");
    }

    /** {@code onExceptionOccurred}: decides what the failure means and sets the delay before the next attempt. */
    public Processor onFailure() {
        return exchange -> {
            Throwable failure = exchange.getException();
            meters.genesysAnswer(HttpFailures.status(failure));
            budget.observe(HttpFailures.headers(failure));
            RetryPolicy.Decision decision = redelivery.decide(exchange,
                    exchange.getProperty(TOKEN_RENEWED, false, Boolean.class));
            if (decision.retry() && decision.kind() == RetryPolicy.Kind.UNAVAILABLE
                    && "true".equals(exchange.getIn().getHeader(CREATE, String.class))) {
                // it may have been created: the caller looks before it posts again
                redelivery.endHere(exchange);
                decision = new RetryPolicy.Decision(decision.kind(), false, 0, false);
            }
            if (decision.renewToken()) {
                exchange.setProperty(RENEW_TOKEN, true);
            }
            if (!decision.retry()) {
                // the call ends here: the same exchange sent again is a new call
                exchange.removeProperty(PREPARED);
            }
            String what = exchange.getIn().getHeader(METHOD, String.class) + " "
                    + exchange.getIn().getHeader(PATH, String.class);
            if (decision.retry()) {
                meters.genesysRetry();
                LOG.warn("Genesys {} on attempt {} of {}: {}; retrying in {} ms",
                        describe(HttpFailures.status(failure), failure), redelivery.failedAttempts(exchange), what,
                        decision.kind(), decision.delayMs());
            }
        };
    }

    /** The circuit is open: the call ends here (not retried); the same exchange sent again is a new call. */
    public void refusedByCircuit(Exchange exchange) {
        exchange.removeProperty(PREPARED);
        meters.genesysRefusedByCircuit();
    }

    /**
     * Whether a signed download's failure passes (the storage host did not answer, or answered 5xx or 429): tried
     * again. A 4xx (an expired or refused signature, no such file) is not.
     */
    public boolean passingStorageFault(Exception failure) {
        int status = HttpFailures.status(failure);
        return status == 0 || status >= 500 || status == 429;
    }

    /** {@code retryWhile}: the last decision. */
    public boolean shouldRetry(Exchange exchange) {
        return redelivery.shouldRetry(exchange);
    }

    /** {@code onRedelivery}: prepares the attempt (budget, token); Camel has counted it. */
    public Processor onRedelivery() {
        return this::attempt;
    }

    private static String describe(int status, Throwable failure) {
        if (status != 0) {
            return "answered " + status;
        }
        IOException io = HttpFailures.find(failure, IOException.class);
        return "did not answer (" + (io != null ? io.getClass().getSimpleName() : String.valueOf(failure)) + ")";
    }

    /**
     * The login service refused the OAuth client's credentials (400, 401 or 403 from {@code /oauth/token}): not
     * retried (it has no HTTP failure as its cause, which the routes' retries match on).
     */
    public static final class CredentialsRefused extends RuntimeException {
        CredentialsRefused(String message) {
            super(message + ". Fix: check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (a client-credentials OAuth"
                    + " client of this org) and genesys.region.");
        }
    }
}
