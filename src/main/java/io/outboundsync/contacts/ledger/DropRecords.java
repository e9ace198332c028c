package io.outboundsync.contacts.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The ledger's record of the drops processed (table {@code drops}: in {@code ledger.mv.db}, or in the shared
 * PostgreSQL database): name, SHA-256, outcome. The same SQL on both.
 */
final class DropRecords {

    /** A connection for one statement: the embedded store's own one (kept open) or one from a pool (given back). */
    interface Lease extends AutoCloseable {
        Connection connection();

        @Override
        void close() throws SQLException;
    }

    private final java.util.concurrent.Callable<Lease> leases;

    /** Over the embedded store's one connection. */
    DropRecords(Connection connection) {
        Lease kept = new Lease() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public void close() {
                // the store's connection stays open
            }
        };
        this.leases = () -> kept;
    }

    /** Over a pool: a connection a statement. */
    DropRecords(javax.sql.DataSource pool) {
        this.leases = () -> {
            Connection borrowed = pool.getConnection();
            return new Lease() {
                @Override
                public Connection connection() {
                    return borrowed;
                }

                @Override
                public void close() throws SQLException {
                    borrowed.close();
                }
            };
        };
    }

    private Lease lease() throws SQLException {
        try {
            return leases.call();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    /** A finished, not failed, drop of this campaign with the same file name and content. */
    synchronized Optional<Ledger.PreviousDrop> finishedWithSameContent(String campaign, String fileName,
            String sha256) {
        String sql = "SELECT id, status, finished_at FROM drops WHERE campaign = ? AND file_name = ? AND sha256 = ?"
                + " AND finished_at IS NOT NULL AND status <> 'FAILED' ORDER BY id DESC LIMIT 1";
        try (Lease lease = lease(); PreparedStatement query = lease.connection().prepareStatement(sql)) {
            query.setString(1, campaign);
            query.setString(2, fileName);
            query.setString(3, sha256);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new Ledger.PreviousDrop(rs.getLong(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look up earlier drops", e);
        }
    }

    /** Records a drop as running; drops run one at a time (the inbox route is one consumer). */
    synchronized long start(String campaign, String fileName, String sha256) {
        String sql = "INSERT INTO drops (campaign, file_name, sha256, status, started_at) VALUES (?, ?, ?, 'RUNNING', ?)";
        try (Lease lease = lease();
                PreparedStatement insert = lease.connection().prepareStatement(sql, new String[] {"id"})) {
            insert.setString(1, campaign);
            insert.setString(2, fileName);
            insert.setString(3, sha256);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("record the drop", e);
        }
    }

    synchronized void finish(long dropId, String status, String summaryJson) {
        try (Lease lease = lease(); PreparedStatement update = lease.connection().prepareStatement(
                "UPDATE drops SET status = ?, finished_at = ?, summary = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, summaryJson);
            update.setLong(4, dropId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure("finish the drop", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("The ledger could not " + what + ": " + e.getMessage(), e);
    }
}
