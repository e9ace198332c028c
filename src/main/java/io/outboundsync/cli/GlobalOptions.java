package io.outboundsync.cli;

import io.outboundsync.config.Settings;
import java.nio.file.Path;

/** What every command takes from the command line's own options ({@code --config-dir}, {@code --data-dir}). */
public interface GlobalOptions {

    Path configDir();

    Path dataDir();

    /** The settings of {@code --config-dir}, overridden by the environment and {@code -D}. */
    Settings settings();
}
