package io.outboundsync;

import io.outboundsync.cli.AuditCommand;
import io.outboundsync.cli.CampaignCommand;
import io.outboundsync.cli.ExitCodes;
import io.outboundsync.cli.GlobalOptions;
import io.outboundsync.cli.OnceCommand;
import io.outboundsync.cli.PlanCommand;
import io.outboundsync.cli.RunCommand;
import io.outboundsync.cli.SandboxCommand;
import io.outboundsync.cli.WebhooksCommand;
import io.outboundsync.config.ConfigException;
import io.outboundsync.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The command line: {@code java -jar outbound-sync.jar [run|once|plan|campaign|sandbox|audit]}. */
@Command(name = "outbound-sync", mixinStandardHelpOptions = true, versionProvider = io.outboundsync.cli.VersionInfo.class,
        description = "Keeps Genesys Cloud CX outbound dialing in step with a CRM.",
        subcommands = {RunCommand.class, OnceCommand.class, PlanCommand.class, CampaignCommand.class,
                io.outboundsync.cli.DoctorCommand.class,
                SandboxCommand.class, AuditCommand.class, WebhooksCommand.class,
                io.outboundsync.cli.ContactsCommand.class})
public final class OutboundSync implements Runnable, GlobalOptions {

    @Option(names = "--config-dir", defaultValue = "./config", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder with application.properties and campaigns/ (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--data-dir", defaultValue = "./data", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder for inbox/, processed/, failed/, reports/, audit/, state/ (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Everything logged also on the console (Camel's start-up and shutdown too); without it the"
                    + " console shows warnings and errors, and the log file <data-dir>/logs/outbound-sync.log has all.")
    boolean verbose;

    @Override
    public Path configDir() {
        return configDir;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Settings settings() {
        return Settings.load(configDir);
    }

    /** Never reached: {@link #execute} adds {@code run} when no subcommand is given. */
    @Override
    public void run() {
        throw new IllegalStateException("no subcommand");
    }

    public static void main(String[] args) {
        configureLogging(args, System.getenv());
        System.exit(execute(args));
    }

    /**
     * Before anything logs: the log file goes under the data folder, and the console shows only warnings and
     * errors unless {@code --verbose} or {@code LOG_LEVEL} asks for more (log4j2.properties reads both properties).
     */
    static void configureLogging(String[] args, Map<String, String> environment) {
        String dataDir = "./data";
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = args[i + 1];
            } else if (args[i].startsWith("--data-dir=")) {
                dataDir = args[i].substring("--data-dir=".length());
            } else if (args[i].equals("--verbose")) {
                verbose = true;
            }
        }
        System.setProperty("outboundsync.log.dir", Path.of(dataDir).resolve("logs").toAbsolutePath().toString());
        String level = environment.get("LOG_LEVEL");
        System.setProperty("outboundsync.console.level", verbose || (level != null && !level.isBlank()) ? "ALL"
                : "WARN");
    }

    /** Runs the command line and returns its exit code; configuration errors print the key and the fix. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new OutboundSync());
        cli.setParameterExceptionHandler((e, ignored) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(e.getMessage());
            failed.usage(failed.getErr());
            return ExitCodes.USAGE_OR_CONFIG;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("Configuration error: " + e.getMessage());
                return ExitCodes.USAGE_OR_CONFIG;
            }
            commandLine.getErr().println("Failed: " + e.getMessage());
            return ExitCodes.FAILED;
        });
        return cli.execute(withDefaultSubcommand(args));
    }

    /** With no subcommand the process runs long, as {@code run} does. */
    static String[] withDefaultSubcommand(String[] args) {
        try {
            CommandLine.ParseResult parsed = new CommandLine(new OutboundSync()).parseArgs(args);
            if (parsed.hasSubcommand() || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                return args;
            }
        } catch (CommandLine.ParameterException e) {
            return args; // let the real run report it
        }
        String[] withRun = java.util.Arrays.copyOf(args, args.length + 1);
        withRun[args.length] = "run";
        return withRun;
    }
}
