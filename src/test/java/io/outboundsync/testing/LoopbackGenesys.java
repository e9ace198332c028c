package io.outboundsync.testing;

import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysHosts;
import io.outboundsync.genesys.RequestBudget;
import io.outboundsync.genesys.TokenCache;
import io.outboundsync.genesys.TokenFetcher;
import io.outboundsync.support.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/**
 * The Genesys access parts of routes/genesys.camel.yaml for a test that boots the routes with Camel's test kit:
 * the sandbox's client credentials, a budget no test reaches, and quick retries.
 */
public final class LoopbackGenesys {

    private LoopbackGenesys() {
    }

    /** The calls' bean against a sandbox at {@code baseUrl}; the template is looked up when the first call goes. */
    public static GenesysCalls calls(String baseUrl, Supplier<ProducerTemplate> template) {
        Clock clock = Clock.systemUTC();
        GenesysHosts hosts = new GenesysHosts(baseUrl, baseUrl);
        return new GenesysCalls(hosts, new TokenCache(new TokenFetcher(template, hosts, "sandbox-client",
                "sandbox-secret", clock), Duration.ofSeconds(60), clock), new RequestBudget(10_000, 60_000),
                new RetryPolicy(new RetryPolicy.Limits(3, 10, 100, 3, 10, 100)));
    }

    /** Binds the beans routes/genesys*.camel.yaml refer to, for a test that boots it; the calls' bean returned. */
    public static GenesysCalls bind(org.apache.camel.spi.Registry registry, String baseUrl,
            Supplier<ProducerTemplate> template) {
        GenesysCalls calls = calls(baseUrl, template);
        registry.bind("genesysCalls", calls);
        registry.bind("genesysOnFailure", calls.onFailure());
        registry.bind("genesysOnRedelivery", calls.onRedelivery());
        registry.bind("uploadSteps", new io.outboundsync.contacts.upload.UploadSteps());
        // the shipped circuit settings (config/application.properties)
        registry.bind("genesysCircuitBreaker", new io.outboundsync.genesys.GenesysCircuit(
                new io.outboundsync.genesys.GenesysCircuit.Limits(50, 10, 20, 30, 3)).breaker());
        return calls;
    }
}
