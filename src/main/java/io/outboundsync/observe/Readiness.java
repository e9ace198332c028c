package io.outboundsync.observe;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One of Outbound Sync's readiness checks in Camel's health check registry (group {@code outbound-sync}), served in
 * {@code /observe/health} beside Camel's own: DOWN with the problem (a sentence with its fix, never a secret), UP
 * when there is none. Readiness only: a process whose Genesys token is refused is alive, but should not be sent
 * work until it is fixed.
 */
public final class Readiness extends AbstractHealthCheck {

    private final Callable<String> problem;
    private final Callable<String> fine;

    /** @param problem the problem now, or null when there is none */
    public Readiness(String id, Callable<String> problem) {
        this(id, problem, () -> null);
    }

    /** @param fine the message when there is no problem (what the check found), or null for none */
    public Readiness(String id, Callable<String> problem, Callable<String> fine) {
        super("outbound-sync", id);
        this.problem = problem;
        this.fine = fine;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String found;
        try {
            found = problem.call();
        } catch (Exception e) {
            found = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (found == null) {
            builder.up();
            try {
                String message = fine.call();
                if (message != null) {
                    builder.message(message);
                }
            } catch (Exception e) {
                builder.message(e.toString());
            }
        } else {
            builder.down().message(found);
        }
    }
}
