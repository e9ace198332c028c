package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * Decides, per API request and reproducibly from a seed, whether the emulator drops the connection, answers 503 or
 * answers late. Every request draws the same three numbers, so one seed gives one sequence of faults for one
 * sequence of requests. The rates start from the {@code sandbox.fault.*} settings and can be changed while the
 * sandbox runs ({@code PUT /sandbox/faults/random}), so a soak turns them on after its set-up and off to check the
 * result.
 */
final class FaultInjector {

    enum Fault { NONE, DROP, ERROR }

    record Decision(Fault fault, boolean slow, long slowMs) {
    }

    private final Random random;
    private double dropRate;
    private double errorRate;
    private double slowRate;
    private long slowMs;

    FaultInjector(long seed, double dropRate, double errorRate, double slowRate, long slowMs) {
        this.random = new Random(seed);
        this.dropRate = dropRate;
        this.errorRate = errorRate;
        this.slowRate = slowRate;
        this.slowMs = slowMs;
    }

    synchronized boolean enabled() {
        return dropRate > 0 || errorRate > 0 || slowRate > 0;
    }

    synchronized Decision next() {
        double drop = random.nextDouble();
        double error = random.nextDouble();
        double slow = random.nextDouble();
        Fault fault = drop < dropRate ? Fault.DROP : error < errorRate ? Fault.ERROR : Fault.NONE;
        return new Decision(fault, slow < slowRate, slowMs);
    }

    /** {@code {"errorRate": 0.05, "slowRate": 0.02, "slowMs": 500, "dropRate": 0.01}}: a missing field is kept. */
    Reply configure(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "random faults");
        Double drop = rate(body, "dropRate");
        Double error = rate(body, "errorRate");
        Double slow = rate(body, "slowRate");
        Long delay = Json.optLong(body, "slowMs", "random faults");
        if (delay != null && delay < 0) {
            throw ApiError.badRequest("Field 'slowMs' must be 0 or more.");
        }
        synchronized (this) {
            dropRate = drop == null ? dropRate : drop;
            errorRate = error == null ? errorRate : error;
            slowRate = slow == null ? slowRate : slow;
            slowMs = delay == null ? slowMs : delay;
        }
        return Reply.status(204);
    }

    private static Double rate(ObjectNode body, String field) {
        if (!body.has(field)) {
            return null;
        }
        if (!body.get(field).isNumber() || body.get(field).asDouble() < 0 || body.get(field).asDouble() > 1) {
            throw ApiError.badRequest("Field '" + field + "' must be a probability from 0 to 1.");
        }
        return body.get(field).asDouble();
    }
}
