package io.outboundsync.campaigns;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * What this project last applied, per campaign and object kind: the object's id, the version Genesys gave it and a
 * hash of the fields we manage. A live object whose managed fields no longer hash the same was changed outside
 * this project: drift. Also, per campaign, whether this project completed it and when its last state request was
 * made. Kept in an embedded H2 database {@code state/campaigns}; one process at a time (H2's automatic mixed mode
 * would let a second one in, but only by listening on every network interface, so it is not used). With
 * {@code state.jdbc-url}, in the PostgreSQL database the instances of the org share ({@link #shared}).
 */
public final class AppliedObjects implements AutoCloseable {

    /** One applied object. */
    public record Applied(String objectId, Integer version, String contentHash, Instant appliedAt) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Where the rows are: one embedded connection of this process, or the pool of the shared state. */
    private interface Store extends AutoCloseable {
        <T> T with(Work<T> work) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    private final Store store;
    private final boolean detached;
    private final String mergeApplied;
    private final String mergeRequest;

    private AppliedObjects(Store store, boolean detached, String mergeApplied, String mergeRequest) {
        this.store = store;
        this.detached = detached;
        this.mergeApplied = mergeApplied;
        this.mergeRequest = mergeRequest;
    }

    /** Whether this is a detached, empty state that cannot tell what was applied (see {@link #detached()}). */
    public boolean isDetached() {
        return detached;
    }

    /** The state of the data folder; a second process on it fails with a message saying so. */
    public static AppliedObjects open(Path stateDir) {
        return open("jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("campaigns") + ";WRITE_DELAY=0", stateDir);
    }

    /**
     * An empty state of this process only, for a {@code plan} beside a running process that holds the real one:
     * the plan is right, but cannot tell drift from a change.
     */
    public static AppliedObjects detached() {
        return open("jdbc:h2:mem:campaigns-" + java.util.UUID.randomUUID(), Path.of("(memory)"));
    }

    /**
     * The state the instances of an org share on PostgreSQL ({@code state.jdbc-url}; the tables of
     * {@code db/migration/V1__state.sql}). The pool's owner closes it.
     */
    public static AppliedObjects shared(javax.sql.DataSource pool) {
        Store store = new Store() {
            @Override
            public <T> T with(Work<T> work) throws SQLException {
                try (Connection connection = pool.getConnection()) {
                    return work.run(connection);
                }
            }

            @Override
            public void close() {
                // the shared state's pool: its owner closes it
            }
        };
        return new AppliedObjects(store, false, "INSERT INTO applied_objects (campaign, kind, object_id, version,"
                + " content_hash, applied_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (campaign, kind) DO UPDATE SET"
                + " object_id = EXCLUDED.object_id, version = EXCLUDED.version, content_hash = EXCLUDED.content_hash,"
                + " applied_at = EXCLUDED.applied_at",
                // completed stays completed, whichever instance asks
                "INSERT INTO campaign_requests (campaign, completed, last_requested_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (campaign) DO UPDATE SET completed = campaign_requests.completed OR"
                        + " EXCLUDED.completed, last_requested_at = EXCLUDED.last_requested_at");
    }

    private static AppliedObjects open(String url, Path stateDir) {
        try {
            Connection connection = DriverManager.getConnection(url, "sa", "");
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS applied_objects (campaign VARCHAR(200) NOT NULL,"
                        + " kind VARCHAR(40) NOT NULL, object_id VARCHAR(64) NOT NULL, version INT,"
                        + " content_hash CHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (campaign, kind))");
                ddl.execute("CREATE TABLE IF NOT EXISTS campaign_requests (campaign VARCHAR(200) PRIMARY KEY,"
                        + " completed BOOLEAN NOT NULL, last_requested_at TIMESTAMP WITH TIME ZONE)");
            }
            Store store = new Store() {
                @Override
                public synchronized <T> T with(Work<T> work) throws SQLException {
                    return work.run(connection);
                }

                @Override
                public synchronized void close() throws SQLException {
                    connection.close();
                }
            };
            return new AppliedObjects(store, url.startsWith("jdbc:h2:mem:"), "MERGE INTO applied_objects (campaign,"
                    + " kind, object_id, version, content_hash, applied_at) KEY (campaign, kind)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", "MERGE INTO campaign_requests (campaign, completed,"
                    + " last_requested_at) KEY (campaign) VALUES (?, ?, ?)");
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("already in use")) {
                throw new InUse("The campaign state " + stateDir.resolve("campaigns.mv.db") + " is in use by another"
                        + " Outbound Sync process (a running `run`?); change campaign state through a command file in"
                        + " inbox/commands/ instead, or stop that process.", e);
            }
            throw new IllegalStateException("The campaign state under " + stateDir + " cannot be opened: "
                    + e.getMessage(), e);
        }
    }

    /** The state is held by another process. */
    public static final class InUse extends IllegalStateException {
        InUse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Optional<Applied> get(String campaign, String kind) {
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT object_id, version, content_hash,"
                    + " applied_at FROM applied_objects WHERE campaign = ? AND kind = ?")) {
                query.setString(1, campaign);
                query.setString(2, kind);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    int version = rs.getInt(2);
                    // asked right after the version is read (asked after the id, it said the id was not null)
                    Integer known = rs.wasNull() ? null : version;
                    return Optional.of(new Applied(rs.getString(1), known, rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        });
    }

    public void record(String campaign, String kind, String objectId, Integer version, String contentHash) {
        write(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(mergeApplied)) {
                merge.setString(1, campaign);
                merge.setString(2, kind);
                merge.setString(3, objectId);
                if (version == null) {
                    merge.setNull(4, java.sql.Types.INTEGER);
                } else {
                    merge.setInt(4, version);
                }
                merge.setString(5, contentHash);
                merge.setTimestamp(6, Timestamp.from(Instant.now()));
                return merge.executeUpdate();
            }
        });
    }

    /** Whether this project completed the campaign (Genesys cannot be told; see the state machine). */
    public boolean completed(String campaign) {
        return requests(campaign, "completed", Boolean.class, false);
    }

    /** When the last applied state request of the campaign was made; null when none was. */
    public Instant lastRequestedAt(String campaign) {
        Timestamp at = requests(campaign, "last_requested_at", Timestamp.class, null);
        return at == null ? null : at.toInstant();
    }

    /** Records an applied state request; a campaign once completed stays completed. */
    public void requestApplied(String campaign, Instant requestedAt, boolean completed) {
        boolean stillCompleted = completed || completed(campaign);
        write(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(mergeRequest)) {
                merge.setString(1, campaign);
                merge.setBoolean(2, stillCompleted);
                merge.setTimestamp(3, Timestamp.from(requestedAt));
                return merge.executeUpdate();
            }
        });
    }

    private <T> T requests(String campaign, String column, Class<T> type, T otherwise) {
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + column
                    + " FROM campaign_requests WHERE campaign = ?")) {
                query.setString(1, campaign);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() && rs.getObject(1) != null ? rs.getObject(1, type) : otherwise;
                }
            }
        });
    }

    private <T> T read(Work<T> work) {
        try {
            return store.with(work);
        } catch (SQLException e) {
            throw new IllegalStateException("The campaign state cannot be read: " + e.getMessage(), e);
        }
    }

    private void write(Work<Integer> work) {
        try {
            store.with(work);
        } catch (SQLException e) {
            throw new IllegalStateException("The campaign state cannot be written: " + e.getMessage(), e);
        }
    }

    /** Whether its database is open and answers (what readiness asks). */
    public boolean isOpen() {
        try {
            return store.with(connection -> !connection.isClosed() && connection.isValid(2));
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (SQLException e) {
            throw new IllegalStateException("The campaign state cannot be closed: " + e.getMessage(), e);
        }
    }
}
