package io.outboundsync.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerFactory;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz on a clustered JDBC job store in the shared state ({@code QRTZ_} tables of {@code V2__quartz.sql}): the
 * instances of an org form one Quartz cluster, so each firing of a campaign sync, a scheduled transition or the
 * reconciliation is taken by one instance (Quartz's row lock on the trigger), and the triggers of an instance that
 * stops or dies go on firing on the others. camel-quartz leaves a clustered store's triggers in place when a route
 * stops (its documented clustering behaviour); {@link #prune} removes the ones the configuration no longer has.
 */
public final class ClusteredSchedules {

    /** The scheduler name every instance of an org shares: Quartz's cluster is the rows of one name. */
    public static final String SCHEDULER_NAME = "outbound-sync";

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredSchedules.class);
    private static final String DATA_SOURCE = "outboundSyncState";

    private ClusteredSchedules() {
    }

    /** What a configured trigger fires on: a Quartz cron in a time zone. */
    public record Cron(String expression, String timeZone) {
    }

    /**
     * A factory of the clustered scheduler on the shared state's pool (for camel-quartz's
     * {@code schedulerFactory}).
     *
     * @param instanceId      this instance's name in the cluster (unique among the running instances)
     * @param checkInMs       how often an instance says it is alive; one silent for longer is taken for dead and its
     *                        fired jobs recovered by the others
     * @param threads         jobs run at once by this instance (a sync and a transition need not wait on each other)
     */
    public static SchedulerFactory factory(DataSource pool, String instanceId, long checkInMs, int threads) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool is the shared state's: its owner closes it
            }

            @Override
            public void initialize() {
                // made already
            }
        });
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        properties.setProperty("org.quartz.scheduler.jmx.export", "false");
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "quartz-" + instanceId);
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkInMs));
        properties.setProperty("org.quartz.jobStore.useProperties", "false");
        try {
            return new StdSchedulerFactory(properties);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz's clustered scheduler could not be set up: " + e.getMessage(), e);
        }
    }

    /**
     * Removes, in the given groups, the stored triggers the configuration no longer has, and those whose cron or
     * time zone changed (camel-quartz reschedules a changed cron but not a changed time zone; it schedules either
     * afresh when its route starts). Run before the Quartz routes start.
     *
     * @return the keys removed
     */
    public static List<TriggerKey> prune(Scheduler scheduler, Set<String> groups, Map<TriggerKey, Cron> configured)
            throws SchedulerException {
        List<TriggerKey> removed = new ArrayList<>();
        for (String group : groups) {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                Trigger stored = scheduler.getTrigger(key);
                Cron wanted = configured.get(key);
                String why = wanted == null ? "no longer configured" : changed(stored, wanted);
                if (why != null) {
                    scheduler.unscheduleJob(key);
                    if (stored != null) {
                        scheduler.deleteJob(stored.getJobKey());
                    }
                    removed.add(key);
                    LOG.info("Quartz trigger {} removed from the shared schedule: {}", key, why);
                }
            }
        }
        return removed;
    }

    private static List<String> fields(String cron) {
        return cron == null ? null : List.of(cron.trim().split("\\s+"));
    }

    private static String changed(Trigger stored, Cron wanted) {
        if (!(stored instanceof CronTrigger cron)) {
            return stored == null ? null : "not a cron trigger";
        }
        if (!Objects.equals(fields(cron.getCronExpression()), fields(wanted.expression()))) {
            return "its cron changed";
        }
        if (!cron.getTimeZone().getID().equals(wanted.timeZone())) {
            return "its time zone changed";
        }
        return null;
    }
}
