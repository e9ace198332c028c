package io.outboundsync.campaigns;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A campaign file with mistakes: every one named by file, line and key, with its fix. Stops that campaign only. */
public final class CampaignConfigException extends RuntimeException {

    private final transient Path file;
    private final transient List<CampaignProblems.Problem> problems;

    public CampaignConfigException(Path file, List<CampaignProblems.Problem> problems) {
        super(file + ": " + problems.size() + " mistake" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(p -> "  " + file.getFileName() + " " + p).collect(Collectors.joining("\n")));
        this.file = file;
        this.problems = problems;
    }

    public Path file() {
        return file;
    }

    public List<CampaignProblems.Problem> problems() {
        return problems;
    }
}
