package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.config.ConfigException;
import io.outboundsync.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared state's database on a real PostgreSQL server (scripts/test-postgres.sh): migrations, org binding. */
class StateDatabaseTest {

    private static List<String> tables(StateDatabase database) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT lower(table_name) FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    @Test
    void migratesANewDatabaseOnceAndBindsItToTheOrg() throws Exception {
        String url = TestPostgres.newDatabase();
        try (StateDatabase first = StateDatabase.open(url, TestPostgres.USER, TestPostgres.PASSWORD, "org-a", 4)) {
            assertThat(first.migrationsApplied()).isEqualTo(2);
            assertThat(tables(first)).contains("drops", "ledger_contacts", "ledger_withdrawn", "ledger_dnc_sent",
                    "ledger_objects", "applied_objects", "campaign_requests", "camel_messageprocessed", "instances",
                    "qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state",
                    "flyway_schema_history");
        }
        // a second instance (or a restart) finds the schema up to date
        try (StateDatabase second = StateDatabase.open(url, TestPostgres.USER, TestPostgres.PASSWORD, "org-a", 4)) {
            assertThat(second.migrationsApplied()).isZero();
        }
        assertThatThrownBy(() -> StateDatabase.open(url, TestPostgres.USER, TestPostgres.PASSWORD, "org-b", 4))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("belongs to Genesys org org-a")
                .hasMessageContaining("org org-b");
    }

    @Test
    void saysWhichSettingIsWrongWhenTheServerCannotBeReached() {
        assertThatThrownBy(() -> StateDatabase.open("jdbc:postgresql://127.0.0.1:1/nothing", "u", "p", "org", 2))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.jdbc-url=jdbc:postgresql://127.0.0.1:1/nothing cannot be reached")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER, "wrong", "org",
                2)).isInstanceOf(ConfigException.class).hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> StateDatabase.open("jdbc:h2:mem:x", "u", "p", "org", 2))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a PostgreSQL JDBC URL");
    }
}
