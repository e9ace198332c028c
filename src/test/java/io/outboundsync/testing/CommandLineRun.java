package io.outboundsync.testing;

import io.outboundsync.OutboundSync;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the command line in this JVM on a config and data folder, keeping what it printed to standard output and error. */
public final class CommandLineRun {

    private final Path config;
    private final Path data;
    private String output = "";
    private String errors = "";

    public CommandLineRun(Path config, Path data) {
        this.config = config;
        this.data = data;
    }

    /** The exit code of {@code --config-dir CONFIG --data-dir DATA COMMAND...}. */
    public int run(String... command) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] args = new String[command.length + 4];
        args[0] = "--config-dir";
        args[1] = config.toString();
        args[2] = "--data-dir";
        args[3] = data.toString();
        System.arraycopy(command, 0, args, 4, command.length);
        try {
            return OutboundSync.execute(args);
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
            output = out.toString(StandardCharsets.UTF_8);
            errors = err.toString(StandardCharsets.UTF_8);
        }
    }

    /** What the last run printed to standard error (configuration errors and failures). */
    public String errors() {
        return errors;
    }

    /** What the last run printed. */
    public String output() {
        return output;
    }
}
