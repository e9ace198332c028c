package io.outboundsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox treated as the live org, a config folder with a copy of the demo campaign and the command line run in
 * this JVM on them: what a command-line test needs, made before each test and taken down after it
 * ({@code @RegisterExtension final CommandLineOrg org = new CommandLineOrg();}).
 */
public final class CommandLineOrg implements BeforeEachCallback, AfterEachCallback {

    private Path root;
    private DropHarness org;
    private CommandLineRun cli;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("cli-org");
        Files.createDirectories(config());
        org = new DropHarness(Files.createDirectories(root.resolve("data")), Map.of());
        org.withDemoConfigIn(config());
        cli = new CommandLineRun(config(), data());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        org.clearForCommandLine();
        org.close();
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (UncheckedIOException e) {
            // a file the process still writes: left to the temporary folder
        }
    }

    public DropHarness org() {
        return org;
    }

    public CommandLineRun cli() {
        return cli;
    }

    public Path config() {
        return root.resolve("config");
    }

    public Path data() {
        return root.resolve("data");
    }
}
