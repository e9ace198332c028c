package io.outboundsync.cli;

import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", description = "Runs only the embedded Genesys Cloud emulator on a loopback port, until"
        + " stopped (Ctrl-C).")
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Option(names = "--port", paramLabel = "N", description = "Loopback port (default: sandbox.port; 0 picks a free"
            + " one).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        SandboxSettings settings = SandboxSettings.from(app.settings());
        if (port != null) {
            settings = settings.withPort(port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        GenesysSandbox sandbox = GenesysSandbox.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("Genesys Cloud sandbox listening on " + sandbox.baseUrl());
        out.println("  token:   POST " + sandbox.baseUrl() + "/oauth/token (client id " + settings.clientId()
                + ", secret from sandbox.client-secret)");
        out.println("  API:     " + sandbox.baseUrl() + "/api/v2/...");
        out.println("  journal: " + sandbox.baseUrl() + "/sandbox/journal   webhooks: " + sandbox.baseUrl()
                + "/sandbox/webhooks");
        out.println("Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
