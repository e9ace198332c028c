package io.outboundsync.runtime;

import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.cluster.ClaimRepository;
import io.outboundsync.cluster.ClusteredSchedules;
import io.outboundsync.cluster.Instances;
import io.outboundsync.cluster.StateDatabase;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.PostgresLedger;
import io.outboundsync.observe.InstancesHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one org on a shared PostgreSQL state ({@code state.jdbc-url}): the database, the ledger in it,
 * the Quartz cluster that gives each firing to one instance, the inbox claims and this instance's heartbeat.
 */
final class ClusterWiring {

    /** The Quartz groups of the process's own schedules (routes/*.camel.yaml: quartz://GROUP/NAME). */
    static final Set<String> SCHEDULE_GROUPS = Set.of("campaigns", "contacts", "transitions");
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {
    }

    /** The shared database, migrated at start; the org's folder keeps only this machine's temporary files. */
    static StateDatabase connect(StartSettings.Shared shared) {
        return StateDatabase.connect(shared.url(), shared.user(), shared.password(), shared.poolSize());
    }

    /**
     * camel-quartz on the instances' Quartz cluster in the shared state: each firing taken by one instance. Its
     * scheduler starts once the org's state is open and the schedules are in place (not with Camel), so no firing
     * meets a route not yet started.
     */
    static QuartzComponent clusteredQuartz(StateDatabase database, StartSettings.Shared shared, String instance) {
        var quartz = new QuartzComponent();
        quartz.setSchedulerFactory(ClusteredSchedules.factory(database.dataSource(), instance, shared.checkInMs(), 2));
        quartz.setAutoStartScheduler(false);
        return quartz;
    }

    static Ledger ledger(StateDatabase database, String url, Path orgDir) {
        try {
            Files.createDirectories(orgDir);
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException(e);
        }
        LOG.info("Shared state: {} (the ledger); this machine's temporary files: {}", url, orgDir);
        return new PostgresLedger(database.dataSource(), orgDir, database);
    }

    /**
     * The inbox claims in the shared database: camel-sql's orphan-lock-aware repository (with an atomic claim,
     * {@link ClaimRepository}) renews this instance's claims every third of the lease; a claim not renewed for a
     * lease (its instance died) is taken over.
     */
    static ClaimRepository claims(CamelContext context, StateDatabase database, long leaseMs) throws Exception {
        var repository = new ClaimRepository(database.dataSource(), "inbox", context, leaseMs);
        // Camel starts it now and stops it with the context
        context.addService(repository, true, true);
        return repository;
    }

    /**
     * This instance among those of the shared state: its heartbeat (route {@code cluster-heartbeat} from the template
     * of {@code routes/cluster.camel.yaml}) saying what it holds, the health check {@code instances}, and its row
     * removed when Camel stops.
     */
    static void join(CamelContext context, StartSettings.Shared shared, String instance, StateDatabase database,
            ClaimRepository claimed, Clock clock) throws Exception {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        var instances = new Instances(database.dataSource(), instance, StartSettings.hostName(),
                ProcessHandle.current().pid(), () -> held(claimed, quartz), clock, Duration.ofMillis(shared.checkInMs()));
        context.getRegistry().bind("clusterInstances", instances);
        TemplatedRouteBuilder.builder(context, "cluster-heartbeat")
                .routeId("cluster-heartbeat").parameter("instances", "clusterInstances")
                .parameter("periodMs", String.valueOf(shared.checkInMs())).parameter("instanceId", instances.id())
                .parameter("silentAfterMs", String.valueOf(instances.silentAfter().toMillis())).add();
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new InstancesHealth(instances, clock));
        }
        // a stopping instance says so (before the pool closes: Camel stops before the ledger is closed)
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext stopping) {
                try {
                    instances.leave();
                } catch (SQLException e) {
                    LOG.warn("This instance could not remove its row from the shared state's instances: {}",
                            e.getMessage());
                }
            }
        });
    }

    /** What this instance holds, for its heartbeat: the files it claimed and the schedules it runs. */
    private static List<String> held(ClaimRepository claimed, QuartzComponent quartz) {
        List<String> holding = new ArrayList<>();
        claimed.held().stream().sorted().forEach(file -> holding.add("file " + file));
        try {
            quartz.getScheduler().getCurrentlyExecutingJobs().forEach(job ->
                    holding.add("schedule " + job.getTrigger().getKey()));
        } catch (SchedulerException e) {
            holding.add("schedule (unknown: " + e.getMessage() + ")");
        }
        return holding;
    }

    /** The Quartz triggers this configuration declares, by key (group as in the routes' quartz URIs). */
    static Map<TriggerKey, ClusteredSchedules.Cron> configuredSchedules(StartSettings settings, List<CampaignSpec> specs) {
        Map<TriggerKey, ClusteredSchedules.Cron> schedules = new LinkedHashMap<>();
        schedules.put(new TriggerKey("sync", "campaigns"),
                new ClusteredSchedules.Cron(settings.sync().cron(), settings.sync().timeZone()));
        settings.reconcileCron().ifPresent(reconcile -> schedules.put(new TriggerKey("reconcile", "contacts"),
                new ClusteredSchedules.Cron(reconcile.cron(), reconcile.timeZone())));
        for (CampaignSpec spec : specs) {
            for (int i = 0; i < spec.transitions().size(); i++) {
                schedules.put(new TriggerKey(OrgStartup.transitionRouteId(spec, i), "transitions"),
                        new ClusteredSchedules.Cron(spec.transitions().get(i).cron(), spec.campaign().timeZone().getId()));
            }
        }
        return schedules;
    }
}
