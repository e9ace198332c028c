package io.outboundsync.contacts.ledger;

import io.outboundsync.contacts.NormalisedRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What Genesys acknowledged, drop by drop and contact by contact: the delta ledger. A row is recorded only after
 * Genesys acknowledged its batch. Two stores keep it: {@link EmbeddedLedger} in the data folder (one process), and
 * {@link PostgresLedger} in the database the instances of an org share ({@code state.jdbc-url}).
 */
public interface Ledger extends AutoCloseable {

    /** A finished drop with the same name and content. */
    record PreviousDrop(long id, String status, Instant finishedAt) {
    }

    /**
     * What Genesys acknowledged for a callable contact of a list.
     *
     * @param hash       the hash of the values acknowledged
     * @param sameRow    whether they came from a row with the given row key
     * @param firstPhone that row's first phone number (E.164) when {@code sameRow}, or null
     */
    record Acknowledged(byte[] hash, boolean sameRow, String firstPhone) {
    }

    /** The embedded ledger of a data folder's state. */
    static Ledger open(Path stateDir) {
        return EmbeddedLedger.open(stateDir);
    }

    /** A folder of this machine for a drop's temporary files (the ids seen, a reconcile's export). */
    Path stateDir();

    /** A finished, not failed, drop of this campaign with the same file name and content. */
    Optional<PreviousDrop> finishedWithSameContent(String campaign, String fileName, String sha256);

    /** Records a drop as running; its id. */
    long startDrop(String campaign, String fileName, String sha256);

    void finishDrop(long dropId, String status, String summaryJson);

    /**
     * The hashes the ledger holds for these contacts of a list (absent: never synced, or made uncallable since, so
     * a row that accepts the contact again is never taken as unchanged).
     */
    Map<String, byte[]> hashes(String listId, Collection<String> contactIds);

    /** What Genesys acknowledged for a contact of a list, compared with a row key; null when nothing, or withdrawn. */
    Acknowledged acknowledged(String listId, String contactId, byte[] rowKey);

    /**
     * {@link #acknowledged(String, String, byte[])} for many contacts at once (a part of a drop): absent when
     * nothing or withdrawn. A store across the network answers them in one round trip.
     */
    default Map<String, Acknowledged> acknowledged(String listId, Map<String, byte[]> rowKeysById) {
        Map<String, Acknowledged> found = new HashMap<>();
        rowKeysById.forEach((id, key) -> {
            Acknowledged acknowledged = acknowledged(listId, id, key);
            if (acknowledged != null) {
                found.put(id, acknowledged);
            }
        });
        return found;
    }

    /** The values Genesys last acknowledged for these contacts of a list, callable or not (absent: never synced). */
    Map<String, String[]> acknowledgedValues(String listId, Collection<String> contactIds);

    /** Those of these contacts of a list that were made uncallable. */
    Set<String> withdrawnAmong(String listId, Collection<String> contactIds);

    /** Records rows Genesys acknowledged (callable): their hash, key, first phone and values, durably. */
    void commit(String listId, List<NormalisedRow> acknowledged);

    /**
     * Records the keys (and first phone numbers) of rows whose values Genesys holds as they are, checked again
     * since their contact's entry was written; an entry that changed meanwhile is left as it is.
     */
    void rememberKeys(String listId, List<NormalisedRow> unchanged);

    /** Records contacts Genesys acknowledged as made uncallable, with the values sent. */
    void commitWithdrawn(String listId, Map<String, String[]> valuesById);

    /** The numbers of a source Genesys acknowledged on a DNC list. */
    Set<String> dncNumbersSent(String dncListId, String source);

    /** Records numbers of a source Genesys acknowledged on a DNC list. */
    void commitDncNumbers(String dncListId, String source, Collection<String> numbers);

    /** The id recorded for the object of a kind configured under a name; null when none is. */
    String objectId(String kind, String name);

    /** Records the id of the object of a kind configured under a name. */
    void recordObject(String kind, String name, String id);

    /**
     * Every callable contact the ledger holds for a list, in contact id order, with the values Genesys last
     * acknowledged (one per list column, null for no value). Contacts made uncallable are left out.
     */
    void forEachContact(String listId, BiConsumer<String, String[]> action);

    /**
     * A number that changes with every write to a list's contact entries (rows acknowledged, keys remembered,
     * contacts withdrawn), for what is worked out from them and holds only while they stay as they are
     * ({@link LineMemo}); -1 when this store keeps none, and nothing is worked out from it.
     */
    default long generation(String listId) {
        return -1;
    }

    /** Whether the store is open and answering (what readiness asks). */
    boolean isOpen();

    @Override
    void close();
}
