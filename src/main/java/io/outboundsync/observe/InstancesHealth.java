package io.outboundsync.observe;

import io.outboundsync.cluster.Instances;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code /observe/health}'s check {@code instances} (group {@code outbound-sync}) of a {@code run} on a shared state:
 * its message names every instance, how long since it was heard of and what it holds (claimed files, running
 * scheduled jobs); {@code data.instances} has the same per instance when the health endpoint shows details. DOWN
 * when the shared state cannot be read, or when this instance's own heartbeat has not reached it for three
 * check-in intervals.
 */
public final class InstancesHealth extends AbstractHealthCheck {

    private final Instances instances;
    private final Clock clock;

    public InstancesHealth(Instances instances, Clock clock) {
        super("outbound-sync", "instances");
        this.instances = instances;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<Instances.Seen> seen;
        try {
            seen = instances.list();
        } catch (SQLException e) {
            builder.down().message("The shared state's instances cannot be read: " + e.getMessage() + ". Fix: check"
                    + " that the PostgreSQL server of state.jdbc-url runs and takes connections from here.");
            return;
        }
        Instant now = clock.instant();
        Duration silentAfter = instances.silentAfter();
        String line = Instances.describe(instances.id(), seen, now, silentAfter);
        builder.detail("instance", instances.id());
        for (Instances.Seen instance : seen) {
            builder.detail("instances." + instance.id(), instance.holding().isEmpty() ? "holds nothing"
                    : "holds " + String.join(", ", instance.holding()));
        }
        boolean heard = seen.stream().anyMatch(s -> s.id().equals(instances.id()) && !s.silent(now, silentAfter));
        if (heard) {
            builder.up().message(line);
        } else {
            builder.down().message("This instance's heartbeat has not reached the shared state for "
                    + silentAfter.toSeconds() + " s (route cluster-heartbeat; see the log). " + line);
        }
    }
}
