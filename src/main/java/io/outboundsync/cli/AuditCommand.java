package io.outboundsync.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "Audit trail tools.", subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "verify", description = "Checks an audit file's hash chain (0 intact, 1 tampered, naming the"
            + " first line that was changed, inserted or removed).")
    public static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws java.io.IOException {
            if (!java.nio.file.Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("audit verify: " + file + " is not a file.");
                return io.outboundsync.OutboundSync.USAGE_OR_CONFIG;
            }
            io.outboundsync.notify.AuditVerifier.Result result = io.outboundsync.notify.AuditVerifier.verify(file);
            if (result.intact()) {
                spec.commandLine().getOut().println(file + ": intact, " + result.lines() + " records chained.");
                return io.outboundsync.OutboundSync.OK;
            }
            spec.commandLine().getErr().println(file + ": tampered: " + result);
            return 1;
        }
    }
}
