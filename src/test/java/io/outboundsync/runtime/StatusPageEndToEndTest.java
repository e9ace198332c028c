package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} serves the status page on the health port (routes/status.camel.yaml): the page, its files from the
 * jar, and the figures of a known drop and campaign; GET only; counts and ids, never a phone or an e-mail. Real HTTP
 * to the process and to a sandbox on loopback.
 */
class StatusPageEndToEndTest {

    @TempDir
    Path dataDir;

    private DropHarness org;
    private Pipeline pipeline;
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @BeforeEach
    void start() {
        org = new DropHarness(dataDir, Map.of());
        port = DropHarness.freePort();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        org.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode data() throws Exception {
        HttpResponse<String> answer = send("GET", "/status/data.json");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        return DropHarness.JSON.readTree(answer.body());
    }

    @Test
    void servesThePageAndTheFiguresOfAKnownDropReadOnly() throws Exception {
        org.drop("demo", "renewals.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        Map<String, String> settings = new HashMap<>(org.pipelineSettings(Map.of("observe.port", String.valueOf(port),
                "observe.status.sample-ms", "200", "observe.status.campaign-states-ms", "500")));
        // the rates are sampled by the process's clock: a real one here
        pipeline = Pipeline.start(Settings.of(settings), Path.of("config"), dataDir, "run", java.time.Clock.systemUTC());
        assertThat(pipeline.contactDrops().awaitDrained(60, TimeUnit.SECONDS)).isTrue();
        JsonNode summary = org.summary("renewals.csv");
        // as RunCommand does after start-up
        assertThat(pipeline.campaigns().applyAll("run").failed()).isFalse();

        JsonNode data = data();
        JsonNode drop = data.get("drops").get(0);
        assertThat(drop.get("file").asText()).isEqualTo("renewals.csv");
        assertThat(drop.get("campaign").asText()).isEqualTo("demo");
        assertThat(drop.get("status").asText()).isEqualTo(summary.get("status").asText());
        assertThat(drop.get("rows").asLong()).isEqualTo(30);
        for (String field : new String[] {"accepted", "rejected", "uploaded", "unchanged", "withdrawn"}) {
            assertThat(drop.get(field).asLong()).as(field).isEqualTo(summary.get(field).asLong());
        }
        assertThat(data.get("rejectedByReason")).isEqualTo(summary.get("rejectedByReason"));
        assertThat(data.get("running").isNull()).isTrue();
        assertThat(data.get("quota").get("limit").asLong()).isEqualTo(300);
        // the page says which Genesys it acts on
        assertThat(data.get("target").asText()).isEqualTo(org.target());
        assertThat(data.get("webhooks").get("deadLetters").asLong()).isZero();

        // the campaign's sync, and its status as Genesys holds it (read by the timer route)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode campaign = data().path("campaigns").path(0);
            assertThat(campaign.path("campaign").asText()).isEqualTo("demo");
            assertThat(campaign.path("lastSyncOutcome").asText()).isEqualTo("synced");
            assertThat(campaign.path("status").asText()).isEqualTo("off");
        });
        // the rates are sampled
        await().atMost(Duration.ofSeconds(20)).until(() -> data().get("rates").size() >= 2);

        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(page.body()).contains("<title>Outbound Sync · status</title>", "/status/assets/uPlot.iife.min.js");
        HttpResponse<String> chartLibrary = send("GET", "/status/assets/uPlot.iife.min.js");
        assertThat(chartLibrary.statusCode()).isEqualTo(200);
        assertThat(chartLibrary.body()).contains("uPlot");
        assertThat(send("GET", "/status/assets/status.js").statusCode()).isEqualTo(200);
        // only the files listed: no path is ever built from a request
        assertThat(send("GET", "/status/assets/pom.xml").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/status/assets/..%2F..%2Fapplication.properties").statusCode()).isEqualTo(404);
        // read-only
        assertThat(send("POST", "/status/data.json").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "/").statusCode()).isEqualTo(405);
        // beside health and metrics on the same port
        assertThat(send("GET", "/observe/health").statusCode()).isEqualTo(200);

        // counts and ids: the drop's phone numbers and e-mail addresses are nowhere
        String all = send("GET", "/status/data.json").body() + page.body();
        assertThat(all).doesNotContain("@example").doesNotContain("+1317").doesNotContain("3172014")
                .doesNotContain("(317)").doesNotContain("317.201").doesNotContain("Lopez")
                .doesNotContain(org.sandbox.settings().clientSecret());
    }

    @Test
    void onceServesNoPage() throws Exception {
        Map<String, String> settings = new HashMap<>(org.pipelineSettings(Map.of("observe.port", String.valueOf(port),
                "contacts.inbox.take-once", "true")));
        pipeline = Pipeline.start(Settings.of(settings), Path.of("config"), dataDir, "once", MutableClock.atNow());
        assertThat(pipeline.contactDrops().awaitDrained(60, TimeUnit.SECONDS)).isTrue();
        try (ServerSocket free = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(free.getLocalPort()).isEqualTo(port);
        }
    }
}
