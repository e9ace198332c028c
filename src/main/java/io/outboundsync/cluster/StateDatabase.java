package io.outboundsync.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.outboundsync.config.ConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state shared by the instances of one Genesys org on PostgreSQL ({@code state.jdbc-url}): a HikariCP pool,
 * the schema brought up to date by Flyway at start ({@code db/migration/V*.sql}), and the database bound to the org
 * it was first used with, as the embedded state is by its folder.
 */
public final class StateDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateDatabase.class);

    private final HikariDataSource dataSource;
    private final int migrationsApplied;
    private final String jdbcUrl;

    private StateDatabase(HikariDataSource dataSource, int migrationsApplied, String jdbcUrl) {
        this.dataSource = dataSource;
        this.migrationsApplied = migrationsApplied;
        this.jdbcUrl = jdbcUrl;
    }

    /** Connects, migrates and checks the org: {@link #connect} and {@link #bindOrg}. */
    public static StateDatabase open(String jdbcUrl, String user, String password, String orgId, int poolSize) {
        StateDatabase database = connect(jdbcUrl, user, password, poolSize);
        try {
            database.bindOrg(orgId);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Connects and migrates (before Camel starts: Quartz's clustered job store is in this database); the org is
     * bound once it is known ({@link #bindOrg}).
     *
     * @param poolSize connections kept: the upload threads, the file consumers' idempotent repositories, Quartz
     */
    public static StateDatabase connect(String jdbcUrl, String user, String password, int poolSize) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("state.jdbc-url=" + jdbcUrl + " is not a PostgreSQL JDBC URL. Fix: set it to"
                    + " jdbc:postgresql://HOST:5432/DATABASE, or leave it unset for the embedded state of one"
                    + " machine.");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("outbound-sync-state");
        // the ledger's batched upserts go as multi-row INSERT ... ON CONFLICT statements
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // every statement planned for its own parameters and the tables' sizes now: the ledger's tables grow from
        // empty within one drop, faster than autovacuum analyses them, and a plan cached for a table of a few rows
        // (a sequential scan) is kept by the driver's prepared statements while the table grows a thousandfold
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        // fail at start, with the reason, when the server cannot be reached
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new ConfigException("The shared state at state.jdbc-url=" + jdbcUrl + " cannot be reached: "
                    + rootMessage(e) + ". Fix: check the URL, that the server runs and takes connections from here,"
                    + " and STATE_JDBC_USER / STATE_JDBC_PASSWORD.");
        }
        try {
            MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .failOnMissingLocations(true).load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Shared state {}: schema migrated to version {} ({} migration(s))", jdbcUrl,
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
            return new StateDatabase(dataSource, result.migrationsExecuted, jdbcUrl);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new ConfigException("The shared state at state.jdbc-url=" + jdbcUrl + " cannot be prepared: "
                    + rootMessage(e) + ". Fix: give STATE_JDBC_USER the right to create tables in that database"
                    + " (its owner), or point state.jdbc-url at a database made for Outbound Sync.");
        }
    }

    /**
     * Binds the database to the org on first use; refuses another org (the database of one org's instances is not
     * another's).
     */
    public void bindOrg(String orgId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO state_meta (key, value) VALUES ('org_id', ?) ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, orgId);
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT value FROM state_meta WHERE key = 'org_id'"); ResultSet row = select.executeQuery()) {
                row.next();
                String bound = row.getString(1);
                if (!bound.equals(orgId)) {
                    throw new ConfigException("The shared state at state.jdbc-url=" + jdbcUrl + " belongs to Genesys"
                            + " org " + bound + ", and these credentials reach org " + orgId + ". Fix: give each org"
                            + " a database of its own.");
                }
            }
        } catch (SQLException e) {
            throw new ConfigException("The shared state at state.jdbc-url=" + jdbcUrl + " cannot record its org: "
                    + rootMessage(e) + ". Fix: check that the server runs and that STATE_JDBC_USER owns the"
                    + " database's tables.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Migrations this start applied (0 when the schema was up to date). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
