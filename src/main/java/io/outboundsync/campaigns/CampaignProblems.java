package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.CampaignSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mistakes found in one campaign file, each with its line, its key and the fix. Collected, not thrown one by
 * one, so an operator fixes a file in one pass; a file with any stops that campaign only.
 */
public final class CampaignProblems {

    /** One mistake: where (line, column, key), what, and how to fix it. */
    public record Problem(int line, int column, String key, String message, String fix) {

        public Problem(int line, String key, String message, String fix) {
            this(line, 0, key, message, fix);
        }

        @Override
        public String toString() {
            return new CampaignSchema.Finding(line, column, key, message, fix).toString();
        }
    }

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public CampaignProblems(Path file) {
        this.file = file;
    }

    /** A mistake at a node of the file (its line and column come from the location-aware reader). */
    public void add(JsonNode at, String key, String message, String fix) {
        problems.add(new Problem(line(at), CampaignSchema.column(at), key, message, fix));
    }

    /** A mistake the schema found. */
    public void add(CampaignSchema.Finding finding) {
        problems.add(new Problem(finding.line(), finding.column(), finding.key(), finding.message(), finding.fix()));
    }

    public void add(int line, String key, String message, String fix) {
        problems.add(new Problem(line, key, message, fix));
    }

    /** Something that is not wrong but was changed or is worth knowing (a merged duplicate). */
    public void warn(JsonNode at, String key, String message) {
        warnings.add(file.getFileName() + " line " + line(at) + ", " + key + ": " + message);
    }

    public void warn(int line, String key, String message) {
        warnings.add(file.getFileName() + " line " + line + ", " + key + ": " + message);
    }

    public boolean any() {
        return !problems.isEmpty();
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Path file() {
        return file;
    }

    /** Throws the problems found so far, if any. */
    public void throwIfAny() {
        if (any()) {
            throw new CampaignConfigException(file, problems());
        }
    }

    /** The 1-based line of a node read by the location-aware reader, 0 when unknown. */
    public static int line(JsonNode node) {
        return CampaignSchema.line(node);
    }
}
