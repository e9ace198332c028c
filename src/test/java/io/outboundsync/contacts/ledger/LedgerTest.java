package io.outboundsync.contacts.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store (H2 and MVStore in the data folder): the contract, and what is its own. */
class LedgerTest extends LedgerContract {

    @TempDir
    Path state;

    @Override
    protected Ledger reopen() {
        return Ledger.open(state);
    }

    @Test
    void takesOverTheContactTableOfAnEarlierVersion() throws Exception {
        String url = "jdbc:h2:file:" + state.toAbsolutePath().resolve("ledger");
        byte[] hash = ContactKeys.rowHash(new String[] {"Ann", null});
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE contact_ledger (entry_key VARCHAR(200) PRIMARY KEY, list_id VARCHAR(64) NOT NULL,"
                    + " contact_id VARCHAR(128) NOT NULL, row_hash BINARY(16) NOT NULL, row_data VARCHAR(1000000)"
                    + " NOT NULL, synced_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            try (var insert = db.prepareStatement("INSERT INTO contact_ledger VALUES ('list-a/C-1', 'list-a', 'C-1',"
                    + " ?, '[\"Ann\",null]', CURRENT_TIMESTAMP)")) {
                insert.setBytes(1, hash);
                insert.executeUpdate();
            }
        }
        try (Ledger ledger = Ledger.open(state)) {
            assertThat(ledger.hashes("list-a", List.of("C-1")).get("C-1")).isEqualTo(hash);
            assertThat(contacts(ledger, "list-a")).containsExactly(Map.entry("C-1", java.util.Arrays.asList("Ann",
                    null)));
        }
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement();
                ResultSet left = sql.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_NAME = 'CONTACT_LEDGER'")) {
            left.next();
            assertThat(left.getLong(1)).isZero();
        }
    }

    /** Every write to a list's contact entries moves its generation, kept across a restart; other lists' stay. */
    @Test
    void aListsGenerationMovesWithEveryWriteToItsEntriesAndOnlyThen() {
        NormalisedRow ann = new NormalisedRow(1, "C-1", "C-1", new String[] {"Ann"}, List.of(), List.of(),
                List.of(), ContactKeys.rowHash(new String[] {"Ann"}));
        long before;
        long other;
        try (Ledger ledger = Ledger.open(state)) {
            assertThat(ledger.generation("list-a")).isZero();
            ledger.commit("list-b", List.of(ann));
            other = ledger.generation("list-b");
            ledger.commit("list-a", List.of(ann));
            long acknowledged = ledger.generation("list-a");
            assertThat(acknowledged).isPositive();
            ledger.rememberKeys("list-a", List.of(ann.withKey(new byte[16], null)));
            long keys = ledger.generation("list-a");
            ledger.commitWithdrawn("list-a", Map.of("C-1", new String[] {"Ann"}));
            before = ledger.generation("list-a");
            assertThat(List.of(acknowledged, keys, before)).doesNotHaveDuplicates();
            ledger.commit("list-a", List.of());
            ledger.recordObject("contactList", "Renewals", "list-a");
            ledger.commitDncNumbers("dnc-1", "file", List.of("+13175550199"));
            assertThat(ledger.generation("list-a")).isEqualTo(before);
        }
        try (Ledger ledger = Ledger.open(state)) {
            assertThat(ledger.generation("list-a")).isEqualTo(before);
            assertThat(ledger.generation("list-b")).isEqualTo(other);
        }
    }

    @Test
    void aSecondProcessOnTheSameStateIsRefusedClearly() {
        try (Ledger first = Ledger.open(state)) {
            assertThatThrownBy(() -> Ledger.open(state)).hasMessageContaining("another Outbound Sync process");
        }
    }

    /** A ledger an earlier version wrote keeps its contacts, none of them recognised until checked once more. */
    @Test
    void takesOverTheEntriesOfTheEarlierLayout() throws Exception {
        byte[] hash = ContactKeys.rowHash(new String[] {"Ann", null, "+13172000001"});
        java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(16 + 8 + 4 + 4 + 3 + 4 + 4 + 12);
        entry.put(hash).putLong(1_700_000_000_000L).putInt(3)
                .putInt(3).put("Ann".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .putInt(-1)
                .putInt(12).put("+13172000001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (org.h2.mvstore.MVStore store = new org.h2.mvstore.MVStore.Builder()
                .fileName(state.resolve("contacts.mv.db").toString()).open()) {
            store.<String, byte[]>openMap("contacts").put("list-a/C-1", java.util.Arrays.copyOf(entry.array(),
                    entry.position()));
            store.commit();
        }
        try (Ledger ledger = Ledger.open(state)) {
            assertThat(ledger.hashes("list-a", List.of("C-1")).get("C-1")).isEqualTo(hash);
            assertThat(contacts(ledger, "list-a")).containsExactly(
                    Map.entry("C-1", java.util.Arrays.asList("Ann", null, "+13172000001")));
            Ledger.Acknowledged known = ledger.acknowledged("list-a", "C-1", new byte[16]);
            assertThat(known.sameRow()).as("no row has the all-zero key").isFalse();
        }
        // taken over once: opening again reads the same
        try (Ledger ledger = Ledger.open(state)) {
            assertThat(contacts(ledger, "list-a")).containsOnlyKeys("C-1");
            assertThat(ledger.hashes("list-a", List.of("C-1")).get("C-1")).isEqualTo(hash);
        }
    }
}
