package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));

    private RequestBudget budget(int limit, long windowMs) {
        // the clock only moves when the budget sleeps: every wait is exact
        return new RequestBudget(limit, windowMs, clock, millis -> clock.advance(Duration.ofMillis(millis)));
    }

    @Test
    void admitsTheLimitInAWindowThenWaitsForTheOldestToAgeOut() throws InterruptedException {
        RequestBudget budget = budget(3, 60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.acquire()).isZero();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(budget.acquire()).isEqualTo(57_000); // the first one leaves the window at t0+60 s
    }

    @Test
    void tightensToWhatTheServiceSaysIsLeftUntilItsWindowResets() throws InterruptedException {
        RequestBudget budget = budget(300, 60_000);
        budget.acquire();
        budget.observe(Map.of("inin-ratelimit-allowed", "180", "inin-ratelimit-count", "178",
                "inin-ratelimit-reset", "20")::get);

        assertThat(budget.acquire()).isZero();
        assertThat(budget.acquire()).isZero();
        assertThat(budget.acquire()).isEqualTo(20_000); // the service's window resets in 20 s
        assertThat(budget.state()).containsEntry("limit", 180);
    }

    @Test
    void ignoresAnswersWithoutTheHeaders() throws InterruptedException {
        RequestBudget budget = budget(2, 1000);
        budget.observe(Map.<String, String>of()::get);
        budget.observe(Map.of("inin-ratelimit-allowed", "x", "inin-ratelimit-count", "1",
                "inin-ratelimit-reset", "1")::get);
        budget.acquire();
        budget.acquire();
        assertThat(budget.acquire()).isEqualTo(1000);
        assertThat(budget.state()).containsEntry("limit", 2);
    }
}
