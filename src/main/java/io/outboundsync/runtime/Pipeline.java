package io.outboundsync.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.cluster.InboxClaims;
import io.outboundsync.config.KnownKeys;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.checks.NorthAmericanTypes;
import io.outboundsync.contacts.intake.ContactDrops;
import io.outboundsync.genesys.BatchPace;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysCircuit;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.notify.Notifier;
import io.outboundsync.observe.Meters;
import io.outboundsync.observe.StatusBoard;
import io.outboundsync.state.CampaignStates;
import io.outboundsync.support.Details;
import io.outboundsync.support.FileMoves;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running process, and its composition root: the settings read once ({@link StartSettings}), the Genesys
 * connection opened (the in-process sandbox in sandbox mode), camel-main given the routes of {@code routes/} (they
 * own the flow), Camel's settings ({@code camel/process.properties}, then the shipped defaults and the config folder's
 * file, then this run's values) and the beans of one {@code @Configuration} per flow, after the process's own parts
 * ({@link ProcessConfiguration}); once Camel runs, {@link OrgStartup} opens the org's state and starts the triggers.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final GenesysConnection connection;
    private final Main main;
    private final ProducerTemplate template;
    private final GenesysClient genesys;
    private final String trigger;
    private final OrgParts org;
    private final Registry registry;
    private String outcome = "ok";

    private Pipeline(GenesysConnection connection, Main main, ProducerTemplate template, String trigger, OrgParts org) {
        this.connection = connection;
        this.main = main;
        this.template = template;
        this.trigger = trigger;
        this.org = org;
        this.registry = main.getCamelContext().getRegistry();
        this.genesys = new GenesysClient(() -> template, calls());
    }

    /**
     * Starts the process's routes and beans and writes the run's first audit record; the caller closes it, which
     * writes the last.
     *
     * @param trigger what started this run: {@code run}, {@code once}, {@code cli}, {@code test}…
     */
    public static Pipeline start(Settings settings, Path configDir, Path dataDir, String trigger) {
        return start(settings, configDir, dataDir, trigger, Clock.systemUTC());
    }

    /** As {@link #start(Settings, Path, Path, String)}, on a given clock (tests move it instead of sleeping). */
    public static Pipeline start(Settings settings, Path configDir, Path dataDir, String trigger, Clock clock) {
        KnownKeys.shipped().check(settings);
        StartSettings start = StartSettings.read(settings, dataDir, trigger);
        settings.fromGenesysToolVariables().forEach((key, variable) -> LOG.info("{} is taken from {} (the variable"
                + " of Genesys's gc CLI and CX as Code; {} would win over it)", key, variable,
                Settings.environmentName(key)));
        NorthAmericanTypes.warmUp();
        // a campaign file with mistakes refuses its own campaign: its drops wait, its sync is refused and shown
        ContactConfig.Campaigns campaigns = ContactConfig.read(configDir);
        GenesysConnection connection = GenesysConnection.open(settings);
        LOG.info("Genesys mode {}: API {} , login {}{}", connection.mode(), connection.hosts().apiUrl(),
                connection.hosts().loginUrl(), connection.sandbox() != null
                        ? " (embedded sandbox; nothing leaves this machine)" : "");
        OrgParts org = new OrgParts();
        Main main = new Main();
        try {
            prepareFolders(start, dataDir);
            start.observe().requireFreePort();
            main.setPropertyPlaceholderLocations(propertyLocations(configDir));
            main.configure().withRoutesIncludePattern(routesPattern(configDir));
            start.camelProperties(dataDir).forEach(main::addOverrideProperty);
            // the shared state opens before Camel starts: the instances' Quartz cluster keeps its triggers there
            start.shared().ifPresent(shared -> org.shared.set(ClusterWiring.connect(shared)));
            if (start.claims()) {
                main.bind("quartz", ClusterWiring.clusteredQuartz(org.shared.get(), start.shared().orElseThrow(),
                        start.instance()));
            }
            // one meter registry for Camel's meters and ours: camel-micrometer-prometheus takes the bean of this name
            // as Camel configures itself, before the configurations' beans are made, so it is bound here
            PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            main.bind("metricsRegistry", meterRegistry);
            // one configuration class per flow, as in camel-examples' main, in the order their beans depend on each
            // other, after the process's own parts
            main.configure().addConfiguration(new ProcessConfiguration(start, connection, campaigns, clock, dataDir,
                    org, new InboxClaims(), meterRegistry));
            main.configure().addConfiguration(new GenesysConfiguration());
            main.configure().addConfiguration(new NotifyConfiguration());
            main.configure().addConfiguration(new CampaignsConfiguration());
            main.configure().addConfiguration(new ContactsConfiguration());
            main.configure().addConfiguration(new ObserveConfiguration());
            main.start();
            CamelContext context = main.getCamelContext();
            OrgStartup startup = new OrgStartup(context, start, connection, org, clock);
            startup.requireRoutes(routesPattern(configDir));
            ProducerTemplate template = context.createProducerTemplate();
            org.template.set(template);
            OrgState.Identity identity = startup.openOrg(dataDir);
            Pipeline pipeline = new Pipeline(connection, main, template, trigger, org);
            startup.begin(identity);
            return pipeline;
        } catch (Exception | Error e) {
            // Camel may have started (the org is identified after it): stop it, or its threads keep the process
            // alive and its shutdown hook waits out its timeout
            try {
                main.stop();
            } catch (RuntimeException stopFailed) {
                e.addSuppressed(stopFailed);
            }
            org.close();
            connection.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("The pipeline did not start: " + e, e);
        }
    }

    /**
     * Camel's settings for this process, then every default once in the shipped settings (inside the jar), then the
     * config folder's file over them.
     */
    private static String propertyLocations(Path configDir) {
        Path properties = configDir.resolve("application.properties");
        return "classpath:camel/process.properties,classpath:defaults/application.properties"
                + (Files.isRegularFile(properties) ? ",file:" + properties.toAbsolutePath() : "");
    }

    /**
     * The inbox and the command files' folder exist; what a drop held (processed and failed copies, the ledger,
     * reports, the audit, webhook events) is readable by this process's user only, whatever the umask; the inbox
     * stays as it is (a CRM writes there).
     */
    private static void prepareFolders(StartSettings start, Path dataDir) throws IOException {
        Files.createDirectories(start.inbox());
        Files.createDirectories(start.commands());
        for (String held : new String[] {"state", "processed", "failed", "reports", "audit", "outbox",
                "dead-letter", "logs"}) {
            FileMoves.privateFolder(dataDir.resolve(held));
        }
    }

    /**
     * The routes: the {@code routes/} folder beside the config folder when there is one (editable without
     * rebuilding), else the copies inside the jar.
     */
    static String routesPattern(Path configDir) {
        Path parent = configDir.toAbsolutePath().normalize().getParent();
        Path dir = (parent == null ? Path.of("routes") : parent.resolve("routes")).toAbsolutePath();
        return Files.isDirectory(dir) ? "file:" + dir + "/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }

    private <T> T bean(String name, Class<T> type) {
        return registry.lookupByNameAndType(name, type);
    }

    public GenesysClient genesys() {
        return genesys;
    }

    public GenesysCalls calls() {
        return bean("genesysCalls", GenesysCalls.class);
    }

    public CampaignStates states() {
        return bean("campaignStates", CampaignStates.class);
    }

    public CampaignsFlow campaigns() {
        return bean("campaignsFlow", CampaignsFlow.class);
    }

    /**
     * Reconciles a campaign's contact list with what Genesys holds (the {@code contacts-reconcile} route), repairing
     * when asked; the report is in {@code reports/}.
     */
    public io.outboundsync.contacts.reconcile.Reconciliation reconcile(String campaign, boolean repair) {
        return template.requestBodyAndHeaders("direct:contacts-reconcile", null, Map.of("campaign", campaign,
                "repair", repair, "trigger", trigger), io.outboundsync.contacts.reconcile.Reconciliation.class);
    }

    /** Which Genesys this run acts on: {@code sandbox (embedded, no org)} or {@code live: <org> (<region>)}. */
    public String target() {
        return org.target.get();
    }

    /** The process's meters (what /observe/metrics serves). */
    public Meters meters() {
        return bean("meters", Meters.class);
    }

    /** What the status page shows (the drop in progress among it). */
    public StatusBoard statusBoard() {
        return bean("statusBoard", StatusBoard.class);
    }

    /** The batch size after an outage (smaller batches that grow back). */
    public BatchPace batchPace() {
        return bean("batchPace", BatchPace.class);
    }

    /** What keeps the embedded ledger open (reopens it after a full disk). */
    public io.outboundsync.contacts.ledger.LedgerKeeper ledgerKeeper() {
        return bean("ledgerKeeper", io.outboundsync.contacts.ledger.LedgerKeeper.class);
    }

    /** The circuit breaker on the Genesys calls. */
    public GenesysCircuit circuit() {
        return bean("genesysCircuit", GenesysCircuit.class);
    }

    public VersionLock versionLock() {
        return bean("versionLock", VersionLock.class);
    }

    /** Camel as this process runs it, for the composition root's own tests. */
    CamelContext camel() {
        return main.getCamelContext();
    }

    public GenesysConnection connection() {
        return connection;
    }

    public ContactDrops contactDrops() {
        return bean("contactDrops", ContactDrops.class);
    }

    public Notifier notifier() {
        return bean("notifier", Notifier.class);
    }

    public AuditLog audit() {
        return bean("audit", AuditLog.class);
    }

    /** Marks the run failed; its last audit record says so. */
    public void failed(String why) {
        outcome = "failed: " + why;
    }

    @Override
    public void close() {
        AuditLog audit = audit();
        Notifier notifier = notifier();
        try {
            audit.append("run.finished", trigger, "outbound-sync", outcome.startsWith("failed") ? "failed" : "ok",
                    Details.of("mode", connection.mode(), "outcome", outcome));
            // the head anchored outside the machine: a rewrite of the audit shows against what the CDP holds
            var head = audit.head();
            notifier.publish("cdp", "audit.checkpoint", Details.of("seq", head.seq(), "hash", head.hash(),
                    "keyId", head.keyId(), "trigger", trigger));
        } catch (RuntimeException e) {
            LOG.error("The run's last audit record or its checkpoint could not be written", e);
        }
        // the last events (this run's summary, its checkpoint) leave before the senders stop; the rest wait on disk
        notifier.flush();
        // the routes stop first (Camel's thread pools with them), so no trigger fires into a closed producer template
        main.stop();
        try {
            template.close();
        } catch (Exception e) {
            LOG.debug("Closing the producer template failed", e);
        }
        org.close();
        connection.close();
    }
}
