package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.TestPostgres;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The shared schedule on a real PostgreSQL (Quartz's JDBC job store, clustered): what a configuration no longer
 * declares, or declares in another time zone, is taken out before the routes schedule theirs; the rest stays.
 */
class ClusteredSchedulesTest {

    public static class Nothing implements Job {
        @Override
        public void execute(org.quartz.JobExecutionContext context) {
        }
    }

    @Test
    void staleAndChangedTriggersAreRemovedAndTheRestKept() throws Exception {
        StateDatabase database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER,
                TestPostgres.PASSWORD, "org", 4);
        Scheduler scheduler = ClusteredSchedules.factory(database.dataSource(), "test-1", 7_500, 1).getScheduler();
        try {
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
            schedule(scheduler, "campaign-transition-demo-1", "transitions", "0 0 9 ? * MON-FRI", "America/Chicago");
            schedule(scheduler, "campaign-transition-gone-1", "transitions", "0 0 9 * * ?", "UTC");
            schedule(scheduler, "sync", "campaigns", "0 0/15 * * * ?", "Europe/London");
            schedule(scheduler, "reconcile", "contacts", "0 0 2 * * ?", "UTC");
            schedule(scheduler, "someone-elses", "other", "0 0 2 * * ?", "UTC");

            var removed = ClusteredSchedules.prune(scheduler, Set.of("campaigns", "contacts", "transitions"), Map.of(
                    new TriggerKey("campaign-transition-demo-1", "transitions"),
                    new ClusteredSchedules.Cron("0 0 9  ? * MON-FRI", "America/Chicago"),
                    new TriggerKey("sync", "campaigns"), new ClusteredSchedules.Cron("0 0/15 * * * ?",
                            "America/Chicago"),
                    new TriggerKey("reconcile", "contacts"), new ClusteredSchedules.Cron("0 0 3 * * ?", "UTC")));

            assertThat(removed).containsExactlyInAnyOrder(new TriggerKey("campaign-transition-gone-1", "transitions"),
                    new TriggerKey("sync", "campaigns"), new TriggerKey("reconcile", "contacts"));
            assertThat(scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())).containsExactlyInAnyOrder(
                    new TriggerKey("campaign-transition-demo-1", "transitions"), new TriggerKey("someone-elses",
                            "other"));
            assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup())).hasSize(2);
        } finally {
            scheduler.shutdown();
            database.close();
        }
    }

    private static void schedule(Scheduler scheduler, String name, String group, String cron, String zone)
            throws Exception {
        scheduler.scheduleJob(JobBuilder.newJob(Nothing.class).withIdentity(name, group).build(),
                TriggerBuilder.newTrigger().withIdentity(name, group).withSchedule(CronScheduleBuilder
                        .cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone))).build());
    }
}
