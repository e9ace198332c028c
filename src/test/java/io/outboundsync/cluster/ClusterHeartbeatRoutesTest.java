package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.testing.YamlRoutes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The {@code cluster-heartbeat} template of {@code routes/cluster.camel.yaml}, booted with Camel's test kit and
 * instantiated as the start-up does (ClusterWiring), its neighbours in the registry: this instance's row (a stub of
 * the database's) and the status board. Each tick writes the row and tells the board what the database knows; a tick
 * that fails is said and the next one goes on.
 */
class ClusterHeartbeatRoutesTest extends CamelTestSupport {

    private final Row row = new Row();
    private final Board board = new Board();

    /** This instance's row as the route calls it: the second heartbeat fails, as with the database gone a moment. */
    public static final class Row {
        final AtomicInteger beats = new AtomicInteger();

        public void heartbeat() throws SQLException {
            if (beats.incrementAndGet() == 2) {
                throw new SQLException("the shared state did not answer");
            }
        }

        public List<Instances.Seen> list() {
            return List.of(new Instances.Seen("node-a", "host-a", 42, Instant.EPOCH, Instant.EPOCH, List.of()));
        }
    }

    /** The status board as the route tells it. */
    public static final class Board {
        final List<String> told = new CopyOnWriteArrayList<>();

        public void instancesSeen(String self, long silentAfterMs, List<Instances.Seen> seen) {
            told.add(self + " " + silentAfterMs + " " + seen.stream().map(Instances.Seen::id).toList());
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("thisInstance", row);
        registry.bind("statusBoard", board);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("cluster.camel.yaml");
    }

    @Test
    void eachTickWritesTheRowAndTellsTheBoardAndAFailedTickIsNotTheLast() throws Exception {
        TemplatedRouteBuilder.builder(context, "cluster-heartbeat").routeId("cluster-heartbeat")
                .parameter("instances", "thisInstance").parameter("periodMs", "50").parameter("instanceId", "node-a")
                .parameter("silentAfterMs", "150").add();

        // the second tick fails before the board is told; the ticks after it go on
        await().atMost(Duration.ofSeconds(10)).until(() -> board.told.size() >= 3);
        assertThat(row.beats.get()).isGreaterThanOrEqualTo(4);
        assertThat(board.told).allMatch("node-a 150 [node-a]"::equals);
        assertThat(context.getRouteController().getRouteStatus("cluster-heartbeat").isStarted()).isTrue();
    }
}
