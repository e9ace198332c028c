package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The inbox claims on a real PostgreSQL: one claimant a file, even when all ask at once; a dead one's taken over. */
class ClaimRepositoryTest {

    @Test
    void exactlyOneOfManyInstancesClaimsAFileAndAnOrphanedClaimIsTakenOver() throws Exception {
        try (StateDatabase database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER,
                TestPostgres.PASSWORD, "org", 16); CamelContext context = new DefaultCamelContext()) {
            context.start();
            List<ClaimRepository> instances = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ClaimRepository claims = new ClaimRepository(database.dataSource(), "inbox", context, 60_000);
                context.addService(claims, true, true);
                instances.add(claims);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int file = 0; file < 50; file++) {
                    String key = "demo/drop-" + file + ".csv";
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> answers = new ArrayList<>();
                    for (ClaimRepository claims : instances) {
                        answers.add(pool.submit(() -> {
                            go.await();
                            return claims.add(key);
                        }));
                    }
                    go.countDown();
                    int won = 0;
                    for (Future<Boolean> answer : answers) {
                        won += answer.get() ? 1 : 0;
                    }
                    assertThat(won).as("claims of %s", key).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }

            // a claim nobody renews (its instance died a lease ago) is taken over; a live one is not
            ClaimRepository first = instances.get(0);
            ClaimRepository other = instances.get(1);
            assertThat(first.add("demo/live.csv")).isTrue();
            assertThat(other.add("demo/live.csv")).isFalse();
            // the file consumer of the instance that could not lock it "releases" it: the holder's claim stays
            assertThat(other.remove("demo/live.csv")).isFalse();
            assertThat(other.add("demo/live.csv")).isFalse();
            assertThat(other.contains("demo/live.csv")).isTrue();
            try (Connection connection = database.dataSource().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.executeUpdate("INSERT INTO CAMEL_MESSAGEPROCESSED VALUES ('inbox', 'demo/orphan.csv',"
                        + " now() - interval '5 minutes')");
            }
            assertThat(other.contains("demo/orphan.csv")).isFalse();
            assertThat(other.add("demo/orphan.csv")).isTrue();
            assertThat(first.add("demo/orphan.csv")).isFalse();
            // given back: free for the next one
            assertThat(other.remove("demo/orphan.csv")).isTrue();
            assertThat(first.add("demo/orphan.csv")).isTrue();
        }
    }

    /** A claim held longer than its lease stays this instance's: it is renewed while held, and lapses once not. */
    @Test
    void aClaimHeldLongerThanItsLeaseIsRenewed() throws Exception {
        try (StateDatabase database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER,
                TestPostgres.PASSWORD, "org", 4); CamelContext context = new DefaultCamelContext()) {
            context.start();
            ClaimRepository holder = new ClaimRepository(database.dataSource(), "inbox", context, 600);
            ClaimRepository other = new ClaimRepository(database.dataSource(), "inbox", context, 600);
            context.addService(holder, true, true);
            context.addService(other, true, true);
            assertThat(holder.add("demo/long.csv")).isTrue();
            // renewed while held: the other cannot take it for two and a half leases
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !other.add("demo/long.csv"));
            assertThat(holder.held()).containsExactly("demo/long.csv");
            // the holder dies: nothing renews it, and once its lease lapses the other takes it over
            holder.stop();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> other.add("demo/long.csv"));
        }
    }
}
