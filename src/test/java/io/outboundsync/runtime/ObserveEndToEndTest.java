package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.ConfigException;
import io.outboundsync.config.Settings;
import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code run} serves {@code /observe/health} and {@code /observe/metrics} (camel-observability-services) on its
 * port: readiness with Outbound Sync's own checks, Prometheus text with its own meters beside Camel's. Real HTTP to
 * the process and to a sandbox on loopback.
 */
class ObserveEndToEndTest {

    @TempDir
    Path dataDir;

    private DropHarness org;
    private Pipeline pipeline;
    private final MutableClock clock = MutableClock.atNow();
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @BeforeEach
    void start() throws Exception {
        // short tokens: moving the process's clock past one makes the next readiness check ask for a new one
        org = new DropHarness(dataDir, Map.of("sandbox.token-lifetime-seconds", "60"));
        port = DropHarness.freePort();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        org.close();
    }

    private Pipeline run(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(org.pipelineSettings(Map.of("observe.port", String.valueOf(port),
                "genesys.token.renew-before-seconds", "10")));
        settings.putAll(extra);
        return Pipeline.start(Settings.of(settings), Path.of("config"), dataDir, "run", clock);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(JsonNode health, String name) {
        return DropHarness.healthCheck(health, name);
    }

    @Test
    void servesReadinessAndTheMetersOfAKnownDrop() throws Exception {
        org.drop("demo", "renewals.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        pipeline = run(Map.of());
        assertThat(pipeline.contactDrops().awaitDrained(60, TimeUnit.SECONDS)).isTrue();
        JsonNode summary = org.summary("renewals.csv");
        assertThat(pipeline.campaigns().applyAll("test").failed()).isFalse();

        HttpResponse<String> health = get("/observe/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode body = DropHarness.JSON.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        for (String name : List.of("inbox", "state", "genesys-token", "genesys-target", "webhook-dead-letters")) {
            assertThat(check(body, name).get("status").asText()).as(name).isEqualTo("UP");
        }
        // which Genesys the process acts on, in the health answer too
        assertThat(check(body, "genesys-target").get("message").asText()).isEqualTo(org.target());

        // the drop's and the sync's webhook events leave their outboxes (the senders poll every notify.poll-ms)
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> get("/observe/metrics")
                .body().lines().anyMatch("outboundsync_webhooks_backlog 0.0"::equals));
        HttpResponse<String> metrics = get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        List<String> lines = metrics.body().lines().toList();
        String rows = "outboundsync_contacts_rows_total{campaign=\"demo\",outcome=\"%s\"} %s";
        assertThat(lines).contains(
                rows.formatted("read", summary.get("rowsRead").asLong() + ".0"),
                rows.formatted("accepted", summary.get("accepted").asLong() + ".0"),
                rows.formatted("rejected", summary.get("rejected").asLong() + ".0"),
                rows.formatted("uploaded", summary.get("uploaded").asLong() + ".0"),
                rows.formatted("unchanged", "0.0"),
                rows.formatted("withdrawn", "0.0"),
                "outboundsync_contacts_drops_total{campaign=\"demo\",status=\"COMPLETED_WITH_REJECTS\"} 1.0",
                "outboundsync_contacts_rejected_total{campaign=\"demo\",reason=\"PHONE_INVALID\"} "
                        + summary.get("rejectedByReason").get("PHONE_INVALID").asLong() + ".0",
                "outboundsync_webhooks_dead_letters 0.0",
                "outboundsync_webhooks_backlog 0.0");
        assertThat(summary.get("rowsRead").asLong()).isEqualTo(30);
        assertThat(lines).anyMatch(l -> l.matches(
                "outboundsync_campaigns_syncs_total\\{campaign=\"demo\",outcome=\"synced\"} [1-9]\\.0"));
        // the Genesys calls the run made, by status class, beside Camel's own route meters
        assertThat(lines).anyMatch(l -> l.matches("outboundsync_genesys_calls_total\\{status=\"2xx\"} [1-9][0-9]*\\.0"));
        assertThat(lines).anyMatch(l -> l.startsWith("outboundsync_genesys_budget_remaining_ratio "));
        assertThat(lines).anyMatch(l -> l.startsWith("camel_exchanges_total") && l.contains("routeId=\"contacts-drop\""));
        // counts and ids only: no phone, no e-mail, no secret
        assertThat(metrics.body()).doesNotContain("@example").doesNotContain("+1317")
                .doesNotContain(org.sandbox.settings().clientSecret());
    }

    @Test
    void readinessGoesDownWhileGenesysRefusesTheTokenAndUpAgainAfter() throws Exception {
        pipeline = run(Map.of());
        assertThat(check(DropHarness.JSON.readTree(get("/observe/health").body()), "genesys-token")
                .get("status").asText()).isEqualTo("UP");

        // Genesys refuses token requests; the token the process holds expires
        org.control.post("/sandbox/faults", "{'method':'POST','path':'/oauth/token','status':401,'times':1000}");
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> down = get("/observe/health");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode token = check(DropHarness.JSON.readTree(down.body()), "genesys-token");
        assertThat(token.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.body()).contains("GENESYS_CLIENT_SECRET").doesNotContain(org.sandbox.settings().clientSecret());
        // liveness is not readiness: the process is alive
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);

        org.control.delete("/sandbox/faults");
        HttpResponse<String> up = get("/observe/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(check(DropHarness.JSON.readTree(up.body()), "genesys-token").get("status").asText())
                .isEqualTo("UP");
    }

    /** Reproduced: with the circuit open and every upload failing fast, /observe/health said UP. */
    @Test
    void readinessGoesDownWhileTheGenesysCircuitIsOpenAndUpWhenItCloses() throws Exception {
        pipeline = run(Map.of("genesys.circuit.minimum-calls", "1", "genesys.circuit.window-calls", "1",
                "genesys.circuit.failure-rate-percent", "100", "genesys.circuit.open-seconds", "600",
                "genesys.retry.max-attempts", "1"));
        assertThat(check(DropHarness.JSON.readTree(get("/observe/health").body()), "genesys-circuit")
                .get("status").asText()).isEqualTo("UP");

        // Genesys answers 503 to every upload: the drop fails and the circuit opens
        org.control.post("/sandbox/faults", "{'method':'POST','path':'/api/v2/outbound/contactlists/','status':503,"
                + "'times':1000}");
        org.drop("demo", "outage.csv", DropHarness.generatedDrop("C", 200, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.circuit().isOpen());

        HttpResponse<String> down = get("/observe/health");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode circuit = check(DropHarness.JSON.readTree(down.body()), "genesys-circuit");
        assertThat(circuit.get("status").asText()).isEqualTo("DOWN");
        assertThat(circuit.get("message").asText()).matches("The Genesys circuit is OPEN since \\d{4}-\\d\\d-\\d\\dT"
                + "\\d\\d:\\d\\d:\\d\\dZ \\(calls fail fast; probes follow after genesys.circuit.open-seconds\\); the last"
                + " failure: Genesys answered 503\\. Fix: nothing is sent until Genesys answers again; check Genesys"
                + " Cloud's status page and the network path to the API host\\.");
        // liveness is not readiness: the process is alive
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);

        org.control.delete("/sandbox/faults");
        pipeline.circuit().breaker().transitionToClosedState();
        HttpResponse<String> up = get("/observe/health");
        assertThat(check(DropHarness.JSON.readTree(up.body()), "genesys-circuit").get("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void aTakenPortStopsStartUpWithTheKeyAndTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> run(Map.of())).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("observe.port " + port).hasMessageContaining("OBSERVE_PORT");
        }
    }
}
