package io.outboundsync.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.notify.TestKeys;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route of {@code routes/audit-spool.camel.yaml} with {@code audit.camel.yaml}, booted with Camel's test kit
 * over a real audit log: records the folder refused reach their day file by the timer alone, in chain order, once
 * the folder takes writes again, with no new record to push them.
 */
class AuditSpoolRoutesTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;
    private AuditLog audit;

    private Path dir() {
        return root.resolve("audit");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("audit.dir", dir().toString());
        properties.put("audit.spool.drain-ms", "50");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.createDirectories(data.resolve("state"));
        audit = new AuditLog(dir(), AuditLog.headFile(data), AuditLogTest.KEY,
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC),
                TestKeys.REDACTOR, () -> template);
        registry.bind("audit", audit);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("audit.camel.yaml", "audit-spool.camel.yaml");
    }

    @Test
    void refusedRecordsReachTheDayFileByTheTimerOnceTheFolderTakesThem() throws Exception {
        Path day = dir().resolve("audit-2026-11-23.jsonl");
        // the day file is a folder: every write to it fails, as on a full disk
        Files.createDirectories(day);
        audit.append("contacts.drop", "run", "demo/one.csv", "ok", JSON.createObjectNode());
        audit.append("contacts.drop", "run", "demo/two.csv", "ok", JSON.createObjectNode());
        assertThat(audit.spooled()).isEqualTo(2);

        Files.delete(day);

        await().atMost(Duration.ofSeconds(10)).until(() -> audit.spooled() == 0);
        List<String> lines = Files.readAllLines(day);
        assertThat(lines).extracting(l -> JSON.readTree(l).get("subject").asText())
                .containsExactly("demo/one.csv", "demo/two.csv");
        AuditVerifier.Result verified = AuditVerifier.verify(day, AuditLogTest.KEY, audit.head());
        assertThat(verified.intact()).as(verified.problem()).isTrue();
    }
}
