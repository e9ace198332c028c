package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.OutboundSyncProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduced: nothing on the console said which Genesys a run acted on. The first console line of a command says
 * it (sandbox, or the live org and its region), and so does every drop's summary.
 */
class TargetLineTest {

    @TempDir
    Path data;

    private static List<String> run(Path data, Map<String, String> settings) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox/contacts/demo"));
        Files.copy(Path.of("config/samples/demo-contacts.csv"), inbox.resolve("sample.csv"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Path log = data.resolve("console.txt");
        Process once = OutboundSyncProcess.start(Path.of("config"), data, "once", settings, log);
        assertThat(once.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return Files.readAllLines(log);
    }

    @Test
    void theEmbeddedSandboxIsNamedFirst() throws Exception {
        List<String> console = run(data, Map.of());

        assertThat(console.get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Target: sandbox \\(embedded, no"
                + " org\\)");
        assertThat(DropHarness.JSON.readTree(data.resolve("reports/sample.csv.summary.json").toFile())
                .get("target").asText()).isEqualTo("sandbox (embedded, no org)");
    }

    @Test
    void aLiveOrgIsNamedWithItsRegion() throws Exception {
        try (DropHarness org = new DropHarness(data.resolve("sandbox"), Map.of())) {
            List<String> console = run(data, org.pipelineSettings(Map.of()));
            String host = java.net.URI.create(org.sandbox.baseUrl()).getAuthority();
            String expected = "live: " + org.control.get("/api/v2/organizations/me").get("name").asText() + " ("
                    + host + ")";

            assertThat(console.get(0)).endsWith(" Target: " + expected);
            assertThat(DropHarness.JSON.readTree(data.resolve("reports/sample.csv.summary.json").toFile())
                    .get("target").asText()).isEqualTo(expected);
        }
    }
}
