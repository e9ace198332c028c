package io.outboundsync.cli;

import io.outboundsync.contacts.reconcile.Reconciler;
import io.outboundsync.runtime.Pipeline;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "contacts", description = "Contact list tools.", subcommands = ContactsCommand.Reconcile.class)
public final class ContactsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "reconcile", description = "Exports the campaign's contact list from Genesys and compares it with"
            + " what Outbound Sync last synced: missing in Genesys, changed in Genesys, unknown to us, in agreement"
            + " (report in reports/). --repair sends the missing and changed contacts again (never a withdrawn one)."
            + " Exit 0 in agreement or repaired, 1 differences left.")
    public static final class Reconcile implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        ContactsCommand parent;

        @Parameters(index = "0", paramLabel = "KEY", description = "The campaign key (config/campaigns/KEY.yaml).")
        String campaign;

        @Option(names = "--repair", description = "Send the missing and changed contacts again with their last"
                + " acknowledged values.")
        boolean repair;

        @Override
        public Integer call() {
            GlobalOptions app = parent.app;
            // a one-shot tool: it must not take the inbox's drops or start the schedules
            try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("pipeline.tool", "true")),
                    app.configDir(), app.dataDir(), "cli")) {
                io.outboundsync.contacts.reconcile.Reconciliation run = pipeline.reconcile(campaign, repair);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("CAMPAIGN  IN GENESYS  AGREE  MISSING  CHANGED  UNKNOWN  WITHDRAWN-BUT-CALLABLE  REPAIRED%n");
                out.printf("%-8s  %10d  %5d  %7d  %7d  %7d  %22d  %8s%n", run.getCampaign(), run.getInGenesys(),
                        run.getAgree(), run.getMissing(), run.getChanged(), run.getUnknown(),
                        run.getWithdrawnButCallable(), run.isRepair() ? String.valueOf(run.getRepaired()) : "-");
                out.println("Report: " + app.dataDir().resolve("reports"));
                out.flush();
                boolean left = run.getUnknown() > 0 || run.getWithdrawnButCallable() > 0
                        || (!run.isRepair() && (run.getMissing() > 0 || run.getChanged() > 0));
                if (left) {
                    pipeline.failed("differences with Genesys");
                    return 1;
                }
                return ExitCodes.OK;
            } catch (org.apache.camel.CamelExecutionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                spec.commandLine().getErr().println("contacts reconcile: " + cause.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
