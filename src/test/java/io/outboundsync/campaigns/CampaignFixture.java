package io.outboundsync.campaigns;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The shipped demo campaign file, changed by text replacement, written to a config folder and read. */
final class CampaignFixture {

    /** A day inside the demo schedule (2026-11-01 to 2027-03-31). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    private CampaignFixture() {
    }

    static String demo() {
        try {
            return Files.readString(Path.of("config/campaigns/demo.yaml"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as {@code <dir>/campaigns/<key>.yaml} (with the do-not-call file) and reads it. */
    static CampaignSpec load(Path dir, String key, String text) {
        return new CampaignFiles(CampaignLimits.defaults(), CLOCK).load(contacts(dir, key, text));
    }

    static CampaignContacts contacts(Path dir, String key, String text) {
        try {
            Files.createDirectories(dir.resolve("campaigns"));
            Files.createDirectories(dir.resolve("dnc"));
            Files.copy(Path.of("config/dnc/internal-dnc.txt"), dir.resolve("dnc/internal-dnc.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path file = dir.resolve("campaigns").resolve(key + ".yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return ContactConfig.load(dir, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo file with one piece of text replaced (which must be there). */
    static String demoWith(String old, String replacement) {
        String demo = demo();
        if (!demo.contains(old)) {
            throw new IllegalArgumentException("the demo file has no '" + old + "'");
        }
        return demo.replace(old, replacement);
    }

    /** The 1-based line of the first occurrence of {@code text} in {@code file}. */
    static int lineOf(String file, String text) {
        int at = file.indexOf(text);
        if (at < 0) {
            throw new IllegalArgumentException("no '" + text + "'");
        }
        return (int) file.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
