package io.outboundsync.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook half of the soak: the CDP and WFM receivers answer 503 for a simulated hour while events keep coming
 * (from two threads, across a restart of the process), then recover. Every event must arrive exactly once by its
 * event id, each receiver's in the order they were published, and the outage must raise one alert a receiver, not
 * one an event or a retry. The hour is simulated by shortening every webhook interval a hundredfold by settings:
 * the retries' backoff (1 s to 60 s becomes 10 ms to 600 ms) and the dead letters' probe (60 s becomes 600 ms), so
 * 36 s of outage is the hour. Real HTTP to the sandbox's receivers.
 */
@Tag("soak")
class WebhookOutageSoakTest {

    /** Real time is simulated time divided by this. */
    private static final int SCALE = 100;
    private static final Duration HOUR = Duration.ofMillis(3_600_000 / SCALE);
    private static final List<String> DOWN = List.of("cdp", "wfm");

    @TempDir
    Path dataDir;

    /** One publishing thread's events to one receiver, in the order it published them. */
    private record Published(String receiver, List<String> ids) {
    }

    @Test
    void anHourOfOutageThenEveryEventOnceAndInOrder() throws Exception {
        try (DropHarness org = new DropHarness(dataDir, Map.of())) {
            Map<String, String> settings = new HashMap<>(Map.of(
                    "notify.retry.backoff-initial-ms", String.valueOf(1000 / SCALE),
                    "notify.retry.backoff-max-ms", String.valueOf(60_000 / SCALE),
                    "notify.retry.retry-after-default-ms", String.valueOf(5000 / SCALE),
                    "notify.retry.retry-after-cap-ms", String.valueOf(60_000 / SCALE),
                    "notify.dead-letters.retry-ms", String.valueOf(60_000 / SCALE),
                    "notify.poll-ms", "20",
                    "notify.alerts.url", org.sandbox.baseUrl() + "/sandbox/webhooks/alerts",
                    "notify.alerts.secret", "alerts-secret"));
            for (String receiver : DOWN) {
                org.control.put("/sandbox/webhooks/" + receiver + "/status", "{'status':503}");
            }
            AtomicReference<Pipeline> running = new AtomicReference<>(org.pipeline(settings));
            List<Published> published = new CopyOnWriteArrayList<>();
            // two publishers, an event every 50 ms each, for as long as the outage lasts
            java.util.concurrent.ScheduledExecutorService publishers = Executors.newScheduledThreadPool(2);
            for (int t = 0; t < 2; t++) {
                int thread = t;
                Map<String, List<String>> mine = Map.of("cdp", new ArrayList<>(), "wfm", new ArrayList<>());
                mine.forEach((receiver, ids) -> published.add(new Published(receiver, ids)));
                java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                publishers.scheduleWithFixedDelay(() -> {
                    String receiver = DOWN.get(n.get() % 2);
                    Pipeline pipeline = running.get();
                    String id = null;
                    try {
                        id = pipeline == null ? null : pipeline.notifier().publish(receiver, "soak.event",
                                Map.of("thread", thread, "n", n.get()));
                    } catch (RuntimeException stopping) {
                        // the process was being restarted: this event was never accepted
                    }
                    if (id != null) {
                        synchronized (mine.get(receiver)) {
                            mine.get(receiver).add(id);
                        }
                        n.incrementAndGet();
                    }
                }, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            // half the hour's events, a restart (the events queued so far wait on disk), the other half
            long half = HOUR.toMillis() / 2 / 50 * 2;
            await().atMost(HOUR.multipliedBy(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> accepted(published) >= half);
            Pipeline first = running.getAndSet(null);
            first.close();
            running.set(org.pipeline(settings));
            await().atMost(HOUR.multipliedBy(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> accepted(published) >= 2 * half);
            publishers.shutdown();
            assertThat(publishers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            int queuedDuringOutage = published.stream().mapToInt(p -> p.ids().size()).sum();
            for (String receiver : DOWN) {
                org.control.put("/sandbox/webhooks/" + receiver + "/status", "{'status':200}");
            }

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                    outboxEmpty(dataDir) && !Files.list(dataDir.resolve("dead-letter/webhooks"))
                            .anyMatch(f -> f.toString().endsWith(".json")));
            running.get().close();

            Map<String, Integer> refused = new HashMap<>();
            for (String receiver : DOWN) {
                List<String> delivered = new ArrayList<>();
                List<Long> sequences = new ArrayList<>();
                Set<String> tried = new LinkedHashSet<>();
                int answered503 = 0;
                StringBuilder trace = new StringBuilder();
                for (JsonNode event : org.control.get("/sandbox/webhooks?name=" + receiver)) {
                    if (trace.length() < 4000) {
                        trace.append(event.path("receivedAt").asText()).append(' ')
                                .append(event.path("answeredStatus").asInt()).append(' ')
                                .append(event.path("headers").path("X-Event-Sequence").asText()).append(' ')
                                .append(event.path("body").path("type").asText()).append('\n');
                    }
                    String id = event.path("headers").path("X-Event-Id").asText();
                    tried.add(id);
                    if (event.path("answeredStatus").asInt() == 200) {
                        delivered.add(id);
                        sequences.add(event.path("headers").path("X-Event-Sequence").asLong());
                    } else {
                        answered503++;
                    }
                }
                refused.put(receiver, answered503);
                // once each, nothing that was tried left out, in the order of their sequence numbers
                assertThat(delivered).as(receiver).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(tried);
                assertThat(sequences).as("%s, what the receiver saw:%n%s", receiver, trace).isSorted()
                        .doesNotHaveDuplicates();
                for (Published thread : published) {
                    if (thread.receiver().equals(receiver)) {
                        // each publisher's events, all there, in the order it published them
                        assertThat(delivered.stream().filter(thread.ids()::contains).toList()).as(receiver)
                                .containsExactlyElementsOf(thread.ids());
                    }
                }
            }
            // the probes of the held receivers (one a simulated minute) are most of the refused attempts; one
            // alert a receiver for the whole outage, though the restart read their dead letters back
            List<JsonNode> deadLetterAlerts = new ArrayList<>();
            for (JsonNode alert : org.control.get("/sandbox/webhooks?name=alerts")) {
                if (alert.path("body").path("type").asText().equals("alert.webhook_dead_lettered")) {
                    deadLetterAlerts.add(alert.path("body").path("data"));
                }
            }
            assertThat(deadLetterAlerts).extracting(a -> a.path("receiver").asText())
                    .containsExactlyInAnyOrderElementsOf(DOWN);
            long probesInAnHour = HOUR.toMillis() / (60_000 / SCALE);
            assertThat(refused.values()).allSatisfy(n -> assertThat(n).isBetween((int) probesInAnHour / 2,
                    (int) probesInAnHour * 2 + 10));
            System.out.printf("webhook soak: %d events published by the test during a simulated hour (%d s) of 503s"
                    + " across a restart; refused attempts %s; all delivered once, in order%n", queuedDuringOutage,
                    HOUR.toSeconds(), refused);
        }
    }

    private static boolean outboxEmpty(Path dataDir) throws java.io.IOException {
        Path outbox = dataDir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return true;
        }
        try (var files = Files.walk(outbox)) {
            return files.noneMatch(f -> f.toString().endsWith(".json") && !f.getFileName().toString()
                    .startsWith("."));
        }
    }

    /** The events the publishers had accepted so far. */
    private static long accepted(List<Published> published) {
        long count = 0;
        for (Published p : published) {
            synchronized (p.ids()) {
                count += p.ids().size();
            }
        }
        return count;
    }
}
