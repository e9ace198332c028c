package io.outboundsync.genesys;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;

/**
 * One request budget for the whole process: at most {@code limit} Genesys requests in any {@code window}, shared by
 * every route, and tightened by what the service reports ({@code inin-ratelimit-allowed}, {@code -count},
 * {@code -reset}), so a busy sync waits its turn instead of bouncing off 429s.
 */
public final class RequestBudget {

    /** How the budget sleeps; tests pass a recorder. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final int configuredLimit;
    private final long windowMs;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Long> sent = new ArrayDeque<>();
    private int limit;
    /** What the service said is left of its own window, and when that window resets; -1: unknown. */
    private int serverRemaining = -1;
    private long serverResetAt;

    public RequestBudget(int requestsPerWindow, long windowMs) {
        this(requestsPerWindow, windowMs, Clock.systemUTC(), Thread::sleep);
    }

    public RequestBudget(int requestsPerWindow, long windowMs, Clock clock, Sleeper sleeper) {
        if (requestsPerWindow < 1 || windowMs < 1) {
            throw new IllegalArgumentException("a budget needs at least one request in a window of at least 1 ms");
        }
        this.configuredLimit = requestsPerWindow;
        this.limit = requestsPerWindow;
        this.windowMs = windowMs;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until a request may be sent, then counts it. Returns how long it waited. */
    public long acquire() throws InterruptedException {
        long waited = 0;
        while (true) {
            long wait;
            synchronized (this) {
                long now = clock.millis();
                while (!sent.isEmpty() && now - sent.peekFirst() >= windowMs) {
                    sent.removeFirst();
                }
                if (serverRemaining >= 0 && now >= serverResetAt) {
                    serverRemaining = -1;
                }
                if (serverRemaining == 0) {
                    wait = serverResetAt - now;
                } else if (sent.size() >= limit) {
                    wait = sent.peekFirst() + windowMs - now;
                } else {
                    sent.addLast(now);
                    if (serverRemaining > 0) {
                        serverRemaining--;
                    }
                    return waited;
                }
            }
            long nap = Math.max(1, wait);
            sleeper.sleep(nap);
            waited += nap;
        }
    }

    /** Reads the service's rate-limit headers from an answer (any status) and tightens the budget. */
    public void observe(Function<String, String> header) {
        Integer allowed = integer(header.apply("inin-ratelimit-allowed"));
        Integer count = integer(header.apply("inin-ratelimit-count"));
        Integer reset = integer(header.apply("inin-ratelimit-reset"));
        if (allowed == null || count == null || reset == null || allowed < 1) {
            return;
        }
        synchronized (this) {
            limit = Math.min(configuredLimit, allowed);
            long resetAt = clock.millis() + reset * 1000L;
            int remaining = Math.max(0, allowed - count);
            if (serverRemaining < 0 || remaining < serverRemaining || resetAt > serverResetAt + 1000) {
                serverRemaining = remaining;
                serverResetAt = resetAt;
            }
        }
    }

    /** The share of the budget left in the current window (the tighter of ours and what the service said). */
    public synchronized double remainingShare() {
        long now = clock.millis();
        long inWindow = sent.stream().filter(t -> now - t < windowMs).count();
        double ours = limit <= 0 ? 0 : Math.max(0, limit - inWindow) / (double) limit;
        if (serverRemaining >= 0 && now < serverResetAt && limit > 0) {
            return Math.min(ours, Math.min(1.0, serverRemaining / (double) limit));
        }
        return ours;
    }

    /** The requests allowed a window now (the setting, or less when the service said so). */
    public synchronized int limit() {
        return limit;
    }

    public long windowMs() {
        return windowMs;
    }

    /** The limit in force and what the service last said is left, for logs and tests. */
    public synchronized Map<String, Object> state() {
        return Map.of("limit", limit, "windowMs", windowMs, "inWindow", sent.size(), "serverRemaining",
                serverRemaining);
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
