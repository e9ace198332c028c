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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code once} from the command line, against the sandbox as a live org, with an input it does not fully
 * understand: nothing reaches Genesys, the key, its line and the fix are named, and the drop waits in the inbox.
 */
class StartupRefusalTest {

    @RegisterExtension
    final CommandLineOrg harness = new CommandLineOrg();

    private DropHarness org;
    private CommandLineRun cli;
    private Path config;
    private Path drop;

    @BeforeEach
    void start() throws IOException {
        org = harness.org();
        cli = harness.cli();
        config = harness.config();
        drop = org.drop("demo", "sample.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
    }

    private void campaignFile(String old, String replacement) throws IOException {
        Path file = config.resolve("campaigns/demo.yaml");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(old);
        Files.writeString(file, text.replace(old, replacement), StandardCharsets.UTF_8);
    }

    private void assertNothingReachedGenesys() {
        assertThat(org.control.get("/api/v2/outbound/contactlists").get("entities")).isEmpty();
        assertThat(org.addContactRequests()).isZero();
        assertThat(drop).exists();
    }

    /**
     * Reproduced: a misspelt key under contacts was read as "consent not required" and uploaded callable. The
     * campaign is refused (the others would go on): its drop waits in the inbox, and the refusal names the line.
     */
    @Test
    void aMisspeltCampaignKeyRefusesTheCampaignWithItsLineAndTheKeyItMeant() throws IOException {
        campaignFile("requireConsent: true", "requireConsnet: true");
        org.setForCommandLine(Map.of());

        assertThat(cli.run("once")).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.output()).contains("INVALID " + config.resolve("campaigns/demo.yaml") + ": 1 mistake:\n"
                + "  demo.yaml line 25:3, contacts.requireConsnet: is not a key of contacts. Fix: did you mean"
                + " requireConsent?\n");
        assertNothingReachedGenesys();
    }

    @Test
    void aMistypedCampaignValueRefusesTheCampaign() throws IOException {
        campaignFile("{ from: email, type: email }", "{ from: email, typ: email }");
        org.setForCommandLine(Map.of());

        assertThat(cli.run("once")).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.output()).contains("demo.yaml line 42:22, contacts.fields[4].typ: is not a key of a field."
                + " Fix: did you mean type?");
        assertNothingReachedGenesys();
    }

    /** Reproduced: credentials in the environment and no mode set synced into the embedded sandbox, silently. */
    @Test
    void credentialsWithoutAModeStopTheRun() {
        System.setProperty("genesys.client-id", org.sandbox.settings().clientId());
        System.setProperty("genesys.client-secret", org.sandbox.settings().clientSecret());
        try {
            assertThat(cli.run("once")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        } finally {
            System.clearProperty("genesys.client-id");
            System.clearProperty("genesys.client-secret");
        }
        assertThat(cli.errors()).startsWith("Configuration error: Genesys OAuth client credentials are set"
                + " (genesys.client-id / GENESYS_CLIENT_ID, genesys.client-secret / GENESYS_CLIENT_SECRET), but"
                + " genesys.mode is not").contains("Fix: set"
                + " GENESYS_MODE=live").doesNotContain(org.sandbox.settings().clientSecret());
        assertNothingReachedGenesys();
    }

    /** Reproduced: a non-numeric value for a numeric setting ended with "Error during post processing of bean". */
    @Test
    void aSettingOfTheWrongTypeStopsTheRunWithTheKeyTheValueAndTheFix() {
        org.setForCommandLine(Map.of("genesys.contacts.batch-size", "1k"));

        assertThat(cli.run("once")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(cli.errors()).isEqualTo("Configuration error: 1 setting does not hold a value of its type:\n"
                + "  Setting genesys.contacts.batch-size=1k (given as -Dgenesys.contacts.batch-size) is not a whole"
                + " number. Fix: set it to a whole number, such as the default 1000\n");
        assertNothingReachedGenesys();
    }

    /** Reproduced: a misspelt setting was warned about in the log file and the run went on with the default. */
    @Test
    void aMisspeltSettingStopsTheRunWithTheKeyItMeant() {
        org.setForCommandLine(Map.of("genesys.contacts.batchsize", "10"));

        assertThat(cli.run("once")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(cli.errors()).isEqualTo("Configuration error: 1 setting is not read by Outbound Sync, and would"
                + " be ignored:\n  Setting genesys.contacts.batchsize (given as -Dgenesys.contacts.batchsize) is not"
                + " a setting Outbound Sync reads. Fix: did you mean genesys.contacts.batch-size?\n");
        assertNothingReachedGenesys();
    }
}
