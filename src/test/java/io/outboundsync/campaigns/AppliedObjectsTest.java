package io.outboundsync.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.cluster.StateDatabase;
import io.outboundsync.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was applied to each campaign and what was requested of it, in both stores: the embedded one of one data
 * folder, and the PostgreSQL one the instances of an org share (a real server).
 */
class AppliedObjectsTest {

    abstract static class Contract {

        /** A state on the same store as the ones before (another process, another instance). */
        abstract AppliedObjects reopen();

        @Test
        void appliedObjectsAreKeptPerCampaignAndKindAndReplaced() {
            AppliedObjects state = reopen();
            assertThat(state.get("demo", "campaign")).isEmpty();
            state.record("demo", "campaign", "c-1", 3, "a".repeat(64));
            state.record("demo", "ruleSet", "r-1", null, "b".repeat(64));
            state.record("demo", "campaign", "c-1", 4, "c".repeat(64));
            AppliedObjects other = reopen();
            assertThat(other.get("demo", "campaign")).hasValueSatisfying(applied -> {
                assertThat(applied.objectId()).isEqualTo("c-1");
                assertThat(applied.version()).isEqualTo(4);
                assertThat(applied.contentHash()).isEqualTo("c".repeat(64));
                assertThat(applied.appliedAt()).isBefore(Instant.now().plusSeconds(1));
            });
            assertThat(other.get("demo", "ruleSet")).hasValueSatisfying(applied ->
                    assertThat(applied.version()).isNull());
            assertThat(other.get("other", "campaign")).isEmpty();
        }

        @Test
        void aCompletedCampaignStaysCompleted() {
            AppliedObjects state = reopen();
            assertThat(state.completed("demo")).isFalse();
            assertThat(state.lastRequestedAt("demo")).isNull();
            Instant first = Instant.parse("2026-11-30T10:00:00Z");
            state.requestApplied("demo", first, true);
            state.requestApplied("demo", first.plusSeconds(60), false);
            AppliedObjects other = reopen();
            assertThat(other.completed("demo")).isTrue();
            assertThat(other.lastRequestedAt("demo")).isEqualTo(first.plusSeconds(60));
            assertThat(other.isOpen()).isTrue();
        }
    }

    @Nested
    class Embedded extends Contract {

        @TempDir
        Path dir;

        private AppliedObjects open;

        @Override
        AppliedObjects reopen() {
            // one process at a time on a data folder: the one before is closed
            if (open != null) {
                open.close();
            }
            open = AppliedObjects.open(dir);
            return open;
        }

        @AfterEach
        void close() {
            open.close();
            assertThat(open.isOpen()).isFalse();
        }
    }

    @Nested
    class Shared extends Contract {

        private StateDatabase database;

        @BeforeEach
        void openDatabase() {
            database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD,
                    "org", 4);
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }

        @Override
        AppliedObjects reopen() {
            // instances side by side, on one database
            return AppliedObjects.shared(database.dataSource());
        }
    }
}
