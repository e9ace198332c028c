package io.outboundsync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.cli.CampaignCommand;
import io.outboundsync.cli.ExitCodes;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.CommandLineRun;
import io.outboundsync.testing.DropHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State changes from the command line, from command files, and from a campaign file's scheduled transitions. */
class StateTriggersTest {

    @TempDir
    Path data;

    @TempDir
    Path config;

    private DropHarness org;
    private CommandLineRun cli;

    @BeforeEach
    void start() throws IOException {
        org = new DropHarness(data, Map.of("sandbox.campaign.stopping-ms", "300")).withConfig(config);
        cli = new CommandLineRun(config, data);
        org.setForCommandLine(Map.of("genesys.rate-limit.requests-per-window", "100000", "state.pause.poll-ms",
                "100"));
        Files.createDirectories(config.resolve("campaigns"));
        Files.createDirectories(config.resolve("dnc"));
        Files.copy(Path.of("config/dnc/internal-dnc.txt"), config.resolve("dnc/internal-dnc.txt"));
        write(Files.readString(Path.of("config/campaigns/demo.yaml")), "");
        org.drop("demo", "contacts.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        assertThat(run("once")).isZero();
    }

    @AfterEach
    void stop() {
        // every key set above: one left behind would override later tests' settings in this JVM
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("genesys.")
                || k.startsWith("notify.") || k.startsWith("state.") || k.startsWith("campaigns.")
                || k.startsWith("contacts.")).forEach(System::clearProperty);
        org.close();
    }

    /** The demo file with calling hours all day (its last section), and extra sections after it. */
    private void write(String demo, String extra) throws IOException {
        Files.writeString(config.resolve("campaigns/demo.yaml"), demo.replaceAll("(?s)callingWindow:.*",
                "callingWindow:\n  weekdays: \"00:00-24:00\"\n  weekend: \"00:00-24:00\"\n") + extra);
    }

    private int run(String... command) {
        return cli.run(command);
    }

    private String status() {
        String id = org.control.get("/api/v2/outbound/campaigns?name=Demo%20Renewals").at("/entities/0/id").asText();
        return org.control.get("/api/v2/outbound/campaigns/" + id).get("campaignStatus").asText();
    }

    @Test
    void theCommandLineAppliesRefusesAndFailsWithItsExitCodes() {
        assertThat(run("campaign", "activate", "demo", "--requested-by", "ops")).isZero();
        assertThat(cli.output()).contains("demo: activate APPLIED (paused → active)")
                .contains("pass agents: 8 idle agent(s) on queue 'Outbound Sales'");
        assertThat(status()).isEqualTo("on");
        assertThat(run("campaign", "pause", "demo")).isEqualTo(CampaignCommand.REFUSED);
        assertThat(cli.output()).contains("a pause needs a reason");
        assertThat(run("campaign", "pause", "demo", "--reason", "CUSTOMER_REQUEST")).isZero();
        assertThat(cli.output()).contains("demo: pause APPLIED (active → paused)")
                .contains("drained in");
        assertThat(status()).isEqualTo("off");
        assertThat(run("campaign", "activate", "nosuch")).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.output()).contains("there is no campaign 'nosuch'");
    }

    @Test
    void commandFilesChangeStateAndARefusedOneGoesToFailedWithItsReason() throws IOException {
        try (Pipeline pipeline = org.pipeline(Map.of("campaigns.commands.poll-delay-ms", "100",
                "campaigns.sync-at-start", "false"))) {
            Path commands = data.resolve("inbox/commands");
            Files.writeString(commands.resolve("1-activate.json"), "{\"campaign\": \"demo\", \"action\": \"activate\","
                    + " \"requestedBy\": \"wfm\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(data.resolve(
                    "processed/commands/1-activate.json")));
            assertThat(status()).isEqualTo("on");
            Files.writeString(commands.resolve("2-pause.json"), "{\"campaign\": \"demo\", \"action\": \"pause\"}");
            Files.writeString(commands.resolve("3-archive.json"), "{\"campaign\": \"demo\", \"action\": \"archive\"}");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(data.resolve("failed/2-pause.json.error.txt")).content().contains("REFUSED: a pause"
                        + " needs a reason");
                assertThat(data.resolve("failed/3-archive.json.error.txt")).content().contains("no equivalent in"
                        + " Genesys Cloud");
            });
            assertThat(status()).isEqualTo("on");
            // a campaign no file names: refused, and its unchecked name never becomes a metric label
            Files.writeString(commands.resolve("4-stranger.json"), "{\"campaign\": \"x-injected-label\", \"action\":"
                    + " \"activate\"}");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(data.resolve(
                    "failed/4-stranger.json.error.txt")).content().contains("there is no campaign 'x-injected-label'"));
            var registry = pipeline.meters().registry();
            assertThat(registry.find("outboundsync.campaigns.state.requests").tag("campaign", "x-injected-label")
                    .counter()).isNull();
            assertThat(registry.find("outboundsync.campaigns.state.requests").tag("campaign", "(unknown)").counter())
                    .isNotNull();
            // the same name again later is a new command, taken again
            Files.writeString(commands.resolve("shift.json"), "{\"campaign\": \"demo\", \"action\": \"pause\","
                    + " \"reason\": \"AGENT_CAPACITY\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> status().equals("off")
                    && Files.exists(data.resolve("processed/commands/shift.json")));
            Files.writeString(commands.resolve("shift.json"), "{\"campaign\": \"demo\", \"action\": \"activate\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> status().equals("on")
                    && Files.exists(data.resolve("processed/commands/shift-2.json")));
        }
    }

    /** A pause scheduled in Pacific/Kiritimati (UTC+14, not the machine's zone) fires at that zone's wall time. */
    @Test
    void scheduledTransitionsFireInTheCampaignsZone() throws IOException {
        ZoneId zone = ZoneId.of("Pacific/Kiritimati");
        String demo = Files.readString(Path.of("config/campaigns/demo.yaml"))
                .replace("  timeZone: America/Indiana/Indianapolis", "  timeZone: Pacific/Kiritimati")
                .replaceAll("(?s)\\n# When the campaign runs:.*?\\n(?=# When calls may be placed)", "\n");
        write(demo, "");
        assertThat(run("once")).isZero();
        assertThat(run("campaign", "activate", "demo")).isZero();
        // a cron for a few seconds from now, wall time in Kiritimati: it fires only if read in that zone
        ZonedDateTime at = ZonedDateTime.now(zone).plusSeconds(12);
        String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * ?";
        write(demo, "\ntransitions:\n  - { action: pause, cron: \"" + cron + "\", reason: OTHER }\n");
        try (Pipeline pipeline = org.pipeline(Map.of("campaigns.sync-at-start", "false"))) {
            assertThat(pipeline.campaigns().validSpecs().get(0).transitions()).hasSize(1);
            await().atMost(Duration.ofSeconds(40)).until(() -> status().equals("off"));
        }
        assertThat(ZonedDateTime.now(zone)).isAfterOrEqualTo(at);
    }
}
