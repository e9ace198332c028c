package io.outboundsync.contacts.ledger;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The delta ledger under {@code state/}, in H2: the drops processed (name, SHA-256, outcome) in the SQL database
 * {@code ledger.mv.db}, and per contact list and contact id the hash, key and values of the row Genesys last
 * acknowledged in {@code contacts.mv.db}, a map per list of H2's MVStore used directly. The contacts take a thousand writes
 * per batch; through SQL (statement, row and undo-log objects, a second index) recording them added 8.4 s to a
 * 200,000-row drop, directly 4 s (bench/contacts-throughput.sh with and without the commit). A row is written here
 * only after Genesys acknowledged its batch, and each batch is committed to the file before the next is counted.
 */
public final class EmbeddedLedger extends RecordingLedger {

    private final Connection connection;
    private final MVStore contactStore;
    /**
     * Per contact list, a map {@code contacts/<listId>}: contact id → the row hash and key, first phone number,
     * acknowledgement time and values ({@link LedgerEntries#entry}). A map per list keeps the keys short: a lookup
     * compares contact ids, not the list's id again in every comparison.
     */
    private final Map<String, MVMap<String, byte[]>> contactsByList = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Per contact list, {@code withdrawn/<listId>}: contact id → when Genesys acknowledged it uncallable; such a
     * contact is never "unchanged".
     */
    private final Map<String, MVMap<String, Long>> withdrawnByList = new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code dncListId/source/E.164} → when Genesys acknowledged it; source {@code file} or {@code withdrawal}. */
    private final MVMap<String, Long> dncSent;
    /**
     * {@code kind/name} → the id of an object the contacts flow found or made for that configured name (a contact
     * list, a DNC list), so it is found by id afterwards, whatever it is renamed to.
     */
    private final MVMap<String, String> objects;
    /** Per contact list, a count of the writes to its entries ({@link #generation}). */
    private final MVMap<String, Long> generations;

    private EmbeddedLedger(Path stateDir, Connection connection, MVStore contactStore) {
        super(stateDir, new DropRecords(connection));
        this.connection = connection;
        this.contactStore = contactStore;
        this.dncSent = contactStore.openMap("dncSent");
        this.objects = contactStore.openMap("objects");
        this.generations = contactStore.openMap("generations");
    }

    /**
     * Opens (or creates) {@code <stateDir>/ledger}. H2 locks the file: a second process on the same state fails
     * here with a clear message instead of corrupting it.
     */
    public static EmbeddedLedger open(Path stateDir) {
        EmbeddedLedgerFiles.Opened files = EmbeddedLedgerFiles.open(stateDir);
        return new EmbeddedLedger(stateDir, files.connection(), files.contacts());
    }

    private MVMap<String, byte[]> contacts(String listId) {
        return contactsByList.computeIfAbsent(listId, id -> contactStore.openMap(EmbeddedLedgerFiles.CONTACTS + id));
    }

    private MVMap<String, Long> withdrawn(String listId) {
        return withdrawnByList.computeIfAbsent(listId, id -> contactStore.openMap(EmbeddedLedgerFiles.WITHDRAWN + id));
    }


    /**
     * The hashes the ledger holds for these contacts of a list (absent: never synced, or made uncallable since, so
     * a row that accepts the contact again is never taken as unchanged).
     */
    @Override
    public Map<String, byte[]> hashes(String listId, Collection<String> contactIds) {
        Map<String, byte[]> hashes = new HashMap<>();
        MVMap<String, byte[]> contacts = contacts(listId);
        MVMap<String, Long> withdrawn = withdrawn(listId);
        for (String id : contactIds) {
            byte[] entry = contacts.get(id);
            if (entry != null && !withdrawn.containsKey(id)) {
                hashes.put(id, Arrays.copyOf(entry, HASH_LENGTH));
            }
        }
        return hashes;
    }

    /** What Genesys acknowledged for a contact of a list, compared with a row key; null when nothing, or withdrawn. */
    @Override
    public Acknowledged acknowledged(String listId, String contactId, byte[] rowKey) {
        byte[] entry = contacts(listId).get(contactId);
        if (entry == null || withdrawn(listId).containsKey(contactId)) {
            return null;
        }
        boolean same = LedgerEntries.hasKey(entry, rowKey);
        return new Acknowledged(Arrays.copyOf(entry, HASH_LENGTH), same, same ? LedgerEntries.firstPhone(entry) : null);
    }

    /** The values Genesys last acknowledged for these contacts of a list, callable or not (absent: never synced). */
    @Override
    public Map<String, String[]> acknowledgedValues(String listId, Collection<String> contactIds) {
        Map<String, String[]> found = new HashMap<>();
        for (String id : contactIds) {
            byte[] entry = contacts(listId).get(id);
            if (entry != null) {
                found.put(id, LedgerEntries.values(entry));
            }
        }
        return found;
    }

    /** Those of these contacts of a list that were made uncallable. */
    @Override
    public java.util.Set<String> withdrawnAmong(String listId, Collection<String> contactIds) {
        java.util.Set<String> found = new java.util.HashSet<>();
        for (String id : contactIds) {
            if (withdrawn(listId).containsKey(id)) {
                found.add(id);
            }
        }
        return found;
    }

    /**
     * Records rows Genesys acknowledged (callable), their hash, key, first phone and values, and commits them to the
     * file.
     */
    @Override
    public void commit(String listId, List<NormalisedRow> acknowledged) {
        if (acknowledged.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        MVMap<String, byte[]> contacts = contacts(listId);
        MVMap<String, Long> withdrawn = withdrawn(listId);
        for (NormalisedRow row : acknowledged) {
            contacts.put(row.contactId(), LedgerEntries.entry(row.hash(), row.rowKey(),
                    row.phones().isEmpty() ? null : row.phones().get(0), now, row.values()));
            if (!withdrawn.isEmpty()) {
                withdrawn.remove(row.contactId());
            }
        }
        written(listId);
        commit("acknowledged contacts");
    }

    /**
     * Records the keys (and first phone numbers) of rows whose values Genesys holds as they are, checked again
     * since their contact's entry was written, and commits them; an entry that changed meanwhile is left as it is.
     */
    @Override
    public void rememberKeys(String listId, List<NormalisedRow> unchanged) {
        if (unchanged.isEmpty()) {
            return;
        }
        MVMap<String, byte[]> contacts = contacts(listId);
        MVMap<String, Long> withdrawn = withdrawn(listId);
        for (NormalisedRow row : unchanged) {
            byte[] entry = contacts.get(row.contactId());
            if (entry != null && Arrays.equals(entry, 0, HASH_LENGTH, row.hash(), 0, HASH_LENGTH)
                    && !withdrawn.containsKey(row.contactId())) {
                contacts.put(row.contactId(), LedgerEntries.withKey(entry, row.rowKey(),
                        row.phones().isEmpty() ? null : row.phones().get(0)));
            }
        }
        written(listId);
        commit("the keys of unchanged rows");
    }

    /** Records contacts Genesys acknowledged as made uncallable, with the values sent, and commits them. */
    @Override
    public void commitWithdrawn(String listId, Map<String, String[]> valuesById) {
        if (valuesById.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        MVMap<String, byte[]> contacts = contacts(listId);
        MVMap<String, Long> withdrawn = withdrawn(listId);
        valuesById.forEach((id, values) -> {
            contacts.put(id, LedgerEntries.entry(ContactKeys.rowHash(values), null, null, now, values));
            withdrawn.put(id, now);
        });
        written(listId);
        commit("contacts made uncallable");
    }

    /**
     * A list's first write starts its count at a random number, so a ledger made anew (its folder removed) never
     * counts its way back to a generation something was worked out at before.
     */
    private void written(String listId) {
        generations.merge(listId, 1 + (RANDOM.nextLong() >>> 2), (count, start) -> count + 1);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Counts the writes to a list's contact entries, committed with them. */
    @Override
    public long generation(String listId) {
        return generations.getOrDefault(listId, 0L);
    }

    /** The numbers of a source Genesys acknowledged on a DNC list. */
    @Override
    public java.util.Set<String> dncNumbersSent(String dncListId, String source) {
        java.util.Set<String> numbers = new java.util.TreeSet<>();
        String from = dncListId + "/" + source + "/";
        for (var cursor = dncSent.cursor(from); cursor.hasNext(); ) {
            String key = cursor.next();
            if (!key.startsWith(from)) {
                break;
            }
            numbers.add(key.substring(from.length()));
        }
        return numbers;
    }

    /** Records numbers of a source Genesys acknowledged on a DNC list. */
    @Override
    public void commitDncNumbers(String dncListId, String source, Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        numbers.forEach(n -> dncSent.put(dncListId + "/" + source + "/" + n, now));
        commit("numbers put on the DNC list");
    }

    /** The id recorded for the object of a kind configured under a name; null when none is. */
    @Override
    public String objectId(String kind, String name) {
        return objects.get(kind + "/" + name);
    }

    /** Records the id of the object of a kind configured under a name. */
    @Override
    public void recordObject(String kind, String name, String id) {
        if (!id.equals(objects.put(kind + "/" + name, id))) {
            commit("the id of " + kind + " '" + name + "'");
        }
    }

    private void commit(String what) {
        try {
            contactStore.commit();
        } catch (MVStoreException e) {
            throw new IllegalStateException("The ledger could not record " + what + ": " + e.getMessage(), e);
        }
    }

    private static final int HASH_LENGTH = LedgerEntries.HASH_LENGTH;

    /**
     * Every callable contact the ledger holds for a list, in contact id order, with the values Genesys last
     * acknowledged (one per list column, null for no value). Contacts made uncallable are left out: no campaign
     * dials them.
     */
    @Override
    public void forEachContact(String listId, java.util.function.BiConsumer<String, String[]> action) {
        MVMap<String, Long> withdrawn = withdrawn(listId);
        for (var cursor = contacts(listId).cursor(null); cursor.hasNext(); ) {
            String id = cursor.next();
            if (!withdrawn.containsKey(id)) {
                action.accept(id, LedgerEntries.values(cursor.getValue()));
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("The ledger could not " + what + ": " + e.getMessage(), e);
    }

    /** Whether both of its stores are open (what readiness asks). */
    @Override
    public boolean isOpen() {
        try {
            if (contactStore.isClosed() || connection.isClosed()) {
                return false;
            }
            // H2 closes its database after a failed write ("The database has been closed") while the connection
            // still says it is open and valid: only a statement finds out
            try (Statement probe = connection.createStatement()) {
                probe.execute("SELECT id FROM drops WHERE id = -1");
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            contactStore.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
