package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.Reader;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped circuit settings do what tutorial 003 asks: three consecutive outages (5xx or no answer) open the
 * circuit for thirty seconds; fewer, or a success between them, do not; a 429 or another refusal does not count.
 */
class GenesysCircuitTest {

    private static GenesysCircuit shipped() throws Exception {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(in);
        }
        java.util.function.ToIntFunction<String> number = key -> Integer.parseInt(config.getProperty(key).strip());
        assertThat(number.applyAsInt("genesys.circuit.open-seconds")).isEqualTo(30);
        return new GenesysCircuit(new GenesysCircuit.Limits(number.applyAsInt("genesys.circuit.failure-rate-percent"),
                number.applyAsInt("genesys.circuit.minimum-calls"), number.applyAsInt("genesys.circuit.window-calls"),
                number.applyAsInt("genesys.circuit.open-seconds"), number.applyAsInt("genesys.circuit.half-open-calls")));
    }

    private static void outage(CircuitBreaker breaker) {
        breaker.onError(5, TimeUnit.MILLISECONDS, new ConnectException("Connection refused"));
    }

    @Test
    void threeOutagesInARowOpenItAndNothingLessDoes() throws Exception {
        CircuitBreaker breaker = shipped().breaker();
        outage(breaker);
        outage(breaker);
        breaker.onSuccess(5, TimeUnit.MILLISECONDS);
        outage(breaker);
        outage(breaker);
        // not an outage (a refusal, a 429): ignored, neither breaks the run nor counts
        breaker.onError(5, TimeUnit.MILLISECONDS, new IllegalStateException("refused"));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        outage(breaker);

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
