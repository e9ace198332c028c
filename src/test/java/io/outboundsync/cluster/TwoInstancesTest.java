package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.testing.DropHarness;
import io.outboundsync.testing.OutboundSyncProcess;
import io.outboundsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code run} processes, each with its own data folder, on one shared inbox, one shared command folder and one
 * PostgreSQL database: every drop and every command file is taken by exactly one of them (the claim in the
 * database), every contact reaches Genesys once, and each scheduled campaign sync fires on one of them (Quartz's
 * cluster in the database). Real processes, real HTTP to the sandbox, a real PostgreSQL.
 */
class TwoInstancesTest {

    private static final int DROPS = 20;
    private static final int COMMANDS = 10;
    private static final int ROWS = 2_000;

    // kept when the test fails: each instance's log is in <root>/<a|b>/logs/
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void eachFileIsTakenByOneInstanceAndEachContactUploadedOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        Path inbox = root.resolve("shared/inbox");
        Path commands = root.resolve("shared/commands");
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        List<Process> processes = new ArrayList<>();
        try (DropHarness org = new DropHarness(a, Map.of())) {
            Map<String, String> shared = TestPostgres.stateSettings(url);
            shared.putAll(Map.of("contacts.inbox.dir", inbox.toString(), "campaigns.commands.dir",
                    commands.toString(), "contacts.inbox.take-once", "false", "campaigns.commands.poll-delay-ms",
                    "100"));
            // a campaign sync every two seconds, on the instances' Quartz cluster
            shared.put("campaigns.sync.cron", "0/2 * * * * ?");
            Files.createDirectories(inbox.resolve("demo"));
            Files.createDirectories(commands);
            // the first instance makes the contact list with the first drop; then both take the rest
            int portA = DropHarness.freePort();
            processes.add(OutboundSyncProcess.instance(org, a, named(shared, "a"), portA, "a"));
            write(inbox.resolve("demo/drop-00.csv"), DropHarness.generatedDrop("D00", ROWS, 0));
            await().atMost(Duration.ofMinutes(2)).until(() -> summaries(a, b) == 1);
            int portB = DropHarness.freePort();
            processes.add(OutboundSyncProcess.instance(org, b, named(shared, "b"), portB, "b"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> OutboundSyncProcess.ready(portB));
            // each instance's health names both, and what each holds
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    OutboundSyncProcess.healthCheck(portA, "instances")).contains("2 instances: a (this one), seen",
                            "; b, seen"));
            assertThat(OutboundSyncProcess.healthCheck(portB, "instances")).contains("a, seen", "b (this one), seen");
            for (int i = 1; i < DROPS; i++) {
                write(inbox.resolve(String.format("demo/drop-%02d.csv", i)),
                        DropHarness.generatedDrop(String.format("D%02d", i), ROWS, 0));
            }
            for (int i = 0; i < COMMANDS; i++) {
                write(commands.resolve("sync-" + i + ".json"), "{\"campaign\": \"demo\", \"action\": \"sync\"}");
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .failFast("more summaries than drops", () -> summaries(a, b) > DROPS)
                    .until(() -> summaries(a, b) == DROPS && commandsDone(a, b) == COMMANDS);
            // and no second taking of any of them in the two seconds after
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> summaries(a, b) == DROPS);
            assertThat(summaries(a)).as("instance a took some").isPositive();
            assertThat(summaries(b)).as("instance b took some").isPositive();
            assertThat(commandsDone(a, b)).isEqualTo(COMMANDS);
            try (Stream<Path> left = Files.list(inbox.resolve("demo"))) {
                assertThat(left).isEmpty();
            }
            try (Connection db = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                    Statement sql = db.createStatement();
                    ResultSet started = sql.executeQuery("SELECT count(*), count(DISTINCT file_name) FROM drops")) {
                started.next();
                assertThat(started.getLong(1)).as("drops started").isEqualTo(DROPS);
                assertThat(started.getLong(2)).isEqualTo(DROPS);
            }
            assertThat(org.size(org.listId("Demo Renewals"))).isEqualTo((long) DROPS * ROWS);
            assertThat(org.addContactRequests()).as("two uploads a drop of 2,000").isEqualTo(DROPS * 2L);

            // each scheduled sync fired once across the two, and none was lost while they ran
            await().atMost(Duration.ofMinutes(1)).until(() -> OutboundSyncProcess.scheduledSyncs(a, b).size() >= 15);
            List<String> fired = OutboundSyncProcess.scheduledSyncs(a, b);
            List<java.time.Instant> times = fired.stream().map(f -> java.time.Instant.parse(f.split(" ")[1]))
                    .sorted().toList();
            assertThat(times).as("scheduled syncs (instance, time): " + fired).doesNotHaveDuplicates();
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i))).as("the firing after " + times.get(i - 1)
                        + " (each fired once, none lost): " + fired).isEqualTo(Duration.ofSeconds(2));
            }
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }

    private static Map<String, String> named(Map<String, String> shared, String instance) {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("state.instance-id", instance);
        return settings;
    }

    private static void write(Path file, String content) throws Exception {
        // written aside and moved in: a file appears whole
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file);
    }

    private static long summaries(Path... dataDirs) throws Exception {
        long count = 0;
        for (Path dataDir : dataDirs) {
            Path reports = dataDir.resolve("reports");
            if (Files.isDirectory(reports)) {
                try (Stream<Path> files = Files.list(reports)) {
                    count += files.filter(f -> f.getFileName().toString().endsWith(".summary.json")).count();
                }
            }
        }
        return count;
    }

    private static long commandsDone(Path... dataDirs) throws Exception {
        long count = 0;
        for (Path dataDir : dataDirs) {
            Path done = dataDir.resolve("processed/commands");
            if (Files.isDirectory(done)) {
                try (Stream<Path> files = Files.walk(done)) {
                    count += files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
                }
            }
        }
        return count;
    }
}
