package io.outboundsync.contacts.ledger;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * The ledger in the PostgreSQL database the instances of an org share ({@code state.jdbc-url}; tables of
 * {@code db/migration/V1__state.sql}). The entries are {@link LedgerEntries}' bytes, as in the embedded store. A
 * part of a drop is one query (a primary-key probe an id, {@link #ENTRIES}), a batch Genesys acknowledged one transaction of
 * batched upserts ({@code INSERT ... ON CONFLICT DO UPDATE}, sent as multi-row statements by the driver's
 * {@code reWriteBatchedInserts}): a batch is committed before it is counted, as in the embedded store.
 */
public final class PostgresLedger extends RecordingLedger {

    private static final int HASH_LENGTH = LedgerEntries.HASH_LENGTH;
    private static final String NOT_WITHDRAWN = " AND NOT EXISTS (SELECT 1 FROM ledger_withdrawn w"
            + " WHERE w.list_id = c.list_id AND w.contact_id = c.contact_id)";
    /*
     * A part's lookups: one primary-key probe an id (a thousand ids a part), whatever the planner's statistics say
     * of the list. Written as "contact_id = ANY(?)" the planner costed a list new to its statistics (a first drop,
     * a new campaign's list: autovacuum analyses a table a minute later at the earliest) as a few rows and read the
     * whole list for every part: 18 to 270 ms a part instead of 3, a 200,000-row drop 70 s instead of 15 (measured
     * with pg_stat_statements and auto_explain). OFFSET 0 keeps the lateral lookup from being flattened into such a
     * join.
     */
    static final String ENTRIES = entries("");
    static final String CALLABLE_ENTRIES = entries(NOT_WITHDRAWN);
    static final String WITHDRAWN = "SELECT w.contact_id FROM unnest(?::text[]) AS i(id) CROSS JOIN LATERAL"
            + " (SELECT w.contact_id FROM ledger_withdrawn w WHERE w.list_id = ? AND w.contact_id = i.id OFFSET 0) w";
    private static final String UPSERT_CONTACT = "INSERT INTO ledger_contacts (list_id, contact_id, entry)"
            + " VALUES (?, ?, ?) ON CONFLICT (list_id, contact_id) DO UPDATE SET entry = EXCLUDED.entry";

    private static String entries(String condition) {
        return "SELECT c.contact_id, c.entry FROM unnest(?::text[]) AS i(id) CROSS JOIN LATERAL (SELECT c.contact_id,"
                + " c.entry FROM ledger_contacts c WHERE c.list_id = ? AND c.contact_id = i.id" + condition
                + " OFFSET 0) c";
    }

    private final DataSource pool;
    private final PostgresWork db;
    private final PostgresOrgRecords records;
    private final AutoCloseable owner;

    /**
     * @param pool     the shared database (its owner closes it)
     * @param localDir this machine's folder for a drop's temporary files
     */
    public PostgresLedger(DataSource pool, Path localDir) {
        this(pool, localDir, () -> { });
    }

    /** @param owner what {@link #close()} closes: the pool, when this ledger is its only user */
    public PostgresLedger(DataSource pool, Path localDir, AutoCloseable owner) {
        super(localDir, new DropRecords(pool));
        this.pool = pool;
        this.db = new PostgresWork(pool);
        this.records = new PostgresOrgRecords(db);
        this.owner = owner;
    }

    /** The entries of these contacts of a list; only the callable ones when {@code callableOnly}. */
    private Map<String, byte[]> entries(String listId, Collection<String> contactIds, boolean callableOnly) {
        if (contactIds.isEmpty()) {
            return Map.of();
        }
        return db.read("look contacts up", connection -> {
            Map<String, byte[]> found = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(callableOnly ? CALLABLE_ENTRIES : ENTRIES)) {
                query.setArray(1, PostgresWork.ids(connection, contactIds));
                query.setString(2, listId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getBytes(2));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Map<String, byte[]> hashes(String listId, Collection<String> contactIds) {
        Map<String, byte[]> hashes = new HashMap<>();
        entries(listId, contactIds, true).forEach((id, entry) -> hashes.put(id, Arrays.copyOf(entry, HASH_LENGTH)));
        return hashes;
    }

    @Override
    public Acknowledged acknowledged(String listId, String contactId, byte[] rowKey) {
        return acknowledged(listId, Map.of(contactId, rowKey)).get(contactId);
    }

    @Override
    public Map<String, Acknowledged> acknowledged(String listId, Map<String, byte[]> rowKeysById) {
        Map<String, Acknowledged> found = new HashMap<>();
        entries(listId, rowKeysById.keySet(), true).forEach((id, entry) -> {
            boolean same = LedgerEntries.hasKey(entry, rowKeysById.get(id));
            found.put(id, new Acknowledged(Arrays.copyOf(entry, HASH_LENGTH), same,
                    same ? LedgerEntries.firstPhone(entry) : null));
        });
        return found;
    }

    @Override
    public Map<String, String[]> acknowledgedValues(String listId, Collection<String> contactIds) {
        Map<String, String[]> values = new HashMap<>();
        entries(listId, contactIds, false).forEach((id, entry) -> values.put(id, LedgerEntries.values(entry)));
        return values;
    }

    @Override
    public Set<String> withdrawnAmong(String listId, Collection<String> contactIds) {
        if (contactIds.isEmpty()) {
            return Set.of();
        }
        return db.read("look withdrawals up", connection -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(WITHDRAWN)) {
                query.setArray(1, PostgresWork.ids(connection, contactIds));
                query.setString(2, listId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void commit(String listId, List<NormalisedRow> acknowledged) {
        if (acknowledged.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        db.write("acknowledged contacts", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CONTACT)) {
                for (NormalisedRow row : acknowledged) {
                    upsert.setString(1, listId);
                    upsert.setString(2, row.contactId());
                    upsert.setBytes(3, LedgerEntries.entry(row.hash(), row.rowKey(),
                            row.phones().isEmpty() ? null : row.phones().get(0), now, row.values()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            // accepted again: no longer withdrawn
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM ledger_withdrawn"
                    + " WHERE list_id = ? AND contact_id = ANY(?)")) {
                delete.setString(1, listId);
                delete.setArray(2, PostgresWork.ids(connection, acknowledged.stream().map(NormalisedRow::contactId).toList()));
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void rememberKeys(String listId, List<NormalisedRow> unchanged) {
        if (unchanged.isEmpty()) {
            return;
        }
        Map<String, byte[]> entries = entries(listId, unchanged.stream().map(NormalisedRow::contactId).toList(),
                true);
        db.write("the keys of unchanged rows", connection -> {
            // only where the entry is still the one read: one that changed meanwhile is left as it is
            try (PreparedStatement update = connection.prepareStatement("UPDATE ledger_contacts SET entry = ?"
                    + " WHERE list_id = ? AND contact_id = ? AND entry = ?")) {
                for (NormalisedRow row : unchanged) {
                    byte[] entry = entries.get(row.contactId());
                    if (entry != null && Arrays.equals(entry, 0, HASH_LENGTH, row.hash(), 0, HASH_LENGTH)) {
                        update.setBytes(1, LedgerEntries.withKey(entry, row.rowKey(),
                                row.phones().isEmpty() ? null : row.phones().get(0)));
                        update.setString(2, listId);
                        update.setString(3, row.contactId());
                        update.setBytes(4, entry);
                        update.addBatch();
                    }
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void commitWithdrawn(String listId, Map<String, String[]> valuesById) {
        if (valuesById.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        db.write("contacts made uncallable", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CONTACT);
                    PreparedStatement withdrawn = connection.prepareStatement("INSERT INTO ledger_withdrawn"
                            + " (list_id, contact_id, acknowledged_at) VALUES (?, ?, ?) ON CONFLICT (list_id,"
                            + " contact_id) DO UPDATE SET acknowledged_at = EXCLUDED.acknowledged_at")) {
                for (Map.Entry<String, String[]> contact : valuesById.entrySet()) {
                    upsert.setString(1, listId);
                    upsert.setString(2, contact.getKey());
                    upsert.setBytes(3, LedgerEntries.entry(ContactKeys.rowHash(contact.getValue()), null, null, now,
                            contact.getValue()));
                    upsert.addBatch();
                    withdrawn.setString(1, listId);
                    withdrawn.setString(2, contact.getKey());
                    withdrawn.setLong(3, now);
                    withdrawn.addBatch();
                }
                upsert.executeBatch();
                withdrawn.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Set<String> dncNumbersSent(String dncListId, String source) {
        return records.dncNumbersSent(dncListId, source);
    }

    @Override
    public void commitDncNumbers(String dncListId, String source, Collection<String> numbers) {
        records.commitDncNumbers(dncListId, source, numbers);
    }

    @Override
    public String objectId(String kind, String name) {
        return records.objectId(kind, name);
    }

    @Override
    public void recordObject(String kind, String name, String id) {
        records.recordObject(kind, name, id);
    }

    @Override
    public void forEachContact(String listId, BiConsumer<String, String[]> action) {
        db.read("read a list's contacts", connection -> {
            // a cursor: the list is streamed a thousand rows at a time, never held whole
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("SELECT c.contact_id, c.entry"
                    + " FROM ledger_contacts c WHERE c.list_id = ?" + NOT_WITHDRAWN
                    + " ORDER BY c.contact_id COLLATE \"C\"")) {
                query.setFetchSize(1000);
                query.setString(1, listId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        action.accept(rows.getString(1), LedgerEntries.values(rows.getBytes(2)));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public boolean isOpen() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("The shared state could not be closed: " + e.getMessage(), e);
        }
    }
}
