package io.outboundsync.cli;

import io.outboundsync.notify.Notifier;
import io.outboundsync.runtime.Pipeline;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "webhooks", description = "Webhook fan-out tools.", subcommands = WebhooksCommand.Resend.class)
public final class WebhooksCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "resend", description = "Re-sends the webhook events kept in dead-letter/webhooks/ (0 all"
            + " delivered, 2 some still failing).")
    public static final class Resend implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        WebhooksCommand parent;

        @Override
        public Integer call() {
            GlobalOptions app = parent.app;
            // a one-shot tool: it must not take the inbox's drops or start the schedules while it resends
            try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("pipeline.tool", "true",
                    "notify.resend-dead-letters-at-start", "false")), app.configDir(), app.dataDir(), "cli")) {
                Notifier.Resent resent = pipeline.notifier().resendDeadLetters();
                spec.commandLine().getOut().println("Webhook dead letters: " + resent.delivered() + " delivered, "
                        + resent.failed() + " still failing.");
                if (resent.failed() > 0) {
                    pipeline.failed(resent.failed() + " dead letters still failing");
                    return ExitCodes.FAILED;
                }
                return ExitCodes.OK;
            }
        }
    }
}
