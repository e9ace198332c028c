package io.outboundsync.runtime;

import io.outboundsync.config.Settings;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.RequestBudget;
import io.outboundsync.genesys.RetryPolicy;
import io.outboundsync.genesys.TokenCache;
import io.outboundsync.genesys.TokenFetcher;
import io.outboundsync.genesys.VersionLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running process: camel-main with the routes of {@code routes/}, the Genesys connection (the in-process
 * sandbox in sandbox mode) and the beans the routes wire. Plain Java builds the beans; the routes only connect them.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final GenesysConnection connection;
    private final Main main;
    private final ProducerTemplate template;
    private final GenesysClient genesys;
    private final GenesysCalls calls;
    private final VersionLock versionLock;

    private Pipeline(GenesysConnection connection, Main main, ProducerTemplate template, GenesysCalls calls,
            VersionLock versionLock) {
        this.connection = connection;
        this.main = main;
        this.template = template;
        this.genesys = new GenesysClient(template);
        this.calls = calls;
        this.versionLock = versionLock;
    }

    /** Starts the process's routes and beans; the caller closes it. */
    public static Pipeline start(Settings settings, Path configDir) {
        GenesysConnection connection = GenesysConnection.open(settings);
        LOG.info("Genesys mode {}: API {} , login {}{}", connection.mode(), connection.hosts().apiUrl(),
                connection.hosts().loginUrl(), connection.sandbox() != null
                        ? " (embedded sandbox; nothing leaves this machine)" : "");
        try {
            Clock clock = Clock.systemUTC();
            Main main = new Main();
            Path properties = configDir.resolve("application.properties");
            if (Files.isRegularFile(properties)) {
                main.setPropertyPlaceholderLocations("file:" + properties.toAbsolutePath());
            }
            main.configure().withRoutesIncludePattern("file:" + routesDir(configDir) + "/*.camel.yaml");
            RetryPolicy policy = new RetryPolicy(new RetryPolicy.Limits(
                    settings.getInt("genesys.retry.max-attempts", 5),
                    settings.getLong("genesys.retry.backoff-initial-ms", 500),
                    settings.getLong("genesys.retry.backoff-max-ms", 30_000),
                    settings.getInt("genesys.retry.rate-limited-max-attempts", 10),
                    settings.getLong("genesys.retry.retry-after-default-ms", 3_000),
                    settings.getLong("genesys.retry.retry-after-cap-ms", 60_000)));
            RequestBudget budget = new RequestBudget(settings.getInt("genesys.rate-limit.requests-per-window", 300),
                    settings.getLong("genesys.rate-limit.window-ms", 60_000));
            AtomicReference<ProducerTemplate> started = new AtomicReference<>();
            TokenCache tokens = new TokenCache(new TokenFetcher(started::get, connection.hosts(), connection.clientId(),
                    connection.clientSecret(), clock),
                    Duration.ofSeconds(settings.getLong("genesys.token.renew-before-seconds", 60)), clock);
            GenesysCalls calls = new GenesysCalls(connection.hosts(), tokens, budget, policy);
            main.bind("genesysCalls", calls);
            main.bind("genesysOnFailure", calls.onFailure());
            main.bind("genesysOnRedelivery", calls.onRedelivery());
            main.start();
            CamelContext context = main.getCamelContext();
            ProducerTemplate template = context.createProducerTemplate();
            started.set(template);
            return new Pipeline(connection, main, template, calls,
                    new VersionLock(settings.getInt("genesys.version-lock.max-attempts", 5)));
        } catch (Exception | Error e) {
            connection.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("The pipeline did not start: " + e, e);
        }
    }

    /** {@code routes/} beside the config folder. */
    static Path routesDir(Path configDir) {
        Path parent = configDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of("routes") : parent.resolve("routes")).toAbsolutePath();
    }

    public GenesysClient genesys() {
        return genesys;
    }

    public GenesysCalls calls() {
        return calls;
    }

    public VersionLock versionLock() {
        return versionLock;
    }

    public GenesysConnection connection() {
        return connection;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception e) {
            LOG.debug("Closing the producer template failed", e);
        }
        main.stop();
        connection.close();
    }
}
