package io.outboundsync.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL server of the shared-state tests, started once per JVM by the project's
 * {@code scripts/test-postgres.sh} (Debian's postgresql; as root the server runs as the {@code postgres} user).
 * Never skipped: when it cannot be started, the test fails with the script's reason.
 */
public final class TestPostgres {

    public static final String USER = "outbound";
    public static final String PASSWORD = "outbound";
    private static String serverUrl;

    private TestPostgres() {
    }

    /** The server's JDBC URL (database outbound_sync_test), started if need be. */
    public static synchronized String server() {
        if (serverUrl == null) {
            try {
                Process start = new ProcessBuilder("bash", "scripts/test-postgres.sh", "start").redirectErrorStream(true)
                        .start();
                String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (start.waitFor() != 0) {
                    throw new AssertionError("PostgreSQL for the tests could not be started by"
                            + " scripts/test-postgres.sh:\n" + output);
                }
                serverUrl = output.lines().reduce((a, b) -> b).orElseThrow();
            } catch (IOException e) {
                throw new AssertionError("scripts/test-postgres.sh could not be run: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return serverUrl;
    }

    /** A new, empty database owned by the test user: one a test, so tests never see each other's state. */
    public static String newDatabase() {
        String url = server();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new AssertionError("A test database could not be made on " + admin + ": " + e.getMessage(), e);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    /** The settings that put a pipeline's state in this database (a map to add more to). */
    public static java.util.Map<String, String> stateSettings(String url) {
        return new java.util.HashMap<>(java.util.Map.of("state.jdbc-url", url, "state.jdbc-user", USER,
                "state.jdbc-password", PASSWORD));
    }
}
