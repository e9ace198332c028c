package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.CommandLineOrg;
import io.outboundsync.testing.CommandLineRun;
import io.outboundsync.testing.DropHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reproduced: a YAML syntax error in one campaign file gave no position and stopped every campaign. Now that
 * campaign is refused (its drop waits in the inbox, its sync is refused, audited and reported, with the line:column)
 * while the others sync.
 */
class BrokenCampaignFileTest {

    @RegisterExtension
    final CommandLineOrg harness = new CommandLineOrg();

    private DropHarness org;
    private CommandLineRun cli;
    private Path config;
    private Path data;

    @BeforeEach
    void start() {
        org = harness.org();
        cli = harness.cli();
        config = harness.config();
        data = harness.data();
        org.setForCommandLine(Map.of());
    }

    @Test
    void aBrokenCampaignFileRefusesThatCampaignAndTheOthersSync() throws IOException {
        String demo = Files.readString(config.resolve("campaigns/demo.yaml"), StandardCharsets.UTF_8);
        // a second campaign on its own list, with a YAML syntax error
        String broken = demo.replace("name: Demo Renewals", "name: Broken Renewals").replace("  trim: true",
                "  trim: [true");
        Files.writeString(config.resolve("campaigns/broken.yaml"), broken, StandardCharsets.UTF_8);
        String sample = Files.readString(Path.of("config/samples/demo-contacts.csv"));
        org.drop("demo", "good.csv", sample);
        Path waiting = org.drop("broken", "waiting.csv", sample);

        assertThat(cli.run("once")).isEqualTo(ExitCodes.FAILED);

        // the good campaign synced its drop and its campaign objects
        assertThat(org.summary("good.csv").get("uploaded").asLong()).isEqualTo(18);
        assertThat(cli.output()).contains("demo      SYNCED");
        // the broken one: its drop waits, whole, and the refusal names the file, the line:column and the fix
        assertThat(waiting).exists();
        assertThat(org.control.get("/api/v2/outbound/contactlists?name=Broken%20Renewals").get("entities"))
                .isEmpty();
        assertThat(cli.output()).contains("INVALID " + config.resolve("campaigns/broken.yaml") + ": 1 mistake:\n"
                + "  broken.yaml line 33:3, (file): is not valid YAML: expected ',' or ']', but got ? (while parsing a"
                + " flow sequence that starts at line 31:9). Fix: correct the YAML syntax at the position given.");
        // and the audit says so
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            String audit = Files.readString(files.filter(f -> f.toString().endsWith(".jsonl")).findFirst()
                    .orElseThrow());
            assertThat(audit.lines().filter(l -> l.contains("\"type\":\"campaign.config\"")
                    && l.contains("\"subject\":\"broken\"") && l.contains("\"outcome\":\"invalid\""))).hasSize(1);
        }
    }
}
