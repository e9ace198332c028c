package io.outboundsync.cli;

import io.outboundsync.runtime.Pipeline;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Runs until stopped (Ctrl-C): watches the inbox for contact drops and command"
        + " files, and reconciles the campaign files at start-up and on the campaigns.sync.cron schedule.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Override
    public Integer call() throws InterruptedException {
        Pipeline pipeline = Pipeline.start(app.settings(), app.configDir(), app.dataDir(), "run");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "outbound-sync-shutdown"));
        if (app.settings().getBoolean("campaigns.sync-at-start")) {
            pipeline.campaigns().applyAll("startup");
        }
        spec.commandLine().getOut().println("Outbound Sync is running; drop CRM exports into "
                + app.dataDir().resolve("inbox/contacts/<campaign-key>/") + ". Ctrl-C stops it.");
        stopped.await();
        return ExitCodes.OK;
    }
}
