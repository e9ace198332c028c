package io.outboundsync.contacts.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * Work on the shared ledger's database: a read on a pooled connection, a write as one transaction (all of it is
 * recorded, or none), each failure said with what could not be done.
 */
final class PostgresWork {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;

    PostgresWork(DataSource pool) {
        this.pool = pool;
    }

    <T> T read(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** One transaction: all of it is recorded, or none. */
    void write(String what, Work<Void> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("record " + what, e);
        }
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("The shared ledger could not " + what + ": " + e.getMessage(), e);
    }

    static Array ids(Connection connection, Collection<String> ids) throws SQLException {
        return connection.createArrayOf("text", ids.toArray(String[]::new));
    }
}
