package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproduced: a file in a subfolder of a campaign's inbox, or a hidden one, was ignored forever without a line. */
class InboxStraysTest {

    @TempDir
    Path inbox;

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private Path file(String path, Instant modified) throws Exception {
        Path file = inbox.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a,b\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void aFileInASubfolderAndAStaleFileBeingWrittenAreToldOnce() throws Exception {
        file("demo/drop.csv", NOW.minusSeconds(60));                 // read by the inbox
        file("demo/2026/december.csv", NOW.minusSeconds(60));        // never read: a subfolder
        file("demo/.export.csv", NOW.minusSeconds(7200));             // never read: still "being written"
        file("demo/export.csv.part", NOW.minusSeconds(60));           // being written now: fine
        Set<Path> told = new HashSet<>();

        assertThat(InboxStrays.strays(inbox, NOW, told)).containsExactlyInAnyOrder(
                "Inbox file demo/2026/december.csv is in a subfolder of campaign demo's inbox, which is never read."
                        + " Fix: move it into " + inbox.resolve("demo") + "/",
                "Inbox file demo/.export.csv has not changed for over an hour, but its name (a leading dot, .tmp or"
                        + " .part) marks a file still being written, which is never read. Fix: rename it to its"
                        + " final name when it is complete");
        // said once: the next poll is quiet about them
        assertThat(InboxStrays.strays(inbox, NOW, told)).isEmpty();
    }
}
