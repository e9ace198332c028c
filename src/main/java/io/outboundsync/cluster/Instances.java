package io.outboundsync.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@code run} instances sharing a state, as each tells the database ({@code instances} table): who it is, when
 * it was last heard of, and what it holds now (the inbox and command files it claimed, the scheduled jobs it runs).
 * Each instance writes its own row on a timer (route {@code cluster-heartbeat}) and removes it when it stops; what
 * {@code /observe/health} and the status page show of the cluster is read here.
 */
public final class Instances {

    /** An instance as last heard of. */
    public record Seen(String id, String host, long pid, Instant startedAt, Instant heartbeatAt, List<String> holding) {

        /** How long it has been silent at {@code now}. */
        public Duration silentFor(Instant now) {
            Duration silent = Duration.between(heartbeatAt, now);
            return silent.isNegative() ? Duration.ZERO : silent;
        }

        /** Silent longer than {@code silentAfter} at {@code now}: stopped or dead. */
        public boolean silent(Instant now, Duration silentAfter) {
            return silentFor(now).compareTo(silentAfter) > 0;
        }
    }

    /** Rows of instances silent longer than this are removed: they stopped without saying so, long ago. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource pool;
    private final String id;
    private final String host;
    private final long pid;
    private final Instant startedAt;
    private final Supplier<Collection<String>> holding;
    private final Clock clock;
    private final Duration silentAfter;

    /**
     * @param holding what this instance holds now, one short line each (never a secret, a phone or an e-mail)
     * @param checkIn how often each instance writes its row; one not heard of for three intervals is silent
     */
    public Instances(DataSource pool, String id, String host, long pid, Supplier<Collection<String>> holding,
            Clock clock, Duration checkIn) {
        this.pool = pool;
        this.id = id;
        this.host = host;
        this.pid = pid;
        this.holding = holding;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.silentAfter = checkIn.multipliedBy(3);
    }

    public String id() {
        return id;
    }

    /** An instance not heard of for this long (three check-in intervals) is silent. */
    public Duration silentAfter() {
        return silentAfter;
    }

    /** Writes this instance's row: here now, holding this; forgets instances silent for a day. */
    public void heartbeat() throws SQLException {
        Instant now = clock.instant();
        String held;
        try {
            held = JSON.writeValueAsString(List.copyOf(holding.get()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (Connection connection = pool.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO instances (instance_id, host,"
                        + " pid, started_at, heartbeat_at, holding) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT"
                        + " (instance_id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid, started_at ="
                        + " EXCLUDED.started_at, heartbeat_at = EXCLUDED.heartbeat_at, holding = EXCLUDED.holding");
                PreparedStatement forget = connection.prepareStatement("DELETE FROM instances"
                        + " WHERE heartbeat_at < ?")) {
            upsert.setString(1, id);
            upsert.setString(2, host);
            upsert.setLong(3, pid);
            upsert.setTimestamp(4, Timestamp.from(startedAt));
            upsert.setTimestamp(5, Timestamp.from(now));
            upsert.setString(6, held);
            upsert.executeUpdate();
            forget.setTimestamp(1, Timestamp.from(now.minus(FORGOTTEN_AFTER)));
            forget.executeUpdate();
        }
    }

    /** Every instance the database knows of, by id. */
    public List<Seen> list() throws SQLException {
        List<Seen> seen = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT instance_id, host, pid, started_at,"
                        + " heartbeat_at, holding FROM instances ORDER BY instance_id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                seen.add(new Seen(rows.getString(1), rows.getString(2), rows.getLong(3),
                        rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant(),
                        holding(rows.getString(6))));
            }
        }
        return seen;
    }

    /** Removes this instance's row (it stops). */
    public void leave() throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM instances WHERE instance_id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    private static List<String> holding(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of("(unreadable: " + e.getOriginalMessage() + ")");
        }
    }

    /**
     * One line for {@code /observe/health}: this instance and what it holds, then the others, each with how long it
     * has been silent; one silent for longer than {@code silentAfter} is said to be silent (stopped or dead: its
     * claims are taken over once their lease ends).
     */
    public static String describe(String self, List<Seen> instances, Instant now, Duration silentAfter) {
        StringBuilder line = new StringBuilder();
        line.append(instances.size()).append(instances.size() == 1 ? " instance" : " instances").append(": ");
        for (int i = 0; i < instances.size(); i++) {
            Seen seen = instances.get(i);
            long seconds = seen.silentFor(now).toSeconds();
            line.append(i == 0 ? "" : "; ").append(seen.id());
            if (seen.id().equals(self)) {
                line.append(" (this one)");
            }
            line.append(seen.silent(now, silentAfter) ? ", SILENT for " + seconds + " s" : ", seen " + seconds
                    + " s ago");
            line.append(seen.holding().isEmpty() ? ", holds nothing" : ", holds " + String.join(", ",
                    seen.holding()));
        }
        return line.toString();
    }
}
