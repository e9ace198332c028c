package io.outboundsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.campaigns.CampaignConfigException;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.runtime.Pipeline;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "plan", description = "Prints what syncing the campaign files would change in Genesys, and changes"
        + " nothing (0 nothing pending, 4 changes pending, 1 a campaign file has mistakes, 2 Genesys failed).")
public final class PlanCommand implements Callable<Integer> {

    /** Exit code: changes are pending. */
    public static final int PENDING = 4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CampaignsFlow.Outcome outcome;
        try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("pipeline.tool", "true")),
                app.configDir(), app.dataDir(), "plan")) {
            outcome = pipeline.campaigns().planAll();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(toJson(outcome)));
        } else {
            print(outcome, out);
        }
        out.flush();
        if (!outcome.invalid().isEmpty()) {
            return ExitCodes.USAGE_OR_CONFIG;
        }
        if (outcome.failed()) {
            return ExitCodes.FAILED;
        }
        return outcome.pending() ? PENDING : ExitCodes.OK;
    }

    static ObjectNode toJson(CampaignsFlow.Outcome outcome) {
        ObjectNode root = JSON.createObjectNode();
        root.put("pending", outcome.pending());
        root.set("campaigns", JSON.valueToTree(outcome.reports()));
        ArrayNode invalid = root.putArray("invalid");
        for (CampaignConfigException e : outcome.invalid()) {
            ObjectNode file = invalid.addObject();
            file.put("file", e.file().toString());
            file.set("problems", JSON.valueToTree(e.problems()));
        }
        return root;
    }

    static void print(CampaignsFlow.Outcome outcome, PrintWriter out) {
        long pending = 0;
        for (CampaignSync.Report report : outcome.reports()) {
            out.println("Campaign " + report.campaign() + " (" + report.file() + ")");
            for (CampaignSync.Change change : report.changes()) {
                String what = switch (change.action()) {
                    case CREATE -> "create";
                    case ADOPT -> "adopt (exists in Genesys, not made by Outbound Sync)"
                            + (change.fields().isEmpty() ? "" : "; update " + String.join(", ", change.fields()));
                    case UPDATE -> "update " + String.join(", ", change.fields());
                    case UNCHANGED -> "unchanged";
                    case DRIFTED -> "drifted (changed outside Outbound Sync): " + String.join(", ", change.fields());
                    case DELETED -> "deleted outside Outbound Sync (re-created with campaigns.drift=correct)";
                };
                pending += change.pending() ? 1 : 0;
                out.printf("  %-18s %-34s %s%n", change.kind(), change.name(), what);
                for (CampaignSync.FieldChange value : change.values()) {
                    // Terraform's way: the field, what Genesys has, what the file says
                    out.printf("      ~ %s: %s -> %s%n", value.field(), value.from() == null ? "(none)" : value.from(),
                            value.to() == null ? "(none)" : value.to());
                }
            }
            CampaignSync.SegmentSize size = report.segmentSize();
            if (size != null) {
                out.println("  segment size: " + (size.local() == null ? "?" : size.local() + " of " + size.localOf())
                        + " contacts by the ledger's last synced rows, " + (size.preview() == null ? "?"
                        : size.preview() + " of " + size.previewOf()) + " by Genesys' preview"
                        + (size.note() == null ? "" : " (" + size.note() + ")"));
            }
            if (!report.ruleHits().isEmpty()) {
                StringBuilder hits = new StringBuilder("  rule hits over the ledger's rows:");
                report.ruleHits().forEach((rule, count) -> hits.append(" ").append(rule).append(" ").append(count)
                        .append(";"));
                out.println(hits.substring(0, hits.length() - 1));
            }
            report.notes().forEach(n -> out.println("  " + n));
            report.warnings().forEach(w -> out.println("  warning: " + w));
            if (report.error() != null) {
                out.println("  FAILED: " + report.error());
            }
        }
        for (CampaignConfigException e : outcome.invalid()) {
            out.println(e.getMessage());
        }
        out.println(pending == 0 ? "Plan: nothing to change." : "Plan: " + pending + " change(s) pending.");
    }
}
