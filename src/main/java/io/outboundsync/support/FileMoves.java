package io.outboundsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Moving a processed or refused file out of an inbox, never over another one, and the folders that keep what a drop
 * held (its processed copy, the ledger) readable by this process's user only.
 */
public final class FileMoves {

    private FileMoves() {
    }

    /**
     * Moves a file into a folder without overwriting: a taken name gets {@code -2}, {@code -3}… before its extension.
     * Across file systems (an inbox on a shared mount, the data folder on a local disk) the rename cannot be atomic:
     * the file is copied to a temporary name there, forced to disk, renamed into place, and only then deleted.
     */
    public static Path move(Path file, Path dir) {
        try {
            Files.createDirectories(dir);
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            String ext = dot > 0 ? name.substring(dot) : "";
            Path target = dir.resolve(name);
            for (int n = 2; Files.exists(target); n++) {
                target = dir.resolve(base + "-" + n + ext);
            }
            try {
                return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException acrossFileSystems) {
                return copyThenDelete(file, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The file " + file + " could not be moved to " + dir, e);
        }
    }

    private static Path copyThenDelete(Path file, Path target) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(file);
        return target;
    }

    /**
     * A folder of the data folder that holds personal data (processed drops, the ledger, reports): made, and on a
     * POSIX file system readable by this process's user only (rwx------), whatever the umask.
     */
    public static Path privateFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("The folder " + dir + " cannot be made private to this process's user", e);
        }
    }
}
