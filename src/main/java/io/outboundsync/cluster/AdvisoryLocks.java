package io.outboundsync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One campaign's state changes in turn across the instances of a shared state: a PostgreSQL session advisory lock
 * on the campaign's key, held on a connection of its own for the change and released (or dropped with the session
 * when the instance dies) after it.
 */
public final class AdvisoryLocks implements CampaignLock {

    private final DataSource pool;

    public AdvisoryLocks(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Held lock(String campaign) {
        String key = "campaign-state:" + campaign;
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("The shared state's lock of campaign " + campaign + " cannot be taken: "
                    + e.getMessage(), e);
        }
        try {
            call(connection, "SELECT pg_advisory_lock(hashtextextended(?, 0))", key);
        } catch (SQLException e) {
            close(connection);
            throw new IllegalStateException("The shared state's lock of campaign " + campaign + " cannot be taken: "
                    + e.getMessage(), e);
        }
        return () -> {
            try {
                call(connection, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", key);
            } catch (SQLException e) {
                // the session ends with the connection's close below, and the lock with it
            } finally {
                close(connection);
            }
        };
    }

    private static void call(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.execute();
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // given back to the pool or dropped: nothing more to do
        }
    }
}
