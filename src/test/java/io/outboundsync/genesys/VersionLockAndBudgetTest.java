package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.config.Settings;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.SandboxControl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionLockAndBudgetTest {

    @TempDir
    Path dataDir;

    private static final String LIST = "{'name':'Race','columnNames':['externalId','phone','note'],"
            + "'phoneColumns':[{'columnName':'phone','type':'cell'}]}";

    @Test
    void retriesAVersionConflictToSuccessAndFailsClearlyWhenItPersists() {
        try (Pipeline pipeline = Pipeline.start(Settings.of(Map.of("genesys.mode", "sandbox",
                "genesys.version-lock.max-attempts", "3")), Path.of("config"), dataDir, "test")) {
            SandboxControl rival = new SandboxControl(pipeline.connection().sandbox().baseUrl())
                    .login("sandbox-client", "sandbox-secret");
            String id = pipeline.genesys().post("/api/v2/outbound/contactlists",
                    SandboxControl.json(LIST)).get("id").asText();
            String path = "/api/v2/outbound/contactlists/" + id;

            AtomicInteger interference = new AtomicInteger(1);
            ObjectNode stored = pipeline.versionLock().update("contact list " + id,
                    () -> {
                        ObjectNode read = (ObjectNode) pipeline.genesys().get(path);
                        if (interference.getAndDecrement() > 0) {
                            ObjectNode theirs = read.deepCopy().put("previewModeColumnName", "externalId");
                            rival.put(path, theirs.toString());
                        }
                        return read;
                    },
                    list -> list.put("previewModeColumnName", "note"),
                    changed -> (ObjectNode) pipeline.genesys().put(path, changed));

            assertThat(stored.get("previewModeColumnName").asText()).isEqualTo("note");
            assertThat(stored.get("version").asInt()).isEqualTo(3); // theirs was 2, ours 3
            List<Integer> puts = new SandboxControl(pipeline.connection().sandbox().baseUrl())
                    .journal(path).stream().filter(e -> e.get("method").asText().equals("PUT"))
                    .map(e -> e.get("status").asInt()).toList();
            assertThat(puts).containsExactly(200, 409, 200); // rival, ours (stale), ours again

            assertThatThrownBy(() -> pipeline.versionLock().update("contact list " + id,
                    () -> {
                        ObjectNode read = (ObjectNode) pipeline.genesys().get(path);
                        rival.put(path, read.deepCopy().put("previewModeColumnName", "phone").toString());
                        return read;
                    },
                    list -> list.put("previewModeColumnName", "note"),
                    changed -> (ObjectNode) pipeline.genesys().put(path, changed)))
                    .isInstanceOf(VersionLock.ConflictException.class)
                    .hasMessageContaining("contact list " + id)
                    .hasMessageContaining("each of 3 attempts")
                    .hasMessageContaining("409");
        }
    }

    @Test
    void keepsABurstOfAThousandCallsUnderTheServiceLimitWithoutA429() throws Exception {
        // the service allows 250 requests a second per token; the process is configured for more, and learns the
        // service's limit from the inin-ratelimit-* headers
        try (Pipeline pipeline = Pipeline.start(Settings.of(Map.of("genesys.mode", "sandbox",
                "sandbox.rate-limit-per-minute", "250", "sandbox.rate-limit-window-ms", "1000",
                "genesys.rate-limit.requests-per-window", "1000", "genesys.rate-limit.window-ms", "1000")),
                Path.of("config"), dataDir, "test")) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Future<JsonNode>> answers = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                answers.add(callers.submit(() -> pipeline.genesys().get("/api/v2/scripts")));
            }
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get().get("total").asInt()).isEqualTo(1);
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            callers.shutdown();

            List<Integer> statuses = new SandboxControl(pipeline.connection().sandbox().baseUrl())
                    .journal("/api/v2/scripts").stream().map(e -> e.get("status").asInt()).toList();
            assertThat(statuses).hasSize(1000).containsOnly(200);
            // 1,000 calls at 250 a second cannot take less than three full windows
            assertThat(elapsedMs).isGreaterThanOrEqualTo(3000);
            System.out.printf("burst: 1000 calls in %d ms under a 250/s service limit, no 429%n", elapsedMs);
        }
    }
}
