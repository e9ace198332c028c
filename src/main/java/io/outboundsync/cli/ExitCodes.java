package io.outboundsync.cli;

/**
 * The exit codes every command shares (DESIGN.md: 0 ok even with rejected rows, 1 usage or configuration error, 2 a
 * drop or a sync failed); a command's own codes (3 refused by a guard, 4 changes pending) are its own.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int USAGE_OR_CONFIG = 1;
    public static final int FAILED = 2;

    private ExitCodes() {
    }
}
