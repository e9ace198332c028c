package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.Settings;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.MutableClock;
import io.outboundsync.testing.SandboxControl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access layer against the in-process sandbox, over real HTTP on loopback. */
class GenesysAccessTest {

    @TempDir
    Path dataDir;

    private static final String QUEUES = "/api/v2/routing/queues";
    private Pipeline pipeline;
    private SandboxControl sandbox;

    /** The process's clock: moved to expire a token, never slept past. */
    private final MutableClock clock = MutableClock.atNow();

    private void start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("genesys.mode", "sandbox",
                "genesys.retry.backoff-initial-ms", "200", "genesys.retry.backoff-max-ms", "1000"));
        settings.putAll(extra);
        pipeline = Pipeline.start(Settings.of(settings), Path.of("config"), dataDir, "test", clock);
        sandbox = new SandboxControl(pipeline.connection().sandbox().baseUrl());
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static List<Integer> statuses(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("status").asInt()).toList();
    }

    @Test
    void fetchesATokenOnceAndRenewsItBeforeItExpires() {
        start(Map.of("sandbox.token-lifetime-seconds", "3", "genesys.token.renew-before-seconds", "1"));
        pipeline.genesys().get(QUEUES);
        pipeline.genesys().get(QUEUES);
        assertThat(pipeline.calls().tokens().fetches()).isEqualTo(1);

        clock.advance(java.time.Duration.ofMillis(2100)); // past lifetime minus renew-before
        pipeline.genesys().get(QUEUES);

        assertThat(pipeline.calls().tokens().fetches()).isEqualTo(2);
        assertThat(statuses(sandbox.journal(QUEUES))).containsExactly(200, 200, 200);
        assertThat(sandbox.journal("/oauth/token")).hasSize(2);
    }

    @Test
    void renewsTheTokenOnceWhenTheServiceAnswers401AndRetries() {
        start(Map.of());
        pipeline.genesys().get(QUEUES);
        sandbox.delete("/sandbox/tokens"); // the service forgets every token it issued

        JsonNode queues = pipeline.genesys().get(QUEUES);

        assertThat(queues.get("total").asInt()).isEqualTo(2);
        assertThat(statuses(sandbox.journal(QUEUES))).containsExactly(200, 401, 200);
        assertThat(pipeline.calls().tokens().fetches()).isEqualTo(2);
    }

    @Test
    void givesUpOnA401ThatARenewedTokenDoesNotCure() {
        start(Map.of());
        sandbox.fail(QUEUES, 401, 5, null);

        assertThatThrownBy(() -> pipeline.genesys().get(QUEUES))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("GENESYS_CLIENT_ID");
                });
    }

    @Test
    void honoursRetryAfterOnA429WithOneRequestPerAttempt() {
        start(Map.of());
        sandbox.fail(QUEUES, 429, 1, "2");

        pipeline.genesys().get(QUEUES);

        List<JsonNode> calls = sandbox.journal(QUEUES);
        assertThat(statuses(calls)).containsExactly(429, 200);
        long gap = Duration.between(Instant.parse(calls.get(0).get("time").asText()),
                Instant.parse(calls.get(1).get("time").asText())).toMillis();
        assertThat(gap).isBetween(1900L, 3500L);
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() {
        start(Map.of());
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(3).atOffset(ZoneOffset.UTC));
        sandbox.fail(QUEUES, 429, 1, inThreeSeconds);

        pipeline.genesys().get(QUEUES);

        List<JsonNode> calls = sandbox.journal(QUEUES);
        assertThat(statuses(calls)).containsExactly(429, 200);
        long gap = Duration.between(Instant.parse(calls.get(0).get("time").asText()),
                Instant.parse(calls.get(1).get("time").asText())).toMillis();
        assertThat(gap).isBetween(1000L, 4000L); // the date has one-second precision
    }

    @Test
    void capsAnExcessiveRetryAfter() {
        start(Map.of("genesys.retry.retry-after-cap-ms", "500"));
        sandbox.fail(QUEUES, 429, 1, "3600");
        long started = System.nanoTime();

        pipeline.genesys().get(QUEUES);

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
        assertThat(statuses(sandbox.journal(QUEUES))).containsExactly(429, 200);
    }

    @Test
    void backsOffOn503AndDroppedConnectionsThenSucceeds() {
        // three outages in a row open the shipped circuit (GenesysCircuitTest); this is about the retries under it
        start(Map.of("genesys.circuit.minimum-calls", "10", "genesys.circuit.window-calls", "10",
                "genesys.circuit.failure-rate-percent", "50"));
        sandbox.fail(QUEUES, 503, 2, null);
        sandbox.post("/sandbox/faults", "{'path':'" + QUEUES + "','drop':true}");

        JsonNode queues = pipeline.genesys().get(QUEUES);

        assertThat(queues.get("total").asInt()).isEqualTo(2);
        List<JsonNode> calls = sandbox.journal(QUEUES);
        assertThat(statuses(calls)).containsExactly(503, 503, 0, 200);
        assertThat(calls.get(2).get("fault").asText()).isEqualTo("scripted drop");
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWithAClearError() {
        start(Map.of("genesys.retry.max-attempts", "3"));
        sandbox.fail(QUEUES, 503, 10, null);

        assertThatThrownBy(() -> pipeline.genesys().get(QUEUES))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("503 service.unavailable to GET " + QUEUES)
                            .contains("gave up after 3 attempts").contains("contextId");
                });
        assertThat(sandbox.journal(QUEUES)).hasSize(3);
    }

    @Test
    void sendsExactlyOneRequestPerAttemptWhenConnectionsDrop() {
        // Apache HttpClient would retry a dropped idempotent request on its own; the pipeline turns that off
        start(Map.of("genesys.retry.max-attempts", "3"));
        sandbox.post("/sandbox/faults", "{'path':'" + QUEUES + "','drop':true,'times':10}");

        assertThatThrownBy(() -> pipeline.genesys().get(QUEUES))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("did not answer GET " + QUEUES);
                });
        assertThat(sandbox.journal(QUEUES)).hasSize(3);
    }

    @Test
    void doesNotRetryOtherClientErrorsAndExplainsThem() {
        start(Map.of());

        assertThatThrownBy(() -> pipeline.genesys().post("/api/v2/outbound/contactlists",
                Map.of("name", "No columns")))
                .isInstanceOfSatisfying(GenesysApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad.request");
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("'columnNames' is required");
                });
        assertThat(sandbox.journal("/api/v2/outbound/contactlists")).hasSize(1);
    }

    /** The circuit breaker: a sustained outage fails calls fast; probes close it again; a 429 storm never opens it. */
    @Test
    void anOutageOpensTheCircuitCallsFailFastAndProbesCloseItAgain() throws Exception {
        // every one of the last four calls failed (the start-up's calls succeeded before them)
        start(Map.of("genesys.retry.max-attempts", "3", "genesys.circuit.minimum-calls", "4",
                "genesys.circuit.window-calls", "4", "genesys.circuit.failure-rate-percent", "100",
                "genesys.circuit.open-seconds", "1",
                "genesys.circuit.half-open-calls", "1"));
        GenesysCircuit circuit = pipeline.circuit();
        sandbox.fail(QUEUES, 503, 1000, null);

        List<GenesysApiException> failures = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                pipeline.genesys().get(QUEUES);
            } catch (GenesysApiException e) {
                failures.add(e);
            }
        }
        // four answered 503 (the first call's three attempts, the second's first), then the circuit opened: the
        // other calls were not sent
        assertThat(failures).hasSize(10);
        assertThat(sandbox.journal(QUEUES)).hasSize(4);
        assertThat(circuit.state()).isEqualTo("OPEN");
        assertThat(failures.get(9).circuitOpen()).isTrue();
        assertThat(failures.get(9).getMessage()).startsWith("Genesys is failing: the circuit breaker is open")
                .contains("GET " + QUEUES + " was not sent");
        assertThat(failures.get(0).circuitOpen()).isFalse();
        assertThat(failures.get(0).status()).isEqualTo(503);

        // Genesys is back: after open-seconds a probe goes through and closes the circuit
        sandbox.delete("/sandbox/faults");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !circuit.isOpen());
        assertThat(pipeline.genesys().get(QUEUES).get("total").asInt()).isEqualTo(2);
        assertThat(circuit.state()).isEqualTo("CLOSED");
    }

    @Test
    void aStormOf429sNeverOpensTheCircuit() {
        start(Map.of("genesys.circuit.minimum-calls", "4", "genesys.circuit.window-calls", "4",
                "genesys.circuit.failure-rate-percent", "100"));
        GenesysCircuit circuit = pipeline.circuit();
        // eight 429s in a row: were they counted, the last four calls would all be failures
        sandbox.post("/sandbox/faults", "{'path':'" + QUEUES + "','status':429,'times':8,'retryAfter':'0'}");

        for (int i = 0; i < 4; i++) {
            assertThat(pipeline.genesys().get(QUEUES).get("total").asInt()).isEqualTo(2);
        }
        assertThat(statuses(sandbox.journal(QUEUES))).filteredOn(s -> s == 429).hasSize(8);
        assertThat(circuit.state()).isEqualTo("CLOSED");
    }
}
