package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.OutboundSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import io.outboundsync.testing.YamlRoutes;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit file: records chained by {@link AuditLog} and appended by the {@code audit-append} route of
 * {@code routes/audit.camel.yaml}, booted with Camel's test kit; then checked by {@link AuditVerifier}.
 */
class AuditLogTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    /** This test's audit folder (set while Camel's test kit configures the context, in the constructor). */
    private Path dir;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        dir = root.resolve(java.util.UUID.randomUUID().toString());
        Properties properties = new Properties();
        properties.put("audit.dir", dir.toString());
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("audit.camel.yaml");
    }

    private AuditLog log(String instant) {
        return new AuditLog(dir, at(instant), TestKeys.REDACTOR, () -> template);
    }

    private Path writeFive() {
        AuditLog log = log("2026-11-23T10:00:00Z");
        for (int i = 1; i <= 5; i++) {
            log.append("contacts.batch", "once", "demo", "ok", JSON.createObjectNode().put("batch", i));
        }
        return dir.resolve("audit-2026-11-23.jsonl");
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static Path rewrite(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void writesChainedRecordsWithTheDocumentedFields() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        assertThat(lines).hasSize(5);
        var first = JSON.readTree(lines.get(0));
        var second = JSON.readTree(lines.get(1));
        assertThat(first.fieldNames()).toIterable().containsExactly("seq", "ts", "type", "trigger", "subject",
                "outcome", "details", "prevHash", "hash");
        assertThat(first.get("prevHash").asText()).isEqualTo("0".repeat(64));
        assertThat(second.get("prevHash").asText()).isEqualTo(first.get("hash").asText());
        assertThat(AuditVerifier.verify(file).intact()).isTrue();
    }

    @Test
    void catchesAnEditedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"batch\":3", "\"batch\":30"));

        AuditVerifier.Result result = AuditVerifier.verify(rewrite(file, lines));

        assertThat(result.intact()).isFalse();
        assertThat(result.line()).isEqualTo(3);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void catchesAnInsertedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.add(3, lines.get(1));

        AuditVerifier.Result result = AuditVerifier.verify(rewrite(file, lines));

        assertThat(result.line()).isEqualTo(4);
        assertThat(result.problem()).contains("inserted");
    }

    @Test
    void catchesADeletedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.remove(2);

        AuditVerifier.Result result = AuditVerifier.verify(rewrite(file, lines));

        assertThat(result.line()).isEqualTo(3);
        assertThat(result.problem()).contains("removed");
    }

    @Test
    void catchesALineRewrittenWithAFreshHashBecauseTheNextNoLongerChains() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        var forged = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(lines.get(1));
        forged.remove("hash");
        forged.with("details").put("batch", 99);
        String text = forged.toString();
        lines.set(1, text.substring(0, text.length() - 1) + ",\"hash\":\"" + AuditLog.hash(
                forged.get("prevHash").asText(), text) + "\"}");

        AuditVerifier.Result result = AuditVerifier.verify(rewrite(file, lines));

        assertThat(result.line()).isEqualTo(3);
        assertThat(result.problem()).contains("does not chain to line 2");
    }

    @Test
    void continuesTheChainAcrossRestartsAndDayFiles() throws IOException {
        writeFive();
        AuditLog restarted = log("2026-11-24T08:00:00Z");
        restarted.append("run.started", "run", "outbound-sync", "ok", null);
        Path nextDay = dir.resolve("audit-2026-11-24.jsonl");

        var record = JSON.readTree(lines(nextDay).get(0));
        assertThat(record.get("seq").asLong()).isEqualTo(6);
        assertThat(AuditVerifier.verify(nextDay).intact()).isTrue();

        List<String> yesterday = lines(dir.resolve("audit-2026-11-23.jsonl"));
        yesterday.remove(4);
        rewrite(dir.resolve("audit-2026-11-23.jsonl"), yesterday);
        assertThat(AuditVerifier.verify(nextDay).problem()).contains("previous day file");
    }

    @Test
    void neverWritesAPhoneNumberOrAnEmailAddressInClear() throws IOException {
        AuditLog log = log("2026-11-23T10:00:00Z");
        log.append("contacts.rejected", "once", "row 7 of ana@example.com", "rejected",
                JSON.createObjectNode().put("phone", "+13175550100").put("note", "call 317-555-0100"));

        String written = Files.readString(dir.resolve("audit-2026-11-23.jsonl"));
        assertThat(written).doesNotContain("ana@example.com").doesNotContain("+13175550100")
                .doesNotContain("317-555-0100").contains("<email:").contains("<phone:");
        assertThat(AuditVerifier.verify(dir.resolve("audit-2026-11-23.jsonl")).intact()).isTrue();
    }

    @Test
    void theCommandExits0ForAnIntactFileAnd1NamingTheLineOtherwise() throws IOException {
        Path file = writeFive();
        assertThat(OutboundSync.execute("audit", "verify", file.toString())).isZero();

        List<String> lines = lines(file);
        lines.remove(1);
        rewrite(file, lines);
        var err = new java.io.ByteArrayOutputStream();
        var original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(OutboundSync.execute("audit", "verify", file.toString())).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2").contains("removed");
    }
}
