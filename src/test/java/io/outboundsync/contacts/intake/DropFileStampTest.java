package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a drop file changed between its admission and its move, in the words of the drop's error. */
class DropFileStampTest {

    @TempDir
    Path dir;

    private Path file() throws Exception {
        Path file = dir.resolve("drop.csv");
        Files.writeString(file, "a,b\n1,2\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        return file;
    }

    @Test
    void anUntouchedFileHasNotChanged() throws Exception {
        Path file = file();
        assertThat(DropFile.Stamp.of(file).changeTo(DropFile.Stamp.of(file))).isNull();
    }

    @Test
    void rowsAppendedChangeItsSize() throws Exception {
        Path file = file();
        DropFile.Stamp admitted = DropFile.Stamp.of(file);
        Files.writeString(file, "3,4\n", StandardOpenOption.APPEND);
        assertThat(admitted.changeTo(DropFile.Stamp.of(file))).isEqualTo("its size went from 8 to 12 bytes");
    }

    @Test
    void aRewriteOfTheSameSizeChangesItsTime() throws Exception {
        Path file = file();
        DropFile.Stamp admitted = DropFile.Stamp.of(file);
        Files.writeString(file, "a,b\n5,6\n"); // cat B > A: the same file, other bytes
        assertThat(admitted.changeTo(DropFile.Stamp.of(file))).isEqualTo("it was written to (its size stayed 8"
                + " bytes)");
    }

    @Test
    void aRenameOverItIsAnotherFile() throws Exception {
        Path file = file();
        DropFile.Stamp admitted = DropFile.Stamp.of(file);
        Path other = Files.writeString(dir.resolve("b.csv"), "a,b\n7,8\n9,0\n");
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING); // mv -f B A
        assertThat(admitted.changeTo(DropFile.Stamp.of(file))).isEqualTo("it was replaced by another file (12"
                + " bytes)");
    }

    @Test
    void aDeletedFileIsGone() throws Exception {
        Path file = file();
        DropFile.Stamp admitted = DropFile.Stamp.of(file);
        Files.delete(file);
        assertThat(admitted.changeTo(DropFile.Stamp.of(file))).isEqualTo("it is gone");
    }
}
