package io.outboundsync.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A campaign file whose contact sections have mistakes: every one with its line:column, key and fix. It refuses
 * that campaign (its drops wait in the inbox, its sync is refused, audited and shown), not the others.
 */
public final class CampaignFileException extends ConfigException {

    private final transient Path file;
    private final transient List<CampaignSchema.Finding> findings;

    public CampaignFileException(Path file, List<CampaignSchema.Finding> findings) {
        super(CampaignSchema.describe(file, findings));
        this.file = file;
        this.findings = List.copyOf(findings);
    }

    public Path file() {
        return file;
    }

    /** The campaign's key: the file's name without {@code .yaml}. */
    public String key() {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    public List<CampaignSchema.Finding> findings() {
        return findings;
    }
}
