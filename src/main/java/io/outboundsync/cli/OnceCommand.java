package io.outboundsync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import picocli.CommandLine.Spec;

@Command(name = "once", description = "Processes every drop in the inbox and reconciles campaigns once, then exits (0 ok, 1 usage or configuration error, 2 a drop or a sync failed).")
public final class OnceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotBuiltYet.refuse(spec, "the contacts and campaigns flows");
    }
}
