package io.outboundsync.sandbox;

import io.outboundsync.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.Settings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitAndFaultsTest {

    private static GenesysSandbox start(Map<String, String> settings, MutableClock clock) {
        return GenesysSandbox.start(SandboxSettings.from(Settings.of(settings)), clock);
    }

    @Test
    void answers429WithAUsableRetryAfterPastTheLimitAndAdmitsAgainOnceTheWindowResets() {
        MutableClock clock = MutableClock.atNow();
        try (GenesysSandbox sandbox = start(Map.of("sandbox.rate-limit-per-minute", "300"), clock)) {
            SandboxHttp http = new SandboxHttp(sandbox).login();
            List<Integer> statuses = new ArrayList<>();
            SandboxHttp.Response last = null;
            for (int i = 0; i < 320; i++) {
                last = http.get("/api/v2/routing/queues");
                statuses.add(last.status());
                if (i == 0) {
                    assertThat(last.header("inin-ratelimit-allowed")).isEqualTo("300");
                    assertThat(last.header("inin-ratelimit-count")).isEqualTo("1");
                }
                if (i == 9) {
                    clock.advance(Duration.ofSeconds(20));
                }
            }

            assertThat(statuses.subList(0, 300)).containsOnly(200);
            assertThat(statuses.subList(300, 320)).containsOnly(429);
            assertThat(last.code()).isEqualTo("too.many.requests");
            assertThat(last.message()).contains("[300]");
            assertThat(last.header("Retry-After")).isEqualTo("40");
            assertThat(last.header("inin-ratelimit-reset")).isEqualTo("40");

            clock.advance(Duration.ofSeconds(40));
            SandboxHttp.Response after = http.get("/api/v2/routing/queues");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.header("inin-ratelimit-count")).isEqualTo("1");
        }
    }

    @Test
    void limitsEachTokenOnItsOwnAndCanBeTurnedOff() {
        MutableClock clock = MutableClock.atNow();
        try (GenesysSandbox sandbox = start(Map.of("sandbox.rate-limit-per-minute", "2"), clock)) {
            SandboxHttp first = new SandboxHttp(sandbox).login();
            SandboxHttp second = new SandboxHttp(sandbox).login();
            first.get("/api/v2/scripts");
            first.get("/api/v2/scripts");
            assertThat(first.get("/api/v2/scripts").status()).isEqualTo(429);
            assertThat(second.get("/api/v2/scripts").status()).isEqualTo(200);
        }
        try (GenesysSandbox unlimited = start(Map.of("sandbox.rate-limit-per-minute", "0"), clock)) {
            SandboxHttp http = new SandboxHttp(unlimited).login();
            for (int i = 0; i < 400; i++) {
                assertThat(http.get("/api/v2/scripts").status()).isEqualTo(200);
            }
        }
    }

    /** The outcome of each of n requests: the status, or -1 for a dropped connection. */
    private static List<Integer> outcomes(Map<String, String> settings, int n) throws IOException {
        try (GenesysSandbox sandbox = start(settings, MutableClock.atNow())) {
            SandboxHttp http = new SandboxHttp(sandbox).login();
            List<Integer> outcomes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String response = http.rawGet("/api/v2/routing/queues");
                if (response == null) {
                    outcomes.add(-1);
                    continue;
                }
                int status = Integer.parseInt(response.substring(9, 12));
                outcomes.add(status);
                if (status == 503) {
                    assertThat(response).containsIgnoringCase("Retry-After: 2").contains("service.unavailable");
                }
            }
            return outcomes;
        }
    }

    @Test
    void injectsTheSameFaultsForTheSameSeed() throws IOException {
        Map<String, String> faulty = new HashMap<>(Map.of("sandbox.fault.seed", "7",
                "sandbox.fault.error-rate", "0.2", "sandbox.fault.drop-rate", "0.1",
                "sandbox.fault.retry-after-seconds", "2", "sandbox.rate-limit-per-minute", "0"));

        List<Integer> first = outcomes(faulty, 200);
        List<Integer> again = outcomes(faulty, 200);
        faulty.put("sandbox.fault.seed", "8");
        List<Integer> otherSeed = outcomes(faulty, 200);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        long errors = first.stream().filter(s -> s == 503).count();
        long drops = first.stream().filter(s -> s == -1).count();
        assertThat(errors).isBetween(20L, 60L); // 0.2 of the 0.9 not dropped: about 36
        assertThat(drops).isBetween(8L, 35L); // about 20
        assertThat(first).containsOnly(200, 503, -1);
    }

    @Test
    void delaysSlowRequestsAndRecordsEveryFaultInTheJournal() throws Exception {
        Map<String, String> slow = Map.of("sandbox.fault.slow-rate", "1", "sandbox.fault.slow-ms", "300");
        try (GenesysSandbox sandbox = start(slow, MutableClock.atNow())) {
            SandboxHttp http = new SandboxHttp(sandbox).login();
            long started = System.nanoTime();
            assertThat(http.get("/api/v2/scripts").status()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);

            JsonNode journal = http.get("/sandbox/journal?path=/api/v2").body();
            assertThat(journal).hasSize(1);
            assertThat(journal.get(0).get("fault").asText()).isEqualTo("slow");
            assertThat(journal.get(0).get("durationMs").asLong()).isGreaterThanOrEqualTo(300);
        }
        Map<String, String> dropAll = Map.of("sandbox.fault.drop-rate", "1");
        try (GenesysSandbox sandbox = start(dropAll, MutableClock.atNow())) {
            SandboxHttp http = new SandboxHttp(sandbox).login();
            assertThat(http.rawGet("/api/v2/scripts")).isNull();
            assertThatThrownBy(() -> http.sendRaw("/api/v2/scripts")).isInstanceOf(IOException.class);
            JsonNode journal = http.get("/sandbox/journal").body();
            assertThat(journal.get(journal.size() - 1).get("fault").asText()).isEqualTo("drop");
        }
    }

    @Test
    void refusesFaultSettingsThatAreNotProbabilities() {
        assertThatThrownBy(() -> SandboxSettings.from(Settings.of(Map.of("sandbox.fault.error-rate", "1.5"))))
                .hasMessageContaining("sandbox.fault.error-rate=1.5")
                .hasMessageContaining("probability");
        assertThatThrownBy(() -> SandboxSettings.from(Settings.of(Map.of("sandbox.fault.slow-rate", "often"))))
                .hasMessageContaining("sandbox.fault.slow-rate=often")
                .hasMessageContaining("SANDBOX_FAULT_SLOW_RATE");
        assertThatThrownBy(() -> SandboxSettings.from(Settings.of(Map.of("sandbox.org.queues", "Sales=5"))))
                .hasMessageContaining("name=onQueue/idle");
    }

    /** An outage of a duration: every matching request fails until the sandbox's clock passes it. */
    @Test
    void aScriptedOutageLastsItsDurationOnTheSandboxClock() {
        MutableClock clock = MutableClock.atNow();
        try (GenesysSandbox sandbox = start(Map.of(), clock)) {
            SandboxHttp http = new SandboxHttp(sandbox).login();
            assertThat(http.post("/sandbox/faults", SandboxHttp.parse(
                    "{'path':'/api/v2/routing/queues','status':503,'forMs':60000}")).status()).isEqualTo(204);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/api/v2/routing/queues").status()).isEqualTo(503);
            }
            assertThat(http.get("/api/v2/scripts").status()).as("another path").isEqualTo(200);
            clock.advance(Duration.ofSeconds(59));
            assertThat(http.get("/api/v2/routing/queues").status()).isEqualTo(503);
            clock.advance(Duration.ofSeconds(1));
            assertThat(http.get("/api/v2/routing/queues").status()).isEqualTo(200);
            assertThat(http.post("/sandbox/faults", SandboxHttp.parse("{'status':503,'forMs':0}")).status())
                    .isEqualTo(400);
        }
    }
}
