package io.outboundsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import picocli.CommandLine.Spec;

@Command(name = "run", description = "Runs the pipeline until stopped: watches the inbox, reconciles campaigns on schedule.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotBuiltYet.refuse(spec, "the long-running pipeline (contacts, campaigns, campaign state)");
    }
}
