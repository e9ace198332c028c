package io.outboundsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: this build's version, the Camel version it was built with and the git commit it
 * was built from, read from {@code outbound-sync-version.properties}, which the build writes.
 */
public final class VersionInfo implements IVersionProvider {

    private static final String RESOURCE = "/outbound-sync-version.properties";

    @Override
    public String[] getVersion() {
        Properties build = read();
        String commit = value(build, "commit");
        String time = value(build, "commitTime");
        boolean dirty = "true".equals(build.getProperty("dirty"));
        return new String[] {
            "Outbound Sync " + value(build, "version"),
            "Apache Camel " + value(build, "camel"),
            "git commit " + commit + (time.equals("unknown") ? "" : " (" + time + ")")
                    + (dirty ? ", built with uncommitted changes" : ""),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** This build's version. */
    public static String version() {
        return value(read(), "version");
    }

    private static Properties read() {
        Properties build = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }

    /** A value the build wrote; "unknown" when it wrote none (a build outside a git clone, a run from sources). */
    private static String value(Properties build, String key) {
        String value = build.getProperty(key, "").trim();
        return value.isEmpty() || value.startsWith("${") ? "unknown" : value;
    }
}
