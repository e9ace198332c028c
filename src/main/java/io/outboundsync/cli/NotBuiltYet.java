package io.outboundsync.cli;

import io.outboundsync.OutboundSync;
import picocli.CommandLine.Model.CommandSpec;

/** What a subcommand whose flow is not built yet does: says so plainly and exits 1. */
final class NotBuiltYet {

    private NotBuiltYet() {
    }

    static int refuse(CommandSpec spec, String flow) {
        spec.commandLine().getErr().println("outbound-sync " + spec.qualifiedName(" ").replaceFirst("^outbound-sync ", "")
                + ": not available in this version; it needs " + flow + ", which is not built yet. Only 'sandbox' runs today.");
        return OutboundSync.USAGE_OR_CONFIG;
    }
}
