package io.outboundsync.runtime;

import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.RequestBudget;
import io.outboundsync.genesys.TokenCache;
import io.outboundsync.genesys.TokenFetcher;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.support.Current;
import io.outboundsync.support.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;

/**
 * The beans of {@code routes/genesys.camel.yaml} and the client every flow calls Genesys with: one request budget,
 * one token, one retry policy, from {@code genesys.*} properties. The connection (hosts, credentials, the embedded
 * sandbox) is the {@link Pipeline}'s, bound as {@code genesysConnection} before Camel starts.
 */
@Configuration
public class GenesysConfiguration extends MadeOnce {

    @BeanInject("genesysConnection")
    GenesysConnection connection;
    @BeanInject("clock")
    Clock clock;
    @BeanInject("templates")
    Current<ProducerTemplate> templates;
    @BeanInject("ledgers")
    Current<Ledger> ledgers;
    @PropertyInject("genesys.retry.max-attempts")
    int maxAttempts;
    @PropertyInject("genesys.retry.backoff-initial-ms")
    long backoffInitialMs;
    @PropertyInject("genesys.retry.backoff-max-ms")
    long backoffMaxMs;
    @PropertyInject("genesys.retry.rate-limited-max-attempts")
    int rateLimitedMaxAttempts;
    @PropertyInject("genesys.retry.rate-limited-max-wait-ms")
    long rateLimitedMaxWaitMs;
    @PropertyInject("genesys.retry.retry-after-default-ms")
    long retryAfterDefaultMs;
    @PropertyInject("genesys.retry.retry-after-cap-ms")
    long retryAfterCapMs;
    @PropertyInject("genesys.rate-limit.requests-per-window")
    int requestsPerWindow;
    @PropertyInject("genesys.rate-limit.window-ms")
    long windowMs;
    @PropertyInject("genesys.token.renew-before-seconds")
    long renewBeforeSeconds;
    @BeanInject("meters")
    io.outboundsync.observe.Meters meters;
    @PropertyInject("genesys.version-lock.max-attempts")
    int versionLockAttempts;
    @PropertyInject("genesys.circuit.failure-rate-percent")
    int circuitFailureRate;
    @PropertyInject("genesys.circuit.minimum-calls")
    int circuitMinimumCalls;
    @PropertyInject("genesys.circuit.window-calls")
    int circuitWindowCalls;
    @PropertyInject("genesys.circuit.open-seconds")
    long circuitOpenSeconds;
    @PropertyInject("genesys.circuit.half-open-calls")
    int circuitHalfOpenCalls;
    @PropertyInject("genesys.contacts.batch-size")
    int batchSize;
    @PropertyInject("genesys.limits.contact-lists")
    int listsPerOrg;
    @PropertyInject("genesys.contacts.batch-size-after-outage")
    int batchSizeAfterOutage;

    /** The circuit breaker on the Genesys calls; its Resilience4j breaker is {@code genesysCircuitBreaker}. */
    @BindToRegistry("genesysCircuit")
    public io.outboundsync.genesys.GenesysCircuit genesysCircuit() {
        return once("genesysCircuit", () -> {
            var circuit = new io.outboundsync.genesys.GenesysCircuit(new io.outboundsync.genesys.GenesysCircuit.Limits(
                    circuitFailureRate, circuitMinimumCalls, circuitWindowCalls, circuitOpenSeconds,
                    circuitHalfOpenCalls));
            meters.circuitState(circuit::state);
            circuit.onStateChange(meters::circuitTransition);
            circuit.onStateChange(batchPace()::circuit);
            return circuit;
        });
    }

    /** After an outage, smaller batches that grow back (the contacts' chunk steps cut batches by it). */
    @BindToRegistry("batchPace")
    public io.outboundsync.genesys.BatchPace batchPace() {
        return once("batchPace", () -> new io.outboundsync.genesys.BatchPace(batchSize, batchSizeAfterOutage));
    }

    @BindToRegistry("genesysCircuitBreaker")
    public io.github.resilience4j.circuitbreaker.CircuitBreaker genesysCircuitBreaker() {
        return genesysCircuit().breaker();
    }

    /** Every Genesys call's preparation, observation and retry decision (one instance: one budget, one token). */
    @BindToRegistry("genesysCalls")
    public GenesysCalls genesysCalls() {
        return once("genesysCalls", () -> new GenesysCalls(connection.hosts(), new TokenCache(new TokenFetcher(
                templates::get, connection.hosts(), connection.clientId(), connection.clientSecret(), clock),
                Duration.ofSeconds(renewBeforeSeconds), clock), new RequestBudget(requestsPerWindow, windowMs),
                new RetryPolicy(new RetryPolicy.Limits(maxAttempts, backoffInitialMs, backoffMaxMs,
                        rateLimitedMaxAttempts, retryAfterDefaultMs, retryAfterCapMs, rateLimitedMaxWaitMs)),
                        meters));
    }

    @BindToRegistry("genesysOnFailure")
    public org.apache.camel.Processor genesysOnFailure() {
        return once("genesysOnFailure", () -> genesysCalls().onFailure());
    }

    @BindToRegistry("genesysOnRedelivery")
    public org.apache.camel.Processor genesysOnRedelivery() {
        return once("genesysOnRedelivery", () -> genesysCalls().onRedelivery());
    }

    @BindToRegistry("genesysClient")
    public GenesysClient genesysClient() {
        return once("genesysClient", () -> new GenesysClient(templates::get, genesysCalls()));
    }

    @BindToRegistry("versionLock")
    public VersionLock versionLock() {
        return once("versionLock", () -> new VersionLock(versionLockAttempts));
    }

    /** One resolver of contact lists for the drops and the campaign syncs: a list is made once. */
    @BindToRegistry("contactLists")
    public ContactListResolver contactLists() {
        return once("contactLists", () -> new ContactListResolver(genesysClient(), ledgers::get)
                .limitedTo(listsPerOrg));
    }
}
