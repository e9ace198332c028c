package io.outboundsync.cli;

import io.outboundsync.OutboundSync;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.Drop;
import io.outboundsync.runtime.Pipeline;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "once", description = "Processes every drop in the inbox and reconciles every campaign file once,"
        + " then exits (0 ok, even with rejected rows; 1 usage or configuration error; 2 a drop or a sync failed).")
public final class OnceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    OutboundSync app;

    @Override
    public Integer call() throws InterruptedException {
        try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("contacts.inbox.take-once", "true",
                "contacts.inbox.poll-delay-ms", "200", "campaigns.triggers", "false")),
                app.configDir(), app.dataDir(), "once")) {
            pipeline.contactDrops().awaitDrained(Long.MAX_VALUE, TimeUnit.DAYS);
            Map<Path, Drop.Status> outcomes = pipeline.contactDrops().outcomes();
            long failed = outcomes.values().stream().filter(s -> s == Drop.Status.FAILED).count();
            var out = spec.commandLine().getOut();
            if (outcomes.isEmpty()) {
                out.println("No drops in " + app.dataDir().resolve("inbox/contacts") + ".");
            }
            outcomes.forEach((file, status) -> out.println(status + "  " + file.getFileName()));
            out.println("Reports: " + app.dataDir().resolve("reports"));
            CampaignsFlow.Outcome campaigns = pipeline.campaigns().applyAll("once");
            for (CampaignSync.Report report : campaigns.reports()) {
                long applied = report.changes().stream().filter(c -> Boolean.TRUE.equals(c.applied())).count();
                out.println((report.error() == null ? "SYNCED  " : "FAILED  ") + "campaign " + report.campaign()
                        + ": " + applied + " change(s) applied" + (report.error() == null ? "" : "; " + report.error()));
            }
            campaigns.invalid().forEach(e -> out.println("INVALID " + e.getMessage()));
            if (failed > 0 || campaigns.failed()) {
                pipeline.failed((failed > 0 ? failed + " drop(s) failed" : "") + (campaigns.failed()
                        ? " a campaign sync failed" : ""));
                return OutboundSync.FAILED;
            }
            if (!campaigns.invalid().isEmpty()) {
                pipeline.failed(campaigns.invalid().size() + " campaign file(s) have mistakes");
                return OutboundSync.USAGE_OR_CONFIG;
            }
            return OutboundSync.OK;
        }
    }
}
