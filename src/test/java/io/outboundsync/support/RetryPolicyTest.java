package io.outboundsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final RetryPolicy.Limits LIMITS = new RetryPolicy.Limits(4, 1000, 8000, 6, 3000, 60_000);

    private static Function<String, String> headers(String retryAfter) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (retryAfter != null) {
            map.put("retry-after", retryAfter);
        }
        return map::get;
    }

    /** The jitter fixed at its top (random = 1.0), so a delay is the full backoff step. */
    private static RetryPolicy policy(double random, boolean genesys) {
        return new RetryPolicy(LIMITS, NOW, () -> random, genesys);
    }

    @ParameterizedTest(name = "status {0}, Retry-After {1}, attempt {2} -> {3} retry={4} after {5} ms")
    @CsvSource(nullValues = "-", value = {
            "429, 5,                             1, RATE_LIMITED, true,  5000",
            "429, 0.5,                           1, RATE_LIMITED, true,  500",
            "429, -,                             1, RATE_LIMITED, true,  3000",
            "429, 600,                           1, RATE_LIMITED, true,  60000",
            "429, 'Mon, 23 Nov 2026 12:00:07 GMT', 1, RATE_LIMITED, true,  7000",
            "429, soon,                          1, RATE_LIMITED, true,  3000",
            "429, 5,                             6, RATE_LIMITED, false, 5000",
            "503, -,                             1, UNAVAILABLE,  true,  1000",
            "503, -,                             2, UNAVAILABLE,  true,  2000",
            "503, -,                             3, UNAVAILABLE,  true,  4000",
            "502, -,                             3, UNAVAILABLE,  true,  4000",
            "504, -,                             4, UNAVAILABLE,  false, 8000",
            "0,   -,                             1, UNAVAILABLE,  true,  1000",
            "503, 9,                             1, UNAVAILABLE,  true,  9000",
            "400, -,                             1, FINAL,        false, 0",
            "404, -,                             1, FINAL,        false, 0",
            "409, -,                             1, FINAL,        false, 0",
            "500, -,                             1, FINAL,        false, 0",
    })
    void decidesForGenesys(int status, String retryAfter, int attempts, RetryPolicy.Kind kind, boolean retry,
            long delay) {
        RetryPolicy.Decision decision = policy(1.0, true).decide(status, headers(retryAfter), attempts, false);

        assertThat(decision.kind()).isEqualTo(kind);
        assertThat(decision.retry()).isEqualTo(retry);
        assertThat(decision.delayMs()).isEqualTo(delay);
    }

    @Test
    void capsTheBackoffAndJittersTheLowerHalf() {
        assertThat(policy(1.0, true).decide(503, headers(null), 10, false).delayMs()).isEqualTo(8000);
        assertThat(policy(0.0, true).decide(503, headers(null), 3, false).delayMs()).isEqualTo(2000);
        assertThat(policy(0.5, true).decide(503, headers(null), 3, false).delayMs()).isEqualTo(3000);
    }

    /** A storm of short Retry-Afters is waited out by time, not given up after a count (the soak found it). */
    @Test
    void waitsOutARateLimitStormWithinItsTimeBudget() {
        RetryPolicy policy = new RetryPolicy(new RetryPolicy.Limits(4, 1000, 8000, 6, 3000, 60_000, 20_000), NOW,
                () -> 1.0, true);
        // past the count, each 1 s Retry-After is retried while the waits stay within 20 s
        assertThat(policy.decide(429, headers("1"), 30, false, 18_000).retry()).isTrue();
        assertThat(policy.decide(429, headers("1"), 30, false, 19_000).retry()).isTrue();
        assertThat(policy.decide(429, headers("1"), 30, false, 19_001).retry()).isFalse();
        // within the count, always; without a time budget, the count alone decides
        assertThat(policy.decide(429, headers("30"), 5, false, 60_000).retry()).isTrue();
        assertThat(policy(1.0, true).decide(429, headers("1"), 6, false, 0).retry()).isFalse();
    }

    @Test
    void renewsTheTokenOnceOnA401() {
        RetryPolicy policy = policy(1.0, true);
        RetryPolicy.Decision first = policy.decide(401, headers(null), 1, false);
        assertThat(first.retry()).isTrue();
        assertThat(first.renewToken()).isTrue();
        assertThat(policy.decide(401, headers(null), 2, true).retry()).isFalse();
    }

    @Test
    void retriesEveryServerErrorOfAWebhookButNeverA401() {
        RetryPolicy webhooks = policy(1.0, false);
        assertThat(webhooks.decide(500, headers(null), 1, true).retry()).isTrue();
        assertThat(webhooks.decide(501, headers(null), 1, true).retry()).isTrue();
        assertThat(webhooks.decide(401, headers(null), 1, true).retry()).isFalse();
        assertThat(webhooks.decide(422, headers(null), 1, true).retry()).isFalse();
    }
}
