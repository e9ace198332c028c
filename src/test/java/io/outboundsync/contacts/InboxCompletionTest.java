package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.intake.DropProgress;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.testing.DropHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file is read only once it is complete, and a file that changes while it is read is not taken for the file that
 * was synced. `run` watching the inbox, against a sandbox over real HTTP.
 */
class InboxCompletionTest {

    private static final String HEADER = "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,"
            + "engagementScore,lifetimeValue,leadAgeDays\n";

    @TempDir
    Path dataDir;

    private DropHarness org;
    private Pipeline run;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        org = new DropHarness(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        writer.shutdownNow();
        if (run != null) {
            run.close();
        }
        org.close();
    }

    private void run(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(org.pipelineSettings(Map.of("observe.enabled", "false",
                "contacts.inbox.take-once", "false", "contacts.inbox.poll-delay-ms", "100")));
        settings.putAll(extra);
        run = Pipeline.start(Settings.of(settings), Path.of("config"), dataDir, "run");
    }

    private static String rows(String prefix, int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < to; i++) {
            rows.append(prefix).append(i).append(",Ana,Lopez,+1317").append(String.format("%07d", 2000000 + i))
                    .append(",ana@example.com,yes,no,42,North,7.5,1200,30\n");
        }
        return rows.toString();
    }

    /**
     * Reproduced: an export written in two parts (the header and 10 rows, a pause, 20 more) was taken after the
     * first: 10 rows synced, the file moved, the 20 appended rows a new file without a header, failed.
     */
    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceItHasBeenQuiet() throws Exception {
        run(Map.of("contacts.inbox.quiet-ms", "2000"));
        Path dir = Files.createDirectories(dataDir.resolve("inbox/contacts/demo"));
        Path file = dir.resolve("export.csv");
        Files.writeString(file, HEADER + rows("W-", 0, 10));
        // the writer pauses for less than the quiet period, then writes the rest
        writer.schedule(() -> {
            Files.writeString(file, rows("W-", 10, 30), StandardOpenOption.APPEND);
            return null;
        }, 800, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dataDir.resolve(
                "reports/export.csv.summary.json")));
        JsonNode summary = org.summary("export.csv");
        assertThat(summary.get("rowsRead").asLong()).isEqualTo(30);
        assertThat(summary.get("uploaded").asLong()).isEqualTo(30);
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(dataDir.resolve("failed")).isEmptyDirectory();
    }

    /**
     * Reproduced: a file replaced while it was read (mv -f B A once 4,000 of A's 20,000 rows were read) was reported
     * COMPLETED with A's checksum while processed/ held B, whose contacts were never synced.
     */
    @Test
    void aFileReplacedWhileItIsReadStaysInTheInboxAndIsTakenAgainAsANewDrop() throws Exception {
        run(Map.of("contacts.inbox.quiet-ms", "0", "genesys.contacts.batch-size", "500",
                "genesys.contacts.upload-concurrency", "1"));
        // uploads are slow, so the reader (which waits for them) is still in the file when it is replaced
        org.control.put("/sandbox/faults/random", "{'slowRate':1.0,'slowMs':150}");
        Path a = org.drop("demo", "export.csv", HEADER + rows("A-", 0, 20000));
        Path b = dataDir.resolve("b.csv");
        Files.writeString(b, HEADER + rows("B-", 0, 3000), StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            DropProgress.Progress running = run.statusBoard().snapshot().running();
            return running != null && running.rowsRead() >= 4000;
        });
        Files.move(b, a, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(dataDir.resolve(
                "reports/export.csv.summary.json")));
        JsonNode first = org.summary("export.csv");
        assertThat(first.get("status").asText()).isEqualTo("FAILED");
        assertThat(first.get("error").asText()).startsWith("The file changed while it was read (it was replaced by"
                + " another file (").contains("the file stays in the inbox and is taken again, as a new drop");

        // B is the next drop, under the same name; every one of its contacts reaches Genesys
        org.control.put("/sandbox/faults/random", "{'slowRate':0.0}");
        await().atMost(Duration.ofSeconds(60)).until(() -> org.summary("export.csv").get("status").asText()
                .equals("COMPLETED"));
        JsonNode second = org.summary("export.csv");
        assertThat(second.get("rowsRead").asLong()).isEqualTo(3000);
        String listId = org.listId("Demo Renewals");
        assertThat(org.contacts(listId, List.of("B-0", "B-1500", "B-2999"))).hasSize(3);
        assertThat(Files.list(dataDir.resolve("processed")).flatMap(d -> {
            try {
                return Files.list(d);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList()).singleElement().satisfies(p -> assertThat(Files.readString(p)).contains("B-2999"));
    }
}
