package io.outboundsync.campaigns;

import io.outboundsync.config.CampaignSchema;
import java.nio.file.Path;
import java.util.List;

/** A campaign file with mistakes: every one named by file, line and key, with its fix. Stops that campaign only. */
public final class CampaignConfigException extends RuntimeException {

    private final transient Path file;
    private final transient List<CampaignProblems.Problem> problems;

    public CampaignConfigException(Path file, List<CampaignProblems.Problem> problems) {
        super(CampaignSchema.describe(file, problems.stream().map(p -> new CampaignSchema.Finding(p.line(),
                p.column(), p.key(), p.message(), p.fix())).toList()));
        this.file = file;
        this.problems = problems;
    }

    public Path file() {
        return file;
    }

    public List<CampaignProblems.Problem> problems() {
        return problems;
    }

    /** The campaign's key: the file's name without {@code .yaml}. */
    public String campaignKey() {
        return file == null ? "(invalid file)" : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** The problems that are two rules contradicting each other. */
    public List<CampaignProblems.Problem> ruleConflicts() {
        return problems.stream().filter(RuleBook::isConflict).toList();
    }
}
