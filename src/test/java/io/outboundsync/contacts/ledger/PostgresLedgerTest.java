package io.outboundsync.contacts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.cluster.StateDatabase;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger in the shared PostgreSQL database (a real server, scripts/test-postgres.sh; a new database a test):
 * the contract every store keeps, and what sharing adds.
 */
class PostgresLedgerTest extends LedgerContract {

    @TempDir
    Path local;

    private StateDatabase database;

    @BeforeEach
    void openDatabase() {
        database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD, "org",
                4);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected Ledger reopen() {
        return new PostgresLedger(database.dataSource(), local);
    }

    /** Two instances on one database see each other's acknowledgements at once: no instance re-sends them. */
    @Test
    void twoInstancesShareWhatGenesysAcknowledged() {
        Ledger one = reopen();
        Ledger two = new PostgresLedger(database.dataSource(), local.resolve("other"));
        List<NormalisedRow> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(row("C-" + i, "Name " + i, "+1317200" + String.format("%04d", i)));
        }
        one.commit("list-a", rows);
        List<String> ids = rows.stream().map(NormalisedRow::contactId).toList();
        assertThat(two.hashes("list-a", ids)).hasSize(2_500);
        assertThat(two.acknowledged("list-a", Map.of("C-7", new byte[16], "C-9999", new byte[16])))
                .containsOnlyKeys("C-7");
        long drop = one.startDrop("demo", "a.csv", "0".repeat(64));
        two.finishDrop(drop, "COMPLETED", "{}");
        assertThat(one.finishedWithSameContent("demo", "a.csv", "0".repeat(64))).hasValueSatisfying(previous ->
                assertThat(previous.id()).isEqualTo(drop));
        assertThat(one.isOpen()).isTrue();
    }

    /**
     * A part of a drop is looked up by one index probe an id, even in a list the planner's statistics do not know
     * yet (a first drop, a new campaign's list: autovacuum analyses a table a minute later at the earliest). Asked
     * as {@code contact_id = ANY(?)}, PostgreSQL read the whole list for every part (a 200,000-row drop: 70 s
     * instead of 15).
     */
    @Test
    void aPartIsLookedUpByIndexProbesInAListTheStatisticsDoNotKnow() throws Exception {
        Ledger ledger = reopen();
        ledger.commit("list-a", rows("A-", 40_000));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.createStatement().execute("ANALYZE ledger_contacts, ledger_withdrawn");
        }
        List<NormalisedRow> newList = rows("B-", 20_000);
        ledger.commit("list-b", newList);
        Map<String, String[]> withdrawn = new HashMap<>();
        newList.subList(0, 5_000).forEach(row -> withdrawn.put(row.contactId(), row.values()));
        ledger.commitWithdrawn("list-b", withdrawn);
        List<String> part = newList.subList(4_500, 5_500).stream().map(NormalisedRow::contactId).toList();

        for (String lookup : List.of(PostgresLedger.CALLABLE_ENTRIES, PostgresLedger.ENTRIES,
                PostgresLedger.WITHDRAWN)) {
            String plan = plan(lookup, part);
            assertThat(plan).as(plan).doesNotContain("Seq Scan", "Bitmap Heap Scan")
                    .containsPattern("Index (Only )?Scan using ledger_(contacts|withdrawn)_pkey .*loops=1000\\)");
        }
        assertThat(ledger.hashes("list-b", part)).hasSize(500);
        assertThat(ledger.acknowledgedValues("list-b", part)).hasSize(1_000);
        assertThat(ledger.withdrawnAmong("list-b", part)).hasSize(500).contains("B-4500").doesNotContain("B-5000");
    }

    private static List<NormalisedRow> rows(String prefix, int count) {
        List<NormalisedRow> rows = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            rows.add(row(prefix + n, "Name " + n, "+1317" + String.format("%07d", n)));
        }
        return rows;
    }

    private String plan(String lookup, List<String> ids) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE) " + lookup)) {
            explain.setArray(1, connection.createArrayOf("text", ids.toArray()));
            explain.setString(2, "list-b");
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = explain.executeQuery()) {
                while (lines.next()) {
                    plan.append(lines.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
