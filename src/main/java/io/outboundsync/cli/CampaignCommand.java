package io.outboundsync.cli;

import io.outboundsync.runtime.Pipeline;
import io.outboundsync.state.CampaignStates;
import io.outboundsync.state.Matrix;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "campaign", description = "Changes a campaign's state through the guarded state machine"
        + " (0 applied or already so, 3 refused: by the transition rules, a guard, a missing reason, or stale;"
        + " 2 failed).")
public final class CampaignCommand implements Callable<Integer> {

    /** Exit code: refused. */
    public static final int REFUSED = 3;

    enum Action { activate, pause, complete }

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    @Parameters(index = "0", description = "activate, pause or complete.")
    Action action;

    @Parameters(index = "1", paramLabel = "KEY", description = "The campaign key (config/campaigns/KEY.yaml).")
    String key;

    @Option(names = "--reason", description = "Why; required to pause (one of state.pause-reasons).")
    String reason;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asked for the change.")
    String requestedBy;

    @Option(names = "--override", paramLabel = "WHY", description = "Activate even though a guard refuses;"
            + " the reason is audited.")
    String override;

    @Override
    public Integer call() {
        CampaignStates.Result result;
        try (Pipeline pipeline = Pipeline.start(app.settings().with(Map.of("pipeline.tool", "true")),
                app.configDir(), app.dataDir(), "campaign")) {
            result = pipeline.states().request(new CampaignStates.Request(key, Matrix.Action.parse(action.name()),
                    reason, requestedBy == null ? System.getProperty("user.name", "cli") : requestedBy,
                    Instant.now(), override));
            if (result.outcome() == CampaignStates.Outcome.FAILED) {
                pipeline.failed(result.message());
            }
            if (pipeline.connection().sandbox() != null) {
                spec.commandLine().getErr().println("Note: genesys.mode=sandbox starts an empty embedded sandbox for"
                        + " this command alone. To change campaign state across commands, run `sandbox --port 8089`"
                        + " and point the other commands at it (-Dgenesys.mode=live -Dgenesys.api-url="
                        + "http://127.0.0.1:8089 -Dgenesys.login-url=http://127.0.0.1:8089"
                        + " -Dgenesys.client-id=sandbox-client -Dgenesys.client-secret=sandbox-secret).");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(key + ": " + action + " " + result.outcome() + (result.from() == null ? "" : " (" + result.from()
                + (result.to() == null ? "" : " → " + result.to()) + ")") + ": " + result.message()
                + (result.drainMs() == null ? "" : "; drained in " + result.drainMs() + " ms"));
        result.guards().forEach(g -> out.println("  " + (g.passed() ? "pass " : "FAIL ") + g.name() + ": "
                + g.detail()));
        if (result.override() != null && result.guards().stream().anyMatch(g -> !g.passed())) {
            out.println("  overridden: " + result.override());
        }
        out.flush();
        return switch (result.outcome()) {
            case APPLIED, NO_CHANGE -> ExitCodes.OK;
            case REFUSED, STALE -> REFUSED;
            case FAILED -> ExitCodes.FAILED;
        };
    }
}
