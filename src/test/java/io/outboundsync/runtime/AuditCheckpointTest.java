package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.audit.AuditChain;
import io.outboundsync.audit.AuditHead;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.audit.AuditVerifier;
import io.outboundsync.testing.DropHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run keys its audit chain with a key kept outside the audit folder (generated owner-only into state/), keeps
 * the head in state, and anchors the head at the CDP receiver ({@code audit.checkpoint}) when it finishes: real
 * HTTP to the sandbox's webhook sink.
 */
class AuditCheckpointTest {

    @TempDir
    Path dataDir;

    private DropHarness org;

    @BeforeEach
    void start() {
        org = new DropHarness(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void eachRunFinishedSendsTheHeadToTheCdpAndTheKeyedChainVerifies() throws Exception {
        org.drop("demo", "renewals.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        org.runOnce();
        org.runOnce();

        Path key = dataDir.resolve("state").resolve("audit.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(dataDir.resolve("audit")).isDirectoryNotContaining("glob:**.key");
        byte[] keyBytes = Files.readString(key, StandardCharsets.US_ASCII).strip().getBytes(StandardCharsets.US_ASCII);

        Path file;
        try (var files = Files.list(dataDir.resolve("audit"))) {
            file = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file);
        AuditHead head = AuditHead.read(AuditLog.headFile(dataDir)).orElseThrow();
        AuditVerifier.Result result = AuditVerifier.verify(file, keyBytes, head);
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.authenticated()).isTrue();

        // two runs, two checkpoints; the second is the chain's head: the last record, run.finished
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints().size() == 2);
        JsonNode last = DropHarness.JSON.readTree(lines.get(lines.size() - 1));
        assertThat(last.get("type").asText()).isEqualTo("run.finished");
        JsonNode checkpoint = checkpoints().get(1).get("data");
        assertThat(checkpoint.get("seq").asLong()).isEqualTo(last.get("seq").asLong()).isEqualTo(head.seq());
        assertThat(checkpoint.get("hash").asText()).isEqualTo(last.get("hash").asText()).isEqualTo(head.hash());
        assertThat(checkpoint.get("keyId").asText()).isEqualTo(AuditChain.keyId(keyBytes));
        assertThat(checkpoints().get(0).get("data").get("seq").asLong()).isLessThan(head.seq());
    }

    private List<JsonNode> checkpoints() {
        return StreamSupport.stream(org.control.get("/sandbox/webhooks?name=cdp").spliterator(), false)
                .map(w -> w.get("body")).filter(b -> "audit.checkpoint".equals(b.get("type").asText())).toList();
    }
}
