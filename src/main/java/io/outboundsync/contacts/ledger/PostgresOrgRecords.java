package io.outboundsync.contacts.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the shared ledger keeps of the org beside its contacts: the numbers put on each DNC list (by source,
 * {@code file} or {@code withdrawal}) and the ids of the objects the contacts flow found or made for a configured
 * name ({@code ledger_dnc_sent}, {@code ledger_objects} of {@code db/migration/V1__state.sql}).
 */
final class PostgresOrgRecords {

    private final PostgresWork db;

    PostgresOrgRecords(PostgresWork db) {
        this.db = db;
    }

    public Set<String> dncNumbersSent(String dncListId, String source) {
        return db.read("read the numbers put on a DNC list", connection -> {
            Set<String> numbers = new TreeSet<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT phone_number FROM ledger_dnc_sent"
                    + " WHERE dnc_list_id = ? AND source = ?")) {
                query.setString(1, dncListId);
                query.setString(2, source);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        numbers.add(rows.getString(1));
                    }
                }
            }
            return numbers;
        });
    }

    public void commitDncNumbers(String dncListId, String source, Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        db.write("numbers put on the DNC list", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ledger_dnc_sent (dnc_list_id,"
                    + " source, phone_number, acknowledged_at) VALUES (?, ?, ?, ?) ON CONFLICT (dnc_list_id, source,"
                    + " phone_number) DO UPDATE SET acknowledged_at = EXCLUDED.acknowledged_at")) {
                for (String number : numbers) {
                    upsert.setString(1, dncListId);
                    upsert.setString(2, source);
                    upsert.setString(3, number);
                    upsert.setLong(4, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    public String objectId(String kind, String name) {
        return db.read("read an object's id", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT object_id FROM ledger_objects"
                    + " WHERE kind = ? AND name = ?")) {
                query.setString(1, kind);
                query.setString(2, name);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }

    public void recordObject(String kind, String name, String id) {
        db.write("the id of " + kind + " '" + name + "'", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ledger_objects (kind, name,"
                    + " object_id) VALUES (?, ?, ?) ON CONFLICT (kind, name) DO UPDATE SET object_id ="
                    + " EXCLUDED.object_id")) {
                upsert.setString(1, kind);
                upsert.setString(2, name);
                upsert.setString(3, id);
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
