package io.outboundsync.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-token limit of the real service: so many requests a minute (a configurable window), counted in a window that starts with the
 * token's first request; past the limit a 429 {@code too.many.requests} with {@code Retry-After}. Every answer carries
 * {@code inin-ratelimit-count}, {@code inin-ratelimit-allowed} and {@code inin-ratelimit-reset}.
 */
final class RateLimiter {

    private static final class Window {
        long start;
        int count;
    }

    private final int limit;
    private final long windowMs;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, long windowMs, Clock clock) {
        this.limit = limit;
        this.windowMs = windowMs;
        this.clock = clock;
    }

    /** Counts one request of the token; returns the headers to send, or throws the 429. */
    Map<String, String> admit(String token) {
        if (limit <= 0) {
            return Map.of();
        }
        long now = clock.millis();
        Window window = windows.computeIfAbsent(token, t -> new Window());
        synchronized (window) {
            if (window.count == 0 || now - window.start >= windowMs) {
                window.start = now;
                window.count = 0;
            }
            long resetSeconds = Math.max(1, (window.start + windowMs - now + 999) / 1000);
            if (window.count >= limit) {
                throw new Limited(limit, window.count, resetSeconds, windowMs);
            }
            window.count++;
            return headers(window.count, limit, resetSeconds);
        }
    }

    static Map<String, String> headers(int count, int limit, long resetSeconds) {
        return Map.of(
                "inin-ratelimit-count", String.valueOf(count),
                "inin-ratelimit-allowed", String.valueOf(limit),
                "inin-ratelimit-reset", String.valueOf(resetSeconds));
    }

    /** The 429 answer, with the seconds until the window resets. */
    static final class Limited extends RuntimeException {
        final int limit;
        final int count;
        final long retryAfterSeconds;

        Limited(int limit, int count, long retryAfterSeconds, long windowMs) {
            super("Rate limit exceeded the maximum [" + limit + "] requests within [" + Math.max(1, windowMs / 1000)
                    + "] seconds");
            this.limit = limit;
            this.count = count;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
