package io.outboundsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.DropSummary;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.runtime.Pipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "once", description = "Processes every drop in the inbox and reconciles every campaign file once,"
        + " then exits (0 ok, even with rejected rows; 1 usage or configuration error; 2 a drop or a sync failed).")
public final class OnceCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Option(names = "--json", description = "Prints the drops' summaries and the campaigns' outcomes as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException, IOException {
        try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("contacts.inbox.take-once", "true",
                "contacts.inbox.poll-delay-ms", "200", "campaigns.triggers", "false")),
                app.configDir(), app.dataDir(), "once")) {
            pipeline.contactDrops().awaitDrained(Long.MAX_VALUE, TimeUnit.DAYS);
            Map<Path, Drop.Status> outcomes = pipeline.contactDrops().outcomes();
            long failed = outcomes.values().stream().filter(s -> s == Drop.Status.FAILED).count();
            Path reports = app.dataDir().resolve("reports");
            List<DropSummary> summaries = new ArrayList<>();
            for (Path file : outcomes.keySet()) {
                Path summary = reports.resolve(file.getFileName() + ".summary.json");
                if (Files.isRegularFile(summary)) {
                    summaries.add(JSON.readValue(summary.toFile(), DropSummary.class));
                }
            }
            CampaignsFlow.Outcome campaigns = pipeline.campaigns().applyAll("once");
            List<OutcomeTable.CampaignLine> lines = new ArrayList<>();
            for (CampaignSync.Report report : campaigns.reports()) {
                lines.add(new OutcomeTable.CampaignLine(report.campaign(),
                        report.changes().stream().filter(c -> Boolean.TRUE.equals(c.applied())).count(),
                        report.changes().stream().filter(c -> c.action() == CampaignSync.Action.DRIFTED).count(),
                        state(pipeline, report.campaign()), report.error()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("drops", summaries);
                all.put("campaigns", lines);
                all.put("invalidCampaignFiles", campaigns.invalid().stream().map(Exception::getMessage).toList());
                out.println(JSON.writeValueAsString(all));
            } else {
                if (outcomes.isEmpty()) {
                    out.println("No drops in " + app.dataDir().resolve("inbox/contacts") + ".");
                }
                OutcomeTable.drops(summaries).forEach(out::println);
                outcomes.forEach((file, status) -> {
                    if (summaries.stream().noneMatch(s -> file.getFileName().toString().equals(s.file()))) {
                        out.println(status + "  " + file.getFileName());
                    }
                });
                out.println("Reports: " + reports);
                OutcomeTable.campaigns(lines).forEach(out::println);
                campaigns.invalid().forEach(e -> out.println("INVALID " + e.getMessage()));
            }
            out.flush();
            if (failed > 0 || campaigns.failed()) {
                pipeline.failed((failed > 0 ? failed + " drop(s) failed" : "") + (campaigns.failed()
                        ? " a campaign sync failed" : ""));
                return ExitCodes.FAILED;
            }
            if (!campaigns.invalid().isEmpty()) {
                pipeline.failed(campaigns.invalid().size() + " campaign file(s) have mistakes");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            return ExitCodes.OK;
        }
    }

    /** The campaign's status in Genesys, or "?" when it cannot be read now (the table still prints). */
    private static String state(Pipeline pipeline, String key) {
        try {
            var found = pipeline.genesys().findByName("/api/v2/outbound/campaigns",
                    pipeline.campaigns().spec(key).campaign().name());
            return found == null ? "(none)" : found.path("campaignStatus").asText("?");
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
