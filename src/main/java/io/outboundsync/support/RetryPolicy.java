package io.outboundsync.support;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * What to do after a Genesys call failed: 429 waits for {@code Retry-After} (seconds or an HTTP date, capped, a
 * default when absent); 502/503/504 and no answer at all back off exponentially with jitter; 401 renews the token
 * once; anything else is final. Plain Java: the Camel route configuration asks it and does what it says.
 */
public final class RetryPolicy {

    /**
     * The knobs, from {@code genesys.retry.*}. A 429 is retried at least {@code rateLimitedMaxAttempts} times, and
     * beyond that for as long as the waits it asked for add up to no more than {@code rateLimitedMaxWaitMs}: a storm
     * of short Retry-Afters is waited out like one long one, and a rate limit never fails a drop unless Genesys
     * keeps refusing for that long.
     */
    public record Limits(int maxAttempts, long backoffInitialMs, long backoffMaxMs, int rateLimitedMaxAttempts,
            long retryAfterDefaultMs, long retryAfterCapMs, long rateLimitedMaxWaitMs) {

        /** Without a time budget for 429s: only {@code rateLimitedMaxAttempts} counts. */
        public Limits(int maxAttempts, long backoffInitialMs, long backoffMaxMs, int rateLimitedMaxAttempts,
                long retryAfterDefaultMs, long retryAfterCapMs) {
            this(maxAttempts, backoffInitialMs, backoffMaxMs, rateLimitedMaxAttempts, retryAfterDefaultMs,
                    retryAfterCapMs, 0);
        }

        public static Limits defaults() {
            return new Limits(5, 500, 30_000, 10, 3_000, 60_000, 300_000);
        }
    }

    public enum Kind { RATE_LIMITED, UNAVAILABLE, UNAUTHORIZED, FINAL }

    /** Retry or not, after how long, and whether the token must be renewed first. */
    public record Decision(Kind kind, boolean retry, long delayMs, boolean renewToken) {
    }

    private final Limits limits;
    private final Clock clock;
    private final DoubleSupplier random;
    private final boolean forGenesys;

    /** The policy for Genesys calls. */
    public RetryPolicy(Limits limits) {
        this(limits, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), true);
    }

    public RetryPolicy(Limits limits, Clock clock, DoubleSupplier random, boolean forGenesys) {
        this.limits = limits;
        this.clock = clock;
        this.random = random;
        this.forGenesys = forGenesys;
    }

    /**
     * The policy for our own webhooks: any 5xx is worth another try (a receiver is not Genesys), a 401 is final
     * (there is no token to renew).
     */
    public static RetryPolicy forWebhooks(Limits limits) {
        return new RetryPolicy(limits, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), false);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * @param status        the answer's status, 0 when there was none (I/O error, timeout, closed connection)
     * @param header        the answer's headers, looked up case-insensitively (null when absent)
     * @param attempts      requests made so far, the failed one included
     * @param tokenRenewed  whether this call already renewed its token after a 401
     */
    public Decision decide(int status, Function<String, String> header, int attempts, boolean tokenRenewed) {
        return decide(status, header, attempts, tokenRenewed, 0);
    }

    /** @param rateLimitedWaitedMs what this call has already waited on 429s */
    public Decision decide(int status, Function<String, String> header, int attempts, boolean tokenRenewed,
            long rateLimitedWaitedMs) {
        if (status == 429) {
            long delay = Math.min(retryAfter(header.apply("Retry-After")).orElse(limits.retryAfterDefaultMs),
                    limits.retryAfterCapMs);
            boolean retry = attempts < limits.rateLimitedMaxAttempts
                    || rateLimitedWaitedMs + delay <= limits.rateLimitedMaxWaitMs;
            return new Decision(Kind.RATE_LIMITED, retry, delay, false);
        }
        if (status == 0 || status == 502 || status == 503 || status == 504 || (!forGenesys && status >= 500)) {
            long delay = backoff(attempts);
            Long asked = retryAfter(header.apply("Retry-After")).orElse(null);
            if (asked != null) {
                delay = Math.max(delay, Math.min(asked, limits.retryAfterCapMs));
            }
            return new Decision(Kind.UNAVAILABLE, attempts < limits.maxAttempts, delay, false);
        }
        if (status == 401 && forGenesys) {
            return new Decision(Kind.UNAUTHORIZED, !tokenRenewed, 0, true);
        }
        return new Decision(Kind.FINAL, false, 0, false);
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random. */
    public long backoff(int attempts) {
        double step = limits.backoffInitialMs * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(step, limits.backoffMaxMs);
        return (long) (capped / 2 + random.getAsDouble() * capped / 2);
    }

    /** {@code Retry-After} as milliseconds: delta-seconds or an HTTP date; absent or unreadable: empty. */
    java.util.Optional<Long> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        String v = value.trim();
        try {
            return java.util.Optional.of(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return java.util.Optional.of(Math.max(0, at.toInstant().toEpochMilli() - clock.millis()));
            } catch (DateTimeParseException notADate) {
                return java.util.Optional.empty();
            }
        }
    }
}
