package io.outboundsync.runtime;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.campaigns.CampaignLimits;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.intake.ContactDrops;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.DncFileSync;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.notify.Notifier;
import io.outboundsync.notify.PseudonymKey;
import io.outboundsync.notify.Redactor;
import io.outboundsync.notify.WebhookTarget;
import io.outboundsync.state.CampaignStates;
import io.outboundsync.support.Current;
import io.outboundsync.support.Details;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running process: camel-main with the routes of {@code routes/} (they own the flow) and the beans of one
 * {@code @Configuration} class per flow ({@link GenesysConfiguration}, {@link NotifyConfiguration},
 * {@link CampaignsConfiguration}, {@link ContactsConfiguration}); this class opens the Genesys connection (the
 * in-process sandbox in sandbox mode), checks the settings that need more than a number, binds the process's own
 * parts, and, once Camel runs, opens the org's state and starts the triggers.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** The console's logger (log4j2.properties: shown whatever the console's level): the run's target. */
    private static final Logger TARGET = LoggerFactory.getLogger("outboundsync.console.target");

    private final GenesysConnection connection;
    private final Main main;
    private final ProducerTemplate template;
    private final GenesysClient genesys;
    private final GenesysCalls calls;
    private final VersionLock versionLock;
    private final Notifier notifier;
    private final AuditLog audit;
    private final String trigger;
    /** The ledger now: the {@link io.outboundsync.contacts.ledger.LedgerKeeper} swaps it for a reopened one. */
    private final Current<Ledger> ledger;
    /** The threads of the contacts' row checks (the parallel split of routes/contacts-chunks.camel.yaml). */
    private final java.util.concurrent.ExecutorService checks;
    private final ContactDrops contactDrops;
    private final AppliedObjects campaignState;
    private final CampaignsFlow campaigns;
    private final CampaignStates states;
    private String outcome = "ok";

    private Pipeline(GenesysConnection connection, Main main, ProducerTemplate template, GenesysCalls calls,
            VersionLock versionLock, Notifier notifier, AuditLog audit, String trigger, Current<Ledger> ledger,
            java.util.concurrent.ExecutorService checks, ContactDrops contactDrops, AppliedObjects campaignState,
            CampaignsFlow campaigns, CampaignStates states) {
        this.connection = connection;
        this.main = main;
        this.template = template;
        this.genesys = new GenesysClient(() -> template, calls);
        this.calls = calls;
        this.versionLock = versionLock;
        this.notifier = notifier;
        this.audit = audit;
        this.trigger = trigger;
        this.ledger = ledger;
        this.checks = checks;
        this.contactDrops = contactDrops;
        this.campaignState = campaignState;
        this.campaigns = campaigns;
        this.states = states;
    }

    public CampaignStates states() {
        return states;
    }

    /**
     * The contacts ledger; a read-only pipeline ({@code plan}) goes on without it (null) when another process holds
     * it, and then shows no local segment counts.
     */
    private static Ledger openLedger(Path stateDir, boolean readOnly) {
        try {
            return Ledger.open(stateDir);
        } catch (IllegalStateException e) {
            if (!readOnly) {
                throw e;
            }
            LOG.warn("{} Local segment counts are left out.", e.getMessage());
            return null;
        }
    }

    /**
     * The ledger in the PostgreSQL database the instances of the org share ({@code state.jdbc-url}, user and
     * password from {@code STATE_JDBC_USER} / {@code STATE_JDBC_PASSWORD}); migrated at start. The org's folder
     * keeps only this machine's temporary files.
     */
    private static io.outboundsync.cluster.StateDatabase connectShared(Settings settings, String url) {
        return io.outboundsync.cluster.StateDatabase.connect(url, settings.find("state.jdbc-user").orElse(null),
                settings.find("state.jdbc-password").orElse(null), settings.getInt("state.jdbc-pool-size"));
    }

    /** The Quartz groups of the process's own schedules (routes/*.camel.yaml: quartz://GROUP/NAME). */
    static final java.util.Set<String> SCHEDULE_GROUPS = java.util.Set.of("campaigns", "contacts", "transitions");

    /**
     * camel-quartz on the instances' Quartz cluster in the shared state: each firing taken by one instance. Its
     * scheduler starts once the org's state is open and the schedules are in place (not with Camel), so no firing
     * meets a route not yet started.
     */
    private static org.apache.camel.component.quartz.QuartzComponent clusteredQuartz(
            io.outboundsync.cluster.StateDatabase shared, Settings settings, String instance) {
        var quartz = new org.apache.camel.component.quartz.QuartzComponent();
        quartz.setSchedulerFactory(io.outboundsync.cluster.ClusteredSchedules.factory(shared.dataSource(),
                instance, settings.getLong("state.cluster-check-in-ms"), 2));
        quartz.setAutoStartScheduler(false);
        return quartz;
    }

    /**
     * This instance among those of the shared state: its heartbeat (route {@code cluster-heartbeat} from the template
     * of {@code routes/cluster.camel.yaml}) saying what it holds, the health check {@code instances}, and its row
     * removed when Camel stops.
     */
    private static void joinCluster(CamelContext context, Settings settings, String instance,
            io.outboundsync.cluster.StateDatabase shared, io.outboundsync.cluster.ClaimRepository claimed, Clock clock)
            throws Exception {
        org.apache.camel.component.quartz.QuartzComponent quartz =
                context.getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class);
        long checkInMs = settings.getLong("state.cluster-check-in-ms");
        var instances = new io.outboundsync.cluster.Instances(shared.dataSource(), instance, hostName(),
                ProcessHandle.current().pid(), () -> {
                    java.util.List<String> holding = new java.util.ArrayList<>();
                    claimed.held().stream().sorted().forEach(file -> holding.add("file " + file));
                    try {
                        quartz.getScheduler().getCurrentlyExecutingJobs().forEach(job ->
                                holding.add("schedule " + job.getTrigger().getKey()));
                    } catch (org.quartz.SchedulerException e) {
                        holding.add("schedule (unknown: " + e.getMessage() + ")");
                    }
                    return holding;
                }, clock, java.time.Duration.ofMillis(checkInMs));
        context.getRegistry().bind("clusterInstances", instances);
        org.apache.camel.builder.TemplatedRouteBuilder.builder(context, "cluster-heartbeat")
                .routeId("cluster-heartbeat").parameter("instances", "clusterInstances")
                .parameter("periodMs", String.valueOf(checkInMs)).parameter("instanceId", instances.id())
                .parameter("silentAfterMs", String.valueOf(instances.silentAfter().toMillis())).add();
        org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new io.outboundsync.observe.InstancesHealth(instances, clock));
        }
        // a stopping instance says so (before the pool closes: Camel stops before the ledger is closed)
        context.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext stopping) {
                try {
                    instances.leave();
                } catch (java.sql.SQLException e) {
                    LOG.warn("This instance could not remove its row from the shared state's instances: {}",
                            e.getMessage());
                }
            }
        });
    }

    /** {@code state.instance-id}, or this host's name and the process id: unique among running instances. */
    public static String instanceId(Settings settings) {
        java.util.Optional<String> set = settings.find("state.instance-id").filter(id -> !id.isBlank());
        if (set.isPresent() && !set.get().matches("[A-Za-z0-9._-]{1,100}")) {
            throw settings.invalid("state.instance-id", set.get(), "up to 100 letters, digits, dots, dashes and"
                    + " underscores, unique among the instances (such as the host's name)");
        }
        return set.orElseGet(() -> hostName().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** The Quartz triggers this configuration declares, by key (group as in the routes' quartz URIs). */
    static Map<org.quartz.TriggerKey, io.outboundsync.cluster.ClusteredSchedules.Cron> configuredSchedules(
            Settings settings, java.util.List<io.outboundsync.campaigns.CampaignSpec> specs, boolean reconcile) {
        Map<org.quartz.TriggerKey, io.outboundsync.cluster.ClusteredSchedules.Cron> schedules = new LinkedHashMap<>();
        schedules.put(new org.quartz.TriggerKey("sync", "campaigns"),
                new io.outboundsync.cluster.ClusteredSchedules.Cron(syncCron(settings), syncZone(settings)));
        if (reconcile) {
            schedules.put(new org.quartz.TriggerKey("reconcile", "contacts"),
                    new io.outboundsync.cluster.ClusteredSchedules.Cron(settings.get("contacts.reconcile.cron"),
                            settings.get("contacts.reconcile.time-zone")));
        }
        for (io.outboundsync.campaigns.CampaignSpec spec : specs) {
            for (int i = 0; i < spec.transitions().size(); i++) {
                schedules.put(new org.quartz.TriggerKey(transitionRouteId(spec, i), "transitions"),
                        new io.outboundsync.cluster.ClusteredSchedules.Cron(spec.transitions().get(i).cron(),
                                spec.campaign().timeZone().getId()));
            }
        }
        return schedules;
    }

    private static String transitionRouteId(io.outboundsync.campaigns.CampaignSpec spec, int index) {
        return "campaign-transition-" + spec.key() + "-" + (index + 1);
    }

    /**
     * The inbox claims in the shared database: camel-sql's orphan-lock-aware repository (with an atomic claim,
     * {@link io.outboundsync.cluster.ClaimRepository}) renews this instance's claims every third of the lease; a
     * claim not renewed for a lease (its instance died) is taken over.
     */
    private static io.outboundsync.cluster.ClaimRepository claimRepository(CamelContext context,
            io.outboundsync.cluster.StateDatabase shared, long leaseMs) throws Exception {
        var repository = new io.outboundsync.cluster.ClaimRepository(shared.dataSource(), "inbox", context, leaseMs);
        // Camel starts it now and stops it with the context
        context.addService(repository, true, true);
        return repository;
    }

    private static Ledger sharedLedger(io.outboundsync.cluster.StateDatabase database, String url, Path orgDir) {
        try {
            java.nio.file.Files.createDirectories(orgDir);
        } catch (java.io.IOException e) {
            database.close();
            throw new java.io.UncheckedIOException(e);
        }
        LOG.info("Shared state: {} (the ledger); this machine's temporary files: {}", url, orgDir);
        return new io.outboundsync.contacts.ledger.PostgresLedger(database.dataSource(), orgDir, database);
    }

    /** The campaign state; a plan beside a running process goes on with a detached one (drift not shown). */
    private static AppliedObjects openCampaignState(Path stateDir, boolean plan) {
        try {
            return AppliedObjects.open(stateDir);
        } catch (AppliedObjects.InUse e) {
            if (!plan) {
                throw e;
            }
            LOG.warn("The campaign state is in use by a running process: this plan cannot tell drift from a change.");
            return AppliedObjects.detached();
        }
    }

    /** {@code campaigns.sync.cron}, checked: a Quartz cron (seconds minutes hours day-of-month month day-of-week). */
    static String syncCron(Settings settings) {
        String cron = settings.get("campaigns.sync.cron");
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            throw settings.invalid("campaigns.sync.cron", cron, "a Quartz cron of six fields such as 0 0/15 * * * ?"
                    + " (every 15 minutes)");
        }
        return cron;
    }

    static String syncZone(Settings settings) {
        String zone = settings.get("campaigns.sync.time-zone");
        try {
            return java.time.ZoneId.of(zone).getId();
        } catch (java.time.DateTimeException e) {
            throw settings.invalid("campaigns.sync.time-zone", zone, "an IANA time zone such as Europe/London");
        }
    }

    /** {@code campaigns.default-calling-window}: HH:mm-HH:mm, every day in the campaign's zone. */
    static io.outboundsync.campaigns.CampaignSpec.Slot defaultCallingWindow(Settings settings) {
        String value = settings.get("campaigns.default-calling-window");
        var window = CampaignLimits.parseWindow(value);
        if (window == null) {
            throw settings.invalid("campaigns.default-calling-window", value, "HH:mm-HH:mm with the start before the"
                    + " end, such as 08:00-21:00 (the TCPA hours)");
        }
        return window;
    }

    /** {@code campaigns.drift}: report or correct. */
    static CampaignSync.DriftPolicy driftPolicy(Settings settings) {
        String value = settings.get("campaigns.drift");
        return switch (value) {
            case "report" -> CampaignSync.DriftPolicy.REPORT;
            case "correct" -> CampaignSync.DriftPolicy.CORRECT;
            default -> throw settings.invalid("campaigns.drift", value, "report or correct");
        };
    }

    public CampaignsFlow campaigns() {
        return campaigns;
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
        io.outboundsync.config.KnownKeys.shipped().check(settings);
        settings.fromGenesysToolVariables().forEach((key, variable) -> LOG.info("{} is taken from {} (the variable"
                + " of Genesys's gc CLI and CX as Code; {} would win over it)", key, variable,
                Settings.environmentName(key)));
        io.outboundsync.contacts.checks.NorthAmericanTypes.warmUp();
        // a campaign file with mistakes refuses its own campaign: its drops wait, its sync is refused and shown
        ContactConfig.Campaigns read = ContactConfig.read(configDir);
        var campaigns = read.usable();

        GenesysConnection connection = GenesysConnection.open(settings);
        LOG.info("Genesys mode {}: API {} , login {}{}", connection.mode(), connection.hosts().apiUrl(),
                connection.hosts().loginUrl(), connection.sandbox() != null
                        ? " (embedded sandbox; nothing leaves this machine)" : "");
        // the org's state opens once the org is known (after Camel starts: the org is asked through the API);
        // the beans the routes call are made before, and reach the state through these
        AtomicReference<Ledger> ledgerRef = new AtomicReference<>();
        AtomicReference<String> targetRef = new AtomicReference<>();
        io.outboundsync.cluster.InboxClaims inboxClaims = new io.outboundsync.cluster.InboxClaims();
        AtomicReference<AppliedObjects> stateRef = new AtomicReference<>();
        AtomicReference<io.outboundsync.cluster.StateDatabase> sharedRef = new AtomicReference<>();
        java.util.concurrent.ExecutorService openedChecks = null;
        Main startedMain = null;
        try {
            Main main = new Main();
            startedMain = main;
            // every default once, in the shipped settings (inside the jar); the config folder's file over them
            Path properties = configDir.resolve("application.properties");
            main.setPropertyPlaceholderLocations("classpath:defaults/application.properties"
                    + (Files.isRegularFile(properties) ? ",file:" + properties.toAbsolutePath() : ""));
            main.configure().withRoutesIncludePattern(routesPattern(configDir));
            // the routes' own keys as the settings resolve them (file, environment, -D, values given in code)
            for (String prefix : new String[] {"contacts.", "notify.", "genesys.", "campaigns.", "state.", "observe."}) {
                for (String key : settings.keysStartingWith(prefix)) {
                    settings.find(key).ifPresent(value -> main.addOverrideProperty(key, value));
                }
            }
            // the inbox may be a folder the instances share (contacts.inbox.dir); each keeps its own data folder
            Path inbox = settings.find("contacts.inbox.dir").filter(d -> !d.isBlank()).map(Path::of)
                    .orElse(dataDir.resolve("inbox").resolve("contacts")).toAbsolutePath();
            java.nio.file.Files.createDirectories(inbox);
            main.addOverrideProperty("contacts.inbox.dir", inbox.toString());
            // instances on one shared state claim each file in the database before they take it (run only: once
            // takes the inbox as one machine does)
            boolean claims = settings.find("state.jdbc-url").filter(u -> !u.isBlank()).isPresent()
                    && "run".equals(trigger);
            main.addOverrideProperty("contacts.inbox.completion-options", completionOptions(settings, claims));
            // a command file is carried out once: by this process (embedded), or by the instance that claims it
            main.addOverrideProperty("campaigns.commands.read-lock", commandReadLock(claims));
            if (claims) {
                main.addOverrideProperty("contacts.inbox.take-once", "false");
            }
            // a one-shot tool (plan, campaign, audit export): no inbox, no command files, no schedules; the ledger
            // may be in use by a running process
            boolean readOnly = settings.getSwitch("pipeline.tool", false);
            // the inbox starts once the do-not-call files are pushed (below), never in a one-shot tool
            boolean watchInbox = !readOnly && settings.getSwitch("contacts.inbox.auto-startup", true);
            main.addOverrideProperty("contacts.inbox.auto-startup", "false");
            // once reconciles by itself and exits: no cron, no command files, no scheduled transitions
            boolean triggers = !readOnly && settings.getSwitch("campaigns.triggers", true);
            // the triggers start once the org's state is open (below)
            main.addOverrideProperty("campaigns.routes.auto-startup", "false");
            main.addOverrideProperty("contacts.dnc.auto-startup", "false");
            main.addOverrideProperty("campaigns.sync.cron", syncCron(settings));
            // the nightly reconciliation: off unless contacts.reconcile.cron is set, never in a one-shot tool
            java.util.Optional<String> reconcileCron = settings.find("contacts.reconcile.cron");
            main.addOverrideProperty("contacts.reconcile.cron", reconcileCron.orElse("0 0 0 1 1 ? 2099"));
            boolean reconcileOnCron = reconcileCron.isPresent() && !readOnly && "run".equals(trigger);
            // started with the other schedules (below)
            main.addOverrideProperty("contacts.reconcile.auto-startup", "false");
            main.addOverrideProperty("campaigns.sync.time-zone", syncZone(settings));
            Path commands = settings.find("campaigns.commands.dir").filter(d -> !d.isBlank()).map(Path::of)
                    .orElse(dataDir.resolve("inbox").resolve("commands")).toAbsolutePath();
            java.nio.file.Files.createDirectories(commands);
            main.addOverrideProperty("campaigns.commands.dir", commands.toString());
            AtomicReference<ProducerTemplate> started = new AtomicReference<>();
            int checkThreads = ContactsConfiguration.threads(settings.getInt("contacts.validation-threads"));
            openedChecks = checkPool(checkThreads);
            // the process's own parts, which the configurations' beans are made of; settings that need more than a
            // number are checked here, so a wrong one stops start-up with its key and the fix
            main.bind("genesysConnection", connection);
            main.bind("contactCampaigns", campaigns);
            main.bind("target", (io.outboundsync.support.Current<String>) targetRef::get);
            main.bind("refusedCampaignFiles", read.refused());
            main.bind("clock", clock);
            main.bind("templates", (Current<ProducerTemplate>) started::get);
            main.bind("ledgers", (Current<Ledger>) ledgerRef::get);
            io.outboundsync.contacts.ledger.LedgerKeeper ledgerKeeper = new io.outboundsync.contacts.ledger.LedgerKeeper(ledgerRef,
                    clock);
            main.bind("ledgerKeeper", ledgerKeeper);
            main.bind("inboxClaims", inboxClaims);
            main.bind("orgCampaignState", (Current<AppliedObjects>) stateRef::get);
            main.bind("redactor", new Redactor(PseudonymKey.load(settings.find("privacy.pseudonym-key")
                    .orElse(null), dataDir)));
            main.bind("auditKey", AuditLog.keyFile(dataDir).load(settings.find("audit.key").orElse(null)));
            main.bind("webhookTargets", webhookTargets(settings, connection));
            main.bind("driftPolicy", driftPolicy(settings));
            main.bind("defaultCallingWindow", defaultCallingWindow(settings));
            main.bind("contactsCheckPool", openedChecks);
            // one meter registry for Camel's meters and ours (camel-micrometer-prometheus takes the bean of this
            // name); /observe/health and /observe/metrics are served by `run` only, on observe.host:observe.port
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry meterRegistry =
                    new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            main.bind("metricsRegistry", meterRegistry);
            main.bind("meters", new io.outboundsync.observe.Meters(meterRegistry));
            observe(main, settings, trigger);
            String instance = instanceId(settings);
            // the shared state opens before Camel starts: the instances' Quartz cluster keeps its triggers there
            String sharedUrl = settings.find("state.jdbc-url").filter(url -> !url.isBlank()).orElse(null);
            if (sharedUrl != null) {
                sharedRef.set(connectShared(settings, sharedUrl));
            }
            if (claims) {
                main.bind("quartz", clusteredQuartz(sharedRef.get(), settings, instance));
            }
            main.addOverrideProperty("pipeline.trigger", trigger);
            main.addOverrideProperty("pipeline.instance", instance);
            main.addOverrideProperty("pipeline.data-dir", dataDir.toAbsolutePath().toString());
            // what a drop held (processed and failed copies, the ledger, reports, the audit, webhook events) is
            // readable by this process's user only, whatever the umask; the inbox stays as it is (a CRM writes there)
            for (String held : new String[] {"state", "processed", "failed", "reports", "audit", "outbox",
                    "dead-letter", "logs"}) {
                io.outboundsync.support.FileMoves.privateFolder(dataDir.resolve(held));
            }
            main.addOverrideProperty("contacts.reports.dir", dataDir.resolve("reports").toAbsolutePath().toString());
            main.addOverrideProperty("audit.dir", dataDir.resolve("audit").toAbsolutePath().toString());
            // the composition root, as in camel-examples' main: one configuration class per flow, in the order
            // their beans depend on each other
            main.configure().addConfiguration(GenesysConfiguration.class);
            main.configure().addConfiguration(NotifyConfiguration.class);
            main.configure().addConfiguration(CampaignsConfiguration.class);
            main.configure().addConfiguration(ContactsConfiguration.class);
            main.configure().addConfiguration(ObserveConfiguration.class);

            main.start();
            CamelContext context = main.getCamelContext();
            for (String route : new String[] {"genesys-call", "genesys-add-contacts", "notify-publish",
                    "notify-deliver", "contacts-inbox", "contacts-drop", "contacts-upload", "contacts-withdraw",
                    "contacts-drop-end", "campaigns-schedule", "campaigns-commands", "campaigns-sync",
                    "audit-append"}) {
                if (context.getRoute(route) == null) {
                    throw new io.outboundsync.config.ConfigException("The route " + route + " was not loaded from "
                            + routesPattern(configDir) + ". Fix: keep the project's routes/ folder beside the config"
                            + " folder, or remove it to use the routes inside the jar.");
                }
            }
            ProducerTemplate template = context.createProducerTemplate();
            started.set(template);
            org.apache.camel.spi.Registry registry = context.getRegistry();
            GenesysClient genesysClient = registry.lookupByNameAndType("genesysClient", GenesysClient.class);
            GenesysCalls calls = registry.lookupByNameAndType("genesysCalls", GenesysCalls.class);
            VersionLock versionLock = registry.lookupByNameAndType("versionLock", VersionLock.class);
            Notifier notifier = registry.lookupByNameAndType("notifier", Notifier.class);
            AuditLog audit = registry.lookupByNameAndType("audit", AuditLog.class);
            CampaignsFlow campaignsFlow = registry.lookupByNameAndType("campaignsFlow", CampaignsFlow.class);
            CampaignStates states = registry.lookupByNameAndType("campaignStates", CampaignStates.class);
            DncFileSync dncFiles = registry.lookupByNameAndType("dncFiles", DncFileSync.class);
            OrgState.Identity org = OrgState.identify(genesysClient, connection.hosts().apiUrl(),
                    connection.sandbox() != null);
            Path orgDir = OrgState.folder(dataDir.resolve("state"), org);
            io.outboundsync.cluster.StateDatabase shared = sharedRef.get();
            if (shared != null) {
                shared.bindOrg(org.orgId());
            }
            ledgerRef.set(shared != null ? sharedLedger(shared, sharedUrl, orgDir) : openLedger(orgDir, readOnly));
            if (shared == null && ledgerRef.get() != null) {
                // a ledger H2 closed (a write failed: a full disk) is opened again from its files once it can be
                ledgerKeeper.reopenWith(() -> Ledger.open(orgDir),
                        () -> io.outboundsync.observe.ReadinessProblems.headroom(orgDir, 1 << 20));
            }
            if (claims) {
                var claimed = claimRepository(context, shared, settings.getLong("state.claim-lease-ms"));
                inboxClaims.use(claimed);
                joinCluster(context, settings, instance, shared, claimed, clock);
            }
            if (shared != null) {
                states.useClusterLock(new io.outboundsync.cluster.AdvisoryLocks(shared.dataSource()));
            }
            // what was applied and requested: shared by the instances, or this data folder's
            stateRef.set(shared != null ? AppliedObjects.shared(shared.dataSource())
                    : openCampaignState(orgDir, readOnly && "plan".equals(trigger)));
            LOG.info("Genesys org {} ({}); its state: {}", org.orgId(), org.orgName(), orgDir);
            // the first line on the console: which Genesys this run acts on
            String target = org.target(connection.hosts().apiUrl());
            targetRef.set(target);
            TARGET.info("Target: {}", target);
            read.refused().forEach(refused -> LOG.error("Campaign {} is refused until its file is fixed (the other"
                    + " campaigns go on): {}", refused.key(), refused.getMessage()));
            Pipeline pipeline = new Pipeline(connection, main, template, calls, versionLock, notifier, audit, trigger,
                    ledgerRef::get, openedChecks, registry.lookupByNameAndType("contactDrops", ContactDrops.class),
                    stateRef.get(), campaignsFlow, states);
            audit.append("run.started", trigger, "outbound-sync", "ok", Details.of(
                    "mode", connection.mode(), "api", connection.hosts().apiUrl(), "orgId", org.orgId(),
                    "orgName", org.orgName()));
            if (settings.getBoolean("notify.resend-dead-letters-at-start")) {
                notifier.resendDeadLetters();
            }
            if (!readOnly) {
                // before any drop: numbers on the do-not-call file are on the DNC list Genesys checks
                dncFiles.pushChanged(trigger);
            }
            if (watchInbox) {
                context.getRouteController().startRoute("contacts-inbox");
            }
            if (triggers) {
                java.util.List<io.outboundsync.campaigns.CampaignSpec> specs = campaignsFlow.validSpecs();
                org.apache.camel.component.quartz.QuartzComponent quartz =
                        context.getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class);
                if (claims) {
                    // the shared schedule holds what this configuration declares, nothing stale
                    io.outboundsync.cluster.ClusteredSchedules.prune(quartz.getScheduler(), SCHEDULE_GROUPS,
                            configuredSchedules(settings, specs, reconcileOnCron));
                }
                for (String route : new String[] {"campaigns-schedule", "campaigns-commands", "contacts-dnc-file"}) {
                    context.getRouteController().startRoute(route);
                }
                if (reconcileOnCron) {
                    context.getRouteController().startRoute("contacts-reconcile-schedule");
                }
                addTransitions(context, specs);
                if (claims) {
                    quartz.getScheduler().start();
                }
            }
            return pipeline;
        } catch (Exception | Error e) {
            // Camel may have started (the org is identified after it): stop it, or its threads keep the process
            // alive and its shutdown hook waits out its timeout
            if (startedMain != null) {
                try {
                    startedMain.stop();
                } catch (RuntimeException stopFailed) {
                    e.addSuppressed(stopFailed);
                }
            }
            if (stateRef.get() != null) {
                stateRef.get().close();
            }
            if (openedChecks != null) {
                openedChecks.shutdownNow();
            }
            if (ledgerRef.get() != null) {
                ledgerRef.get().close();
            } else if (sharedRef.get() != null) {
                sharedRef.get().close();
            }
            connection.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("The pipeline did not start: " + e, e);
        }
    }

    /** The threads of the row checks: daemons, so a hung check never keeps the JVM alive. */
    private static java.util.concurrent.ExecutorService checkPool(int threads) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "contacts-check-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One route per scheduled transition of the campaign files, from the {@code campaign-transition} template of
     * {@code routes/campaigns.camel.yaml}: their number comes from the configuration.
     */
    static void addTransitions(CamelContext context, java.util.List<io.outboundsync.campaigns.CampaignSpec> specs) {
        for (io.outboundsync.campaigns.CampaignSpec spec : specs) {
            for (int i = 0; i < spec.transitions().size(); i++) {
                String id = transitionRouteId(spec, i);
                org.apache.camel.builder.TemplatedRouteBuilder.builder(context, "campaign-transition").routeId(id)
                        .parameter("job", id)
                        .parameter("campaign", spec.key().replace("'", ""))
                        .parameter("index", String.valueOf(i))
                        .parameter("cron", spec.transitions().get(i).cron().trim().replaceAll("\\s+", "+"))
                        .parameter("timeZone", spec.campaign().timeZone().getId())
                        .add();
            }
        }
    }

    /**
     * The CDP and WFM receivers. In sandbox mode both point at the sandbox's webhook sink, so nothing leaves the
     * machine; in live mode an unconfigured one is skipped.
     */
    static Map<String, WebhookTarget> webhookTargets(Settings settings, GenesysConnection connection) {
        Map<String, WebhookTarget> targets = new LinkedHashMap<>();
        for (String name : new String[] {"cdp", "wfm", io.outboundsync.observe.Alerts.RECEIVER}) {
            String url = settings.find("notify." + name + ".url").orElse(null);
            String secret = settings.find("notify." + name + ".secret").orElse(null);
            if (connection.sandbox() != null) {
                url = connection.sandbox().baseUrl() + "/sandbox/webhooks/" + name;
                secret = secret != null ? secret : "sandbox-" + name + "-secret";
            } else if (url != null && secret == null) {
                throw new io.outboundsync.config.ConfigException("Setting notify." + name + ".secret is missing while"
                        + " notify." + name + ".url is set. Fix: set the shared secret the receiver verifies"
                        + " X-Signature with (environment variable NOTIFY_" + name.toUpperCase(java.util.Locale.ROOT)
                        + "_SECRET).");
            }
            targets.put(name, new WebhookTarget(name, url, secret));
        }
        return targets;
    }

    /**
     * Health and metrics: served by {@code run} only (once and the tools may run side by side), on a port that must
     * be free; JMX never (camel-management comes with the observability services, and it registered an MBean for
     * every route, processor and endpoint: 0.4 s of each start).
     */
    private static void observe(Main main, Settings settings, String trigger) {
        boolean observe = "run".equals(trigger) && settings.getBoolean("observe.enabled");
        if (observe) {
            requireFreePort(settings);
        }
        main.addOverrideProperty("camel.main.jmxEnabled", "false");
        main.addOverrideProperty("camel.management.enabled", String.valueOf(observe));
        main.addOverrideProperty("camel.management.port", String.valueOf(settings.getInt("observe.port")));
        main.addOverrideProperty("camel.management.host", settings.get("observe.host"));
        main.addOverrideProperty("camel.management.metricsEnabled", String.valueOf(observe));
        main.addOverrideProperty("camel.management.healthCheckEnabled", String.valueOf(observe));
        main.addOverrideProperty("camel.metrics.enabled", String.valueOf(observe));
        main.addOverrideProperty("camel.health.enabled", String.valueOf(observe));
        // a webhook sender's consumer counts as "not yet polled" while it works through its outbox or waits out a
        // receiver's retries: a receiver being down is not this process being unready (webhook-dead-letters says
        // what it means for us)
        main.addOverrideProperty("camel.health.excludePattern", "consumer:notify-sender-*");
        main.addOverrideProperty("camel.opentelemetry2.enabled",
                String.valueOf(observe && settings.getBoolean("observe.tracing")));
        // the status page's routes (routes/status.camel.yaml, platform-http) on Camel's main HTTP server, on the
        // same host and port: the management endpoints then share that server (ManagementHttpServer reuses a main
        // server on its port)
        main.addOverrideProperty("camel.server.enabled", String.valueOf(observe));
        main.addOverrideProperty("camel.server.port", String.valueOf(settings.getInt("observe.port")));
        main.addOverrideProperty("camel.server.host", settings.get("observe.host"));
        main.addOverrideProperty("observe.status.auto-startup", String.valueOf(observe));
    }

    /**
     * The health and metrics port must be free: Camel's HTTP server only logs a port it cannot take and runs on
     * without health or metrics, which a supervisor would read as a dead process.
     */
    private static void requireFreePort(Settings settings) {
        String host = settings.get("observe.host");
        int port = settings.getInt("observe.port");
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            throw new io.outboundsync.config.ConfigException("observe.port " + port + " on " + host + " cannot be"
                    + " taken for health and metrics (" + e.getMessage() + "): is another Outbound Sync running?"
                    + " Fix: stop it, set observe.port (OBSERVE_PORT) to a free port, or observe.enabled=false.");
        }
    }

    /**
     * How the inbox knows a file is complete: {@code contacts.inbox.completion=read-lock} (the default: the file
     * has stopped changing) or {@code done-file} (a {@code <name>.done} file beside it, written by the sender).
     */
    static String completionOptions(Settings settings) {
        return completionOptions(settings, false);
    }

    /**
     * The file consumers' claim in the shared database: the read lock is an idempotent repository
     * ({@code inboxClaims}), keyed by the file's path under the inbox (the same on every instance, wherever the
     * shared folder is mounted), given back when the instance is done with the file.
     */
    static final String CLAIMED = claimedOptions("inboxClaims");

    /** The claim options with the repository of that name. */
    public static String claimedOptions(String repository) {
        return claimedOptions(repository, 0);
    }

    /** The claim options, taking a file once it has not changed for {@code quietMs}. */
    public static String claimedOptions(String repository, long quietMs) {
        return claim(repository) + "&readLock=idempotent-changed&readLockCheckInterval=250" + quiet(quietMs);
    }

    /**
     * A file is taken once it has not changed for {@code quietMs} (its age by modification time, and unchanged
     * between two checks): a writer that pauses less than that is never read half-way. The lock waits that long and
     * more; past it the file waits for the next poll.
     */
    private static String quiet(long quietMs) {
        // a file still being written past the lock's wait is said in the log (Camel's line names it), not skipped
        // silently, and waits for the next poll
        return "&readLockMinAge=" + quietMs + "&readLockTimeout=" + (quietMs + 10_000) + "&readLockLoggingLevel=INFO";
    }

    /** The claim without its read lock: a done-file drop is whole already, claimed without waiting for changes. */
    private static String claim(String repository) {
        return "idempotentRepository=#" + repository + "&idempotentKey=${file:name}"
                + "&readLockRemoveOnCommit=true&readLockRemoveOnRollback=true";
    }

    /** The command files' options: this process's memory of the files taken, or the claim of one instance. */
    public static String commandReadLock(boolean claims) {
        return claims ? "idempotent=false&" + CLAIMED
                : "idempotent=true&idempotentKey=${file:name}-${file:modified}-${file:size}"
                + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=0";
    }

    /** {@code contacts.inbox.quiet-ms}: how long a drop must not have changed before it is taken. */
    static long quietMs(Settings settings) {
        long quiet = settings.getLong("contacts.inbox.quiet-ms");
        if (quiet < 0) {
            throw settings.invalid("contacts.inbox.quiet-ms", String.valueOf(quiet), "0 or more milliseconds (10000"
                    + " or more on a network share)");
        }
        return quiet;
    }

    static String completionOptions(Settings settings, boolean claims) {
        String completion = settings.get("contacts.inbox.completion");
        return switch (completion) {
            case "read-lock" -> claims
                    ? claimedOptions("inboxClaims", quietMs(settings)) + "&readLockMinLength=0"
                    : "readLock=changed&readLockCheckInterval=" + settings.getLong("contacts.inbox.read-lock-check-ms")
                    + quiet(quietMs(settings))
                    + "&readLockMinLength=0"; // an empty file is taken too, and refused with its reason
            case "done-file" -> claims ? claim("inboxClaims") + "&readLock=idempotent&doneFileName=${file:name}.done"
                    : "readLock=none&doneFileName=${file:name}.done";
            default -> throw settings.invalid("contacts.inbox.completion", completion, "read-lock or done-file");
        };
    }

    /**
     * The routes: the {@code routes/} folder beside the config folder when there is one (editable without
     * rebuilding), else the copies inside the jar.
     */
    static String routesPattern(Path configDir) {
        Path parent = configDir.toAbsolutePath().normalize().getParent();
        Path dir = (parent == null ? Path.of("routes") : parent.resolve("routes")).toAbsolutePath();
        return java.nio.file.Files.isDirectory(dir) ? "file:" + dir + "/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }

    public GenesysClient genesys() {
        return genesys;
    }

    public GenesysCalls calls() {
        return calls;
    }

    /**
     * Reconciles a campaign's contact list with what Genesys holds (the {@code contacts-reconcile} route), repairing
     * when asked; the report is in {@code reports/}.
     */
    public io.outboundsync.contacts.reconcile.Reconciler.Reconciliation reconcile(String campaign, boolean repair) {
        return template.requestBodyAndHeaders("direct:contacts-reconcile", null, java.util.Map.of("campaign", campaign,
                "repair", repair, "trigger", trigger), io.outboundsync.contacts.reconcile.Reconciler.Reconciliation.class);
    }

    /** Which Genesys this run acts on: {@code sandbox (embedded, no org)} or {@code live: <org> (<region>)}. */
    @SuppressWarnings("unchecked")
    public String target() {
        return ((io.outboundsync.support.Current<String>) main.getCamelContext().getRegistry().lookupByName("target"))
                .get();
    }

    /** The process's meters (what /observe/metrics serves). */
    public io.outboundsync.observe.Meters meters() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("meters", io.outboundsync.observe.Meters.class);
    }

    /** What the status page shows (the drop in progress among it). */
    public io.outboundsync.observe.StatusBoard statusBoard() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("statusBoard",
                io.outboundsync.observe.StatusBoard.class);
    }

    /** The batch size after an outage (smaller batches that grow back). */
    public io.outboundsync.genesys.BatchPace batchPace() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("batchPace",
                io.outboundsync.genesys.BatchPace.class);
    }

    /** What keeps the embedded ledger open (reopens it after a full disk). */
    public io.outboundsync.contacts.ledger.LedgerKeeper ledgerKeeper() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("ledgerKeeper",
                io.outboundsync.contacts.ledger.LedgerKeeper.class);
    }

    /** The circuit breaker on the Genesys calls. */
    public io.outboundsync.genesys.GenesysCircuit circuit() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("genesysCircuit",
                io.outboundsync.genesys.GenesysCircuit.class);
    }

    public VersionLock versionLock() {
        return versionLock;
    }

    public GenesysConnection connection() {
        return connection;
    }

    public ContactDrops contactDrops() {
        return contactDrops;
    }

    public Notifier notifier() {
        return notifier;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Marks the run failed; its last audit record says so. */
    public void failed(String why) {
        outcome = "failed: " + why;
    }

    @Override
    public void close() {
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
        // the routes stop first, so no trigger fires into a closed producer template
        main.stop();
        try {
            template.close();
        } catch (Exception e) {
            LOG.debug("Closing the producer template failed", e);
        }
        checks.shutdownNow();
        if (ledger.get() != null) {
            ledger.get().close();
        }
        campaignState.close();
        connection.close();
    }
}
