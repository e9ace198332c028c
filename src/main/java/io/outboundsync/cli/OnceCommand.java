package io.outboundsync.cli;

import io.outboundsync.OutboundSync;
import io.outboundsync.contacts.DropProcessor;
import io.outboundsync.runtime.Pipeline;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "once", description = "Processes every drop in the inbox once, then exits (0 ok, even with rejected"
        + " rows; 1 usage or configuration error; 2 a drop failed).")
public final class OnceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    OutboundSync app;

    @Override
    public Integer call() throws InterruptedException {
        try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("contacts.inbox.take-once", "true",
                "contacts.inbox.poll-delay-ms", "200")),
                app.configDir(), app.dataDir(), "once")) {
            pipeline.contactDrops().awaitDrained(Long.MAX_VALUE, TimeUnit.DAYS);
            Map<Path, DropProcessor.Status> outcomes = pipeline.contactDrops().outcomes();
            long failed = outcomes.values().stream().filter(s -> s == DropProcessor.Status.FAILED).count();
            var out = spec.commandLine().getOut();
            if (outcomes.isEmpty()) {
                out.println("No drops in " + app.dataDir().resolve("inbox/contacts") + ".");
            }
            outcomes.forEach((file, status) -> out.println(status + "  " + file.getFileName()));
            out.println("Reports: " + app.dataDir().resolve("reports"));
            if (failed > 0) {
                pipeline.failed(failed + " drop(s) failed");
                return OutboundSync.FAILED;
            }
            return OutboundSync.OK;
        }
    }
}
