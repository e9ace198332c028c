package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budget on a clock that only moves when the budget sleeps: every wait is exact. */
class RequestBudgetTest {

    private static final class SleepingClock extends Clock {
        long now = 1_000_000;
        final List<Long> naps = new ArrayList<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        void sleep(long millis) {
            naps.add(millis);
            now += millis;
        }
    }

    private final SleepingClock clock = new SleepingClock();

    private RequestBudget budget(int limit, long windowMs) {
        return new RequestBudget(limit, windowMs, clock, clock::sleep);
    }

    @Test
    void admitsTheLimitInAWindowThenWaitsForTheOldestToAgeOut() throws InterruptedException {
        RequestBudget budget = budget(3, 60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.acquire()).isZero();
            clock.now += 1000;
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
