package io.outboundsync.runtime;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.cluster.AdvisoryLocks;
import io.outboundsync.cluster.ClaimRepository;
import io.outboundsync.cluster.ClusteredSchedules;
import io.outboundsync.cluster.InboxClaims;
import io.outboundsync.cluster.StateDatabase;
import io.outboundsync.config.CampaignFileException;
import io.outboundsync.config.ConfigException;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LedgerKeeper;
import io.outboundsync.contacts.upload.DncFileSync;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.Notifier;
import io.outboundsync.observe.ReadinessProblems;
import io.outboundsync.state.CampaignStates;
import io.outboundsync.support.Details;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run does once Camel runs, in order: the org is identified through the API, its state opened (this data
 * folder's, or the instances' shared one), this instance joins the others, the console says which Genesys this is,
 * the run's first audit record is written, the do-not-call files are pushed, and only then do the inbox, the
 * command files and the schedules start, so no drop or firing meets a state not yet open.
 */
final class OrgStartup {

    /** The routes a run cannot go without (a routes/ folder of another version may lack them). */
    static final List<String> REQUIRED_ROUTES = List.of("genesys-call", "genesys-add-contacts", "notify-publish",
            "notify-deliver", "contacts-inbox", "contacts-drop", "contacts-upload", "contacts-withdraw",
            "contacts-drop-end", "campaigns-schedule", "campaigns-commands", "campaigns-sync", "audit-append");
    private static final Logger LOG = LoggerFactory.getLogger(OrgStartup.class);
    /** The console's logger (log4j2.properties: shown whatever the console's level): the run's target. */
    private static final Logger TARGET = LoggerFactory.getLogger("outboundsync.console.target");

    private final CamelContext context;
    private final StartSettings settings;
    private final GenesysConnection connection;
    private final OrgParts org;
    private final Clock clock;
    private final Registry registry;

    OrgStartup(CamelContext context, StartSettings settings, GenesysConnection connection, OrgParts org, Clock clock) {
        this.context = context;
        this.settings = settings;
        this.connection = connection;
        this.org = org;
        this.clock = clock;
        this.registry = context.getRegistry();
    }

    /** Every route of {@link #REQUIRED_ROUTES} is loaded, or start-up stops saying where they were looked for. */
    void requireRoutes(String routesPattern) {
        for (String route : REQUIRED_ROUTES) {
            if (context.getRoute(route) == null) {
                throw new ConfigException("The route " + route + " was not loaded from " + routesPattern + ". Fix:"
                        + " keep the project's routes/ folder beside the config folder, or remove it to use the routes"
                        + " inside the jar.");
            }
        }
    }

    /** Identifies the org and opens its state; the identity says which Genesys this run acts on. */
    OrgState.Identity openOrg(Path dataDir) throws Exception {
        OrgState.Identity identity = OrgState.identify(bean("genesysClient", GenesysClient.class),
                connection.hosts().apiUrl(), connection.sandbox() != null);
        Path orgDir = OrgState.folder(dataDir.resolve("state"), identity);
        StateDatabase shared = org.shared.get();
        if (shared != null) {
            shared.bindOrg(identity.orgId());
            org.ledger.set(ClusterWiring.ledger(shared, settings.shared().orElseThrow().url(), orgDir));
        } else {
            org.ledger.set(openLedger(orgDir));
            if (org.ledger.get() != null) {
                // a ledger H2 closed (a write failed: a full disk) is opened again from its files once it can be
                bean("ledgerKeeper", LedgerKeeper.class).reopenWith(() -> Ledger.open(orgDir),
                        () -> ReadinessProblems.headroom(orgDir, 1 << 20));
            }
        }
        if (settings.claims()) {
            ClaimRepository claimed = ClusterWiring.claims(context, shared, settings.shared().orElseThrow()
                    .claimLeaseMs());
            bean("inboxClaims", InboxClaims.class).use(claimed);
            ClusterWiring.join(context, settings.shared().orElseThrow(), settings.instance(), shared, claimed, clock);
        }
        if (shared != null) {
            bean("campaignStates", CampaignStates.class).useClusterLock(new AdvisoryLocks(shared.dataSource()));
        }
        // what was applied and requested: shared by the instances, or this data folder's
        org.applied.set(shared != null ? AppliedObjects.shared(shared.dataSource()) : openApplied(orgDir));
        LOG.info("Genesys org {} ({}); its state: {}", identity.orgId(), identity.orgName(), orgDir);
        // the first line on the console: which Genesys this run acts on
        org.target.set(identity.target(connection.hosts().apiUrl()));
        TARGET.info("Target: {}", org.target.get());
        @SuppressWarnings("unchecked")
        List<CampaignFileException> refused = bean("refusedCampaignFiles", List.class);
        refused.forEach(file -> LOG.error("Campaign {} is refused until its file is fixed (the other campaigns go"
                + " on): {}", file.key(), file.getMessage()));
        return identity;
    }

    /** The run's first audit record; dead letters sent again; the DNC files pushed; then the inbox and triggers. */
    void begin(OrgState.Identity identity) throws Exception {
        bean("audit", AuditLog.class).append("run.started", settings.trigger(), "outbound-sync", "ok", Details.of(
                "mode", connection.mode(), "api", connection.hosts().apiUrl(), "orgId", identity.orgId(),
                "orgName", identity.orgName()));
        if (settings.resendDeadLetters()) {
            bean("notifier", Notifier.class).resendDeadLetters();
        }
        if (!settings.tool()) {
            // before any drop: numbers on the do-not-call file are on the DNC list Genesys checks
            bean("dncFiles", DncFileSync.class).pushChanged(settings.trigger());
        }
        if (settings.watchInbox()) {
            context.getRouteController().startRoute("contacts-inbox");
        }
        if (settings.triggers()) {
            startTriggers();
        }
    }

    private void startTriggers() throws Exception {
        List<CampaignSpec> specs = bean("campaignsFlow", CampaignsFlow.class).validSpecs();
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        if (settings.claims()) {
            // the shared schedule holds what this configuration declares, nothing stale
            ClusteredSchedules.prune(quartz.getScheduler(), ClusterWiring.SCHEDULE_GROUPS,
                    ClusterWiring.configuredSchedules(settings, specs));
        }
        for (String route : new String[] {"campaigns-schedule", "campaigns-commands", "contacts-dnc-file"}) {
            context.getRouteController().startRoute(route);
        }
        if (settings.reconcileCron().isPresent()) {
            context.getRouteController().startRoute("contacts-reconcile-schedule");
        }
        addTransitions(specs);
        if (settings.claims()) {
            quartz.getScheduler().start();
        }
    }

    /**
     * One route per scheduled transition of the campaign files, from the {@code campaign-transition} template of
     * {@code routes/campaigns.camel.yaml}: their number comes from the configuration.
     */
    private void addTransitions(List<CampaignSpec> specs) throws Exception {
        for (CampaignSpec spec : specs) {
            for (int i = 0; i < spec.transitions().size(); i++) {
                String id = transitionRouteId(spec, i);
                TemplatedRouteBuilder.builder(context, "campaign-transition").routeId(id)
                        .parameter("job", id)
                        .parameter("campaign", spec.key().replace("'", ""))
                        .parameter("index", String.valueOf(i))
                        .parameter("cron", spec.transitions().get(i).cron().trim().replaceAll("\\s+", "+"))
                        .parameter("timeZone", spec.campaign().timeZone().getId())
                        .add();
            }
        }
    }

    static String transitionRouteId(CampaignSpec spec, int index) {
        return "campaign-transition-" + spec.key() + "-" + (index + 1);
    }

    /**
     * The contacts ledger; a one-shot tool ({@code plan}) goes on without it (null) when another process holds it,
     * and then shows no local segment counts.
     */
    private Ledger openLedger(Path orgDir) {
        try {
            return Ledger.open(orgDir);
        } catch (IllegalStateException e) {
            if (!settings.tool()) {
                throw e;
            }
            LOG.warn("{} Local segment counts are left out.", e.getMessage());
            return null;
        }
    }

    /** The campaign state; a plan beside a running process goes on with a detached one (drift not shown). */
    private AppliedObjects openApplied(Path orgDir) {
        try {
            return AppliedObjects.open(orgDir);
        } catch (AppliedObjects.InUse e) {
            if (!(settings.tool() && "plan".equals(settings.trigger()))) {
                throw e;
            }
            LOG.warn("The campaign state is in use by a running process: this plan cannot tell drift from a change.");
            return AppliedObjects.detached();
        }
    }

    private <T> T bean(String name, Class<T> type) {
        return registry.lookupByNameAndType(name, type);
    }
}
