package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.OutboundSync;
import io.outboundsync.OutboundSyncArgs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void listsEverySubcommandInItsHelp() {
        assertThat(OutboundSync.execute("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("run", "once", "plan", "campaign", "sandbox", "audit");
    }

    @Test
    void runsTheLongRunningCommandWhenNoneIsGiven() {
        assertThat(OutboundSyncArgs.withDefault("--data-dir", "target/cli-data"))
                .containsExactly("--data-dir", "target/cli-data", "run");
        assertThat(OutboundSyncArgs.withDefault("once")).containsExactly("once");
        assertThat(OutboundSyncArgs.withDefault("--help")).containsExactly("--help");
    }

    @Test
    void refusesAnUnknownCommandOrAMissingArgumentAsUsage() {
        assertThat(OutboundSync.execute("explode")).isEqualTo(1);
        assertThat(OutboundSync.execute("campaign", "pause")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage");
    }

    @Test
    void stopsTheSandboxCommandOnABrokenSettingWithTheKeyAndTheFix() {
        System.setProperty("sandbox.fault.drop-rate", "lots");
        try {
            assertThat(OutboundSync.execute("sandbox", "--port", "0")).isEqualTo(1);
        } finally {
            System.clearProperty("sandbox.fault.drop-rate");
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Configuration error")
                .contains("sandbox.fault.drop-rate=lots")
                .contains("a decimal number");
    }
}
