package io.outboundsync;

/** Reaches the command line's argument handling from tests in other packages. */
public final class OutboundSyncArgs {

    private OutboundSyncArgs() {
    }

    public static String[] withDefault(String... args) {
        return OutboundSync.withDefaultSubcommand(args);
    }

    public static void configureLogging(String[] args, java.util.Map<String, String> environment) {
        OutboundSync.configureLogging(args, environment);
    }
}
