package io.outboundsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "campaign", description = "Changes a campaign's state through the guarded state machine"
        + " (0 applied, 3 refused by a guard, 2 failed).")
public final class CampaignCommand implements Callable<Integer> {

    enum Action { activate, pause, complete }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "activate, pause or complete.")
    Action action;

    @Parameters(index = "1", paramLabel = "KEY", description = "The campaign key (config/campaigns/KEY.yaml).")
    String key;

    @Option(names = "--reason", description = "Why; required to pause.")
    String reason;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asked for the change.")
    String requestedBy;

    @Override
    public Integer call() {
        return NotBuiltYet.refuse(spec, "the campaign state machine");
    }
}
