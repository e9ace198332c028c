package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tutorial 003: after an outage, uploads resume with smaller batches and grow back. */
class BatchPaceTest {

    @Test
    void afterTheCircuitClosesBatchesStartSmallAndDoubleBackToTheBatchSize() {
        BatchPace pace = new BatchPace(1000, 100);
        assertThat(pace.cap()).isEqualTo(1000);

        pace.circuit("OPEN");
        pace.circuit("HALF_OPEN");
        pace.circuit("CLOSED");
        List<Integer> caps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            caps.add(pace.cap());
            pace.landed();
        }

        assertThat(caps).containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    @Test
    void aCircuitThatNeverOpenedChangesNothing() {
        BatchPace pace = new BatchPace(1000, 100);
        pace.circuit("CLOSED");
        pace.circuit("HALF_OPEN");
        pace.circuit("CLOSED");

        assertThat(pace.cap()).isEqualTo(1000);
        assertThat(new BatchPace(50, 100).cap()).isEqualTo(50);
    }
}
