package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.state.CampaignStates;
import io.outboundsync.testing.TestPostgres;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A campaign's state changes in turn across instances: the database's advisory lock, on a real PostgreSQL. */
class AdvisoryLocksTest {

    @Test
    void aSecondInstanceWaitsForTheCampaignAndNotForAnother() throws Exception {
        try (StateDatabase database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER,
                TestPostgres.PASSWORD, "org", 4)) {
            // two instances: two lock objects on one database
            AdvisoryLocks one = new AdvisoryLocks(database.dataSource());
            AdvisoryLocks two = new AdvisoryLocks(database.dataSource());
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread second;
            try (CampaignLock.Held held = one.lock("demo")) {
                order.add("one has demo");
                second = new Thread(() -> {
                    waiting.countDown();
                    try (CampaignLock.Held mine = two.lock("demo")) {
                        order.add("two has demo");
                    }
                });
                second.start();
                assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
                // another campaign is not held up
                try (CampaignLock.Held other = two.lock("spring-promo")) {
                    order.add("two has spring-promo");
                }
                second.join(500);
                assertThat(second.isAlive()).as("the second instance waits for demo").isTrue();
                order.add("one gives demo back");
            }
            second.join(10_000);
            assertThat(order).containsExactly("one has demo", "two has spring-promo", "one gives demo back",
                    "two has demo");
        }
    }
}
