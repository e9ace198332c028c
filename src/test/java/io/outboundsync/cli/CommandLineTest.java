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

    /** The build writes the version, Camel's and the commit (a clone's, so never "unknown" where tests run). */
    @Test
    void printsTheVersionCamelsVersionAndTheCommit() throws Exception {
        assertThat(OutboundSync.execute("--version")).isZero();
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        java.util.regex.Matcher own = java.util.regex.Pattern.compile(
                "<artifactId>outbound-sync</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        java.util.regex.Matcher camel = java.util.regex.Pattern.compile("<camel.version>([^<]+)</camel.version>")
                .matcher(pom);
        assertThat(own.find()).isTrue();
        assertThat(camel.find()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                line -> assertThat(line).isEqualTo("Outbound Sync " + own.group(1)),
                line -> assertThat(line).isEqualTo("Apache Camel " + camel.group(1))
                        .isEqualTo("Apache Camel " + org.apache.camel.impl.DefaultCamelContext.class.getPackage()
                                .getImplementationVersion()),
                line -> assertThat(line).matches("git commit [0-9a-f]{12} \\(\\d{4}-\\d\\d-\\d\\dT.*\\).*"),
                line -> assertThat(line).startsWith("Java " + Runtime.version()));
    }

    /** The process's logging: the file under the data folder; the console quiet unless asked. */
    @Test
    void sendsTheLogUnderTheDataFolderAndKeepsTheConsoleToWarnings() {
        String dir = System.getProperty("outboundsync.log.dir");
        String level = System.getProperty("outboundsync.console.level");
        try {
            OutboundSyncArgs.configureLogging(new String[] {"--data-dir", "/srv/os", "once"}, java.util.Map.of());
            assertThat(System.getProperty("outboundsync.log.dir")).isEqualTo("/srv/os/logs");
            assertThat(System.getProperty("outboundsync.console.level")).isEqualTo("WARN");
            OutboundSyncArgs.configureLogging(new String[] {"--data-dir=/srv/x", "--verbose", "run"}, java.util.Map.of());
            assertThat(System.getProperty("outboundsync.log.dir")).isEqualTo("/srv/x/logs");
            assertThat(System.getProperty("outboundsync.console.level")).isEqualTo("ALL");
            OutboundSyncArgs.configureLogging(new String[] {"once"}, java.util.Map.of("LOG_LEVEL", "DEBUG"));
            assertThat(System.getProperty("outboundsync.console.level")).isEqualTo("ALL");
        } finally {
            restore("outboundsync.log.dir", dir);
            restore("outboundsync.console.level", level);
        }
        // --verbose is an option of every command
        assertThat(OutboundSync.execute("--verbose", "--version")).isZero();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
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
