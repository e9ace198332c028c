package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.config.Settings;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.testing.SandboxControl;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run, with debug logging of our code and of the HTTP client's headers, captured through the process's
 * own log layout: no secret, token, phone number or e-mail address may appear in clear, and the audit holds the
 * run's start and end.
 */
class FullRunLogHygieneTest {

    @TempDir
    Path dataDir;

    @Test
    void leavesNoSecretTokenPhoneOrEmailInTheLogsAndAuditsTheRun() throws Exception {
        String clientSecret = "cs-" + UUID.randomUUID();
        String webhookSecret = "wh-" + UUID.randomUUID();
        String phone = "+13175550142";
        String email = "ana.lopez@example.com";

        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        @SuppressWarnings("unchecked")
        Layout<String> layout = (Layout<String>) config.getAppender("console").getLayout();
        StringWriter captured = new StringWriter();
        Appender capture = WriterAppender.newBuilder().setName("capture").setTarget(captured).setLayout(layout)
                .build();
        capture.start();
        config.addAppender(capture);
        LoggerConfig root = config.getRootLogger();
        root.addAppender(capture, Level.ALL, null);
        Level previous = root.getLevel();
        Configurator.setLevel("io.outboundsync", Level.DEBUG);
        Configurator.setLevel("org.apache.hc.client5.http.headers", Level.DEBUG);
        Configurator.setLevel("org.apache.camel.component.http", Level.DEBUG);
        String lastToken;
        try (Pipeline pipeline = Pipeline.start(Settings.of(Map.of("genesys.mode", "sandbox",
                "sandbox.client-secret", clientSecret, "notify.cdp.secret", webhookSecret,
                "notify.wfm.secret", webhookSecret, "notify.retry.max-attempts", "2",
                "notify.retry.backoff-initial-ms", "50", "genesys.retry.backoff-initial-ms", "50",
                "genesys.retry.max-attempts", "2")), Path.of("config"), dataDir, "test")) {
            SandboxControl sandbox = new SandboxControl(pipeline.connection().sandbox().baseUrl());
            String listId = pipeline.genesys().post("/api/v2/outbound/contactlists", SandboxControl.json(
                    "{'name':'Hygiene','columnNames':['externalId','phone','email'],"
                            + "'phoneColumns':[{'columnName':'phone','type':'cell'}]}")).get("id").asText();
            pipeline.genesys().post("/api/v2/outbound/contactlists/" + listId + "/contacts", SandboxControl.json(
                    "[{'id':'c1','contactListId':'" + listId + "','data':{'externalId':'c1','phone':'" + phone
                            + "','email':'" + email + "'}}]"));
            sandbox.delete("/sandbox/tokens");
            pipeline.genesys().get("/api/v2/routing/queues"); // 401, renewed, retried
            sandbox.fail("/api/v2/scripts", 503, 5, "0");
            try {
                pipeline.genesys().get("/api/v2/scripts");
            } catch (GenesysApiException expected) {
                org.slf4j.LoggerFactory.getLogger("test").error("call failed: {}", expected.getMessage(), expected);
            }
            sandbox.put("/sandbox/webhooks/cdp/status", "{'status':503}");
            pipeline.notifier().publish("cdp", "contacts.synced", Map.of("note", "row of " + email + " " + phone));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(
                    dataDir.resolve("dead-letter/webhooks")) && dataDir.resolve("dead-letter/webhooks").toFile()
                    .list().length == 1);
            lastToken = pipeline.calls().tokens().bearer();
        } finally {
            root.removeAppender("capture");
            Configurator.setLevel("io.outboundsync", Level.INFO);
            Configurator.setLevel("org.apache.hc.client5.http.headers", Level.WARN);
            Configurator.setLevel("org.apache.camel.component.http", previous);
            capture.stop();
        }

        String logs = captured.toString();
        String basic = Base64.getEncoder().encodeToString(("sandbox-client:" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(logs).as("the run logged something").contains("Genesys mode sandbox");
        assertThat(logs).as("the HTTP headers were logged").contains("Authorization");
        assertThat(logs).doesNotContain(clientSecret).doesNotContain(basic).doesNotContain(webhookSecret)
                .doesNotContain(lastToken).doesNotContain(phone).doesNotContain(email)
                .doesNotContainPattern("(?i)bearer [A-Za-z0-9_-]{20,}");

        Path auditFile = dataDir.resolve("audit").resolve(Files.list(dataDir.resolve("audit")).findFirst()
                .orElseThrow().getFileName());
        assertThat(io.outboundsync.audit.AuditVerifier.verify(auditFile).intact())
                .as(io.outboundsync.audit.AuditVerifier.verify(auditFile).toString()).isTrue();
        List<String> audit = Files.readAllLines(auditFile);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(audit.get(0));
        JsonNode last = json.readTree(audit.get(audit.size() - 1));
        assertThat(first.get("type").asText()).isEqualTo("run.started");
        assertThat(first.get("details").get("mode").asText()).isEqualTo("sandbox");
        assertThat(last.get("type").asText()).isEqualTo("run.finished");
        assertThat(String.join("\n", audit)).doesNotContain(clientSecret).doesNotContain(lastToken);
        String deadLetters = Files.readString(Files.list(dataDir.resolve("dead-letter/webhooks")).findFirst()
                .orElseThrow());
        assertThat(deadLetters).doesNotContain(webhookSecret).doesNotContain(phone).doesNotContain(email);
    }
}
