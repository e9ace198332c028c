package io.outboundsync.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a drop out of the inbox, and the folders that keep what it held. */
class FileMovesTest {

    @TempDir
    Path dir;

    @Test
    void aTakenNameIsNeverOverwritten() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path done = Files.createDirectories(dir.resolve("processed"));
        Files.writeString(done.resolve("a.csv"), "earlier");
        Path moved = FileMoves.move(Files.writeString(inbox.resolve("a.csv"), "later"), done);
        assertThat(moved.getFileName().toString()).isEqualTo("a-2.csv");
        assertThat(Files.readString(done.resolve("a.csv"))).isEqualTo("earlier");
    }

    /**
     * Reproduced: an inbox on another mount than the data folder failed every poll with
     * AtomicMoveNotSupportedException. /dev/shm is a tmpfs, another file system than the temporary folder's.
     */
    @Test
    void aMoveAcrossFileSystemsCopiesThenDeletes() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
                "no second file system here");
        Path inbox = Files.createTempDirectory(shm, "inbox");
        try {
            Path file = Files.writeString(inbox.resolve("drop.csv"), "a,b\n1,2\n");
            Path moved = FileMoves.move(file, dir.resolve("processed/2026-12-07"));
            assertThat(moved).hasContent("a,b\n1,2\n");
            assertThat(file).doesNotExist();
            try (var left = Files.list(dir.resolve("processed/2026-12-07"))) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("drop.csv");
            }
        } finally {
            try (var left = Files.list(inbox)) {
                for (Path p : left.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(inbox);
        }
    }

    /** Reproduced: processed copies and the ledger were created 0644, readable by every user of the machine. */
    @Test
    void aFolderOfPersonalDataIsItsUsersAlone() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileMoves.privateFolder(state);
        FileMoves.privateFolder(dir.resolve("processed"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("processed"))))
                .isEqualTo("rwx------");
    }
}
