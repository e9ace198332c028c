package io.outboundsync.sandbox;

import java.util.Random;

/**
 * Decides, per API request and reproducibly from a seed, whether the emulator drops the connection, answers 503 or
 * answers late. Every request draws the same three numbers, so one seed gives one sequence of faults for one
 * sequence of requests.
 */
final class FaultInjector {

    enum Fault { NONE, DROP, ERROR }

    record Decision(Fault fault, boolean slow) {
    }

    private final Random random;
    private final double dropRate;
    private final double errorRate;
    private final double slowRate;

    FaultInjector(long seed, double dropRate, double errorRate, double slowRate) {
        this.random = new Random(seed);
        this.dropRate = dropRate;
        this.errorRate = errorRate;
        this.slowRate = slowRate;
    }

    boolean enabled() {
        return dropRate > 0 || errorRate > 0 || slowRate > 0;
    }

    synchronized Decision next() {
        double drop = random.nextDouble();
        double error = random.nextDouble();
        double slow = random.nextDouble();
        Fault fault = drop < dropRate ? Fault.DROP : error < errorRate ? Fault.ERROR : Fault.NONE;
        return new Decision(fault, slow < slowRate);
    }
}
