package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The instances' rows in a real PostgreSQL, and the line /observe/health makes of them. */
class InstancesTest {

    @Test
    void eachInstanceTellsWhatItHoldsAndLeavesWhenItStops() throws Exception {
        try (StateDatabase database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER,
                TestPostgres.PASSWORD, "org", 2)) {
            List<String> heldByA = new ArrayList<>(List.of("file demo/a.csv"));
            Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
            Instances a = new Instances(database.dataSource(), "a", "host-a", 11, () -> heldByA, clock,
                    Duration.ofSeconds(10));
            Instances b = new Instances(database.dataSource(), "b", "host-b", 12, List::of, clock, Duration.ofSeconds(10));
            a.heartbeat();
            b.heartbeat();
            heldByA.add("schedule campaigns.sync");
            a.heartbeat();

            assertThat(b.silentAfter()).isEqualTo(Duration.ofSeconds(30));
            List<Instances.Seen> seen = b.list();
            assertThat(seen).extracting(Instances.Seen::id).containsExactly("a", "b");
            assertThat(seen.get(0).holding()).containsExactly("file demo/a.csv", "schedule campaigns.sync");
            assertThat(seen.get(0).host()).isEqualTo("host-a");
            assertThat(Instances.describe("b", seen, Instant.parse("2026-11-30T10:00:40Z"), Duration.ofSeconds(30)))
                    .isEqualTo("2 instances: a, SILENT for 40 s, holds file demo/a.csv, schedule campaigns.sync;"
                            + " b (this one), SILENT for 40 s, holds nothing");
            assertThat(Instances.describe("b", seen, Instant.parse("2026-11-30T10:00:02Z"), Duration.ofSeconds(30)))
                    .startsWith("2 instances: a, seen 2 s ago");

            a.leave();
            assertThat(b.list()).extracting(Instances.Seen::id).containsExactly("b");
            // a row silent for more than a day is forgotten at the next heartbeat of anyone
            Instances old = new Instances(database.dataSource(), "old", "host-old", 13, List::of,
                    Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(10));
            old.heartbeat();
            b.heartbeat();
            assertThat(b.list()).extracting(Instances.Seen::id).containsExactly("b");
        }
    }
}
