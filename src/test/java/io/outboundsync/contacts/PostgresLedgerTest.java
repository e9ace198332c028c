package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.cluster.StateDatabase;
import io.outboundsync.testing.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
