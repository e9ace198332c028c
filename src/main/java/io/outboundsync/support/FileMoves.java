package io.outboundsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Moving a processed or refused file out of an inbox, never over another one. */
public final class FileMoves {

    private FileMoves() {
    }

    /** Moves a file into a folder without overwriting: a taken name gets {@code -2}, {@code -3}… before its extension. */
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
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The file " + file + " could not be moved to " + dir, e);
        }
    }
}
