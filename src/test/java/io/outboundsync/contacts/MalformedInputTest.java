package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.testing.DropHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A corpus of broken and awkward drops, all in the inbox of one run: each ends in its documented outcome, and the
 * run goes on to the next (the good file dropped last is still processed).
 */
class MalformedInputTest {

    private static final String HEADER = "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,"
            + "engagementScore,lifetimeValue,leadAgeDays";
    private static final String ROW = "CRM-1,Ana,Lopez,(317) 201-4455,ana@example.com,yes,no,42,North,7,100,3";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path elsewhere;

    private static final String SECRET_LINE = "root:x:0:0:root:/root:/bin/bash";
    private static Path secret;

    private static DropHarness harness;
    private static Map<Path, Drop.Status> outcomes;

    @BeforeAll
    static void runTheCorpus() throws Exception {
        harness = new DropHarness(dataDir, Map.of());
        secret = elsewhere.resolve("passwd");
        harness.drop("demo", "empty.csv", "");
        harness.drop("demo", "blank.csv", "\n\n  \n");
        harness.drop("demo", "header-only.csv", HEADER + "\n");
        byte[] binary = new byte[200];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        harness.drop("demo", "binary.csv", binary);
        harness.drop("demo", "tabs.csv", HEADER.replace(',', '\t') + "\n" + ROW.replace(',', '\t') + "\n");
        harness.drop("demo", "unbalanced.csv", HEADER + "\n" + ROW + "\n" + ROW.replace("CRM-1,Ana", "CRM-2,\"Ana")
                + "\n" + ROW.replace("CRM-1", "CRM-3") + "\n");
        harness.drop("demo", "huge-field.csv", HEADER + "\n" + ROW.replace("Lopez", "x".repeat(1024 * 1024)) + "\n"
                + ROW.replace("CRM-1", "CRM-2").replace("4455", "4456") + "\n");
        byte[] latin1 = (HEADER + "\n" + ROW.replace("Ana", "Zoë") + "\n").getBytes(StandardCharsets.ISO_8859_1);
        harness.drop("demo", "latin1.csv", latin1);
        // a spreadsheet's "Unicode text": UTF-16 with a byte order mark, and without one
        harness.drop("demo", "utf16-bom.csv", ("\uFEFF" + HEADER + "\n" + ROW + "\n").getBytes(
                StandardCharsets.UTF_16LE));
        harness.drop("demo", "utf16.csv", (HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_16BE));
        harness.drop("demo", "not-an-array.json", "\"just a string\"");
        harness.drop("demo", "duplicate-header.csv", HEADER + ",phone\n" + ROW + ",x\n");
        harness.drop("demo", "no-phone-column.csv", HEADER.replace(",phone", "") + "\n"
                + ROW.replace(",(317) 201-4455", "") + "\n");
        harness.drop("demo", "short-row.csv", HEADER + "\n" + ROW + "\nCRM-9,only,three\n");
        harness.drop("demo", "trailing-quote.csv", HEADER + "\n" + ROW.replace("CRM-1,Ana", "CRM-7,\"Ana\" Jr.")
                .replace("4455", "4457") + "\n");
        harness.drop("demo", "photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        harness.drop("demo", "semicolons-bom-crlf.csv", ("\uFEFF" + HEADER.replace(',', ';') + "\r\n"
                + "CRM-5;\"Lee; Jr.\";\"Multi\r\nLine\";(317) 201-4460;lee@example.com;yes;no;30;South;1;2;3\r\n")
                .getBytes(StandardCharsets.UTF_8));
        harness.drop("demo", "array.json", "[{\"externalId\":\"J-1\",\"phone\":\"+1 317 201 4470\",\"consent\":\"yes\","
                + "\"age\":33,\"extra\":{\"nested\":true}},{\"externalId\":\"J-2\",\"phone\":\"3172014471\","
                + "\"consent\":true,\"region\":[\"a\"]}, 42]");
        harness.drop("demo", "lines.ndjson", "{\"externalId\":\"N-1\",\"phone\":\"3172014472\",\"consent\":\"y\"}\n"
                + "{\"externalId\":\"N-2\",\"phone\":\"3172014473\",\"consent\":\"y\"}\n");
        harness.drop("demo", "broken.json", "[{\"externalId\":\"B-1\",\"phone\":\"3172014474\",\"consent\":\"y\"},"
                + "{\"externalId\":\"B-2\",");
        harness.drop("elsewhere", "no-campaign.csv", HEADER + "\n" + ROW + "\n");
        // a link to a system file (here a copy of one's first line, outside the inbox) and a named pipe
        Files.writeString(secret, SECRET_LINE + "\nbin:x:1:1:bin:/bin:/sbin/nologin\n");
        Files.createSymbolicLink(dataDir.resolve("inbox/contacts/demo/link.csv"), secret);
        Process fifo = new ProcessBuilder("mkfifo", dataDir.resolve("inbox/contacts/demo/pipe.csv").toString())
                .start();
        assertThat(fifo.waitFor()).isZero();
        // written a minute ago, as the harness's drops are: past the inbox's quiet period (touch sets a pipe's time
        // without opening it, which would wait for a writer)
        Process touch = new ProcessBuilder("touch", "-d", "1 minute ago", secret.toString(),
                dataDir.resolve("inbox/contacts/demo/pipe.csv").toString()).start();
        assertThat(touch.waitFor()).isZero();
        harness.drop("demo", "not-an-export.csv", "password,token,secretQuestion\nhunter2,abc,pet\n");
        harness.drop("demo", "good.csv", HEADER + "\n" + ROW.replace("CRM-1", "CRM-LAST") + "\n");
        // the good file is the newest: processed last
        Files.setLastModifiedTime(dataDir.resolve("inbox/contacts/demo/good.csv"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(30)));
        outcomes = harness.runOnce();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static Drop.Status outcome(String name) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().getFileName().toString().equals(name))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(name + " not processed"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "empty.csv              | the file is empty",
            "blank.csv              | the file is empty",
            "binary.csv             | binary data",
            "tabs.csv               | lacks the required columns externalId, phone",
            "latin1.csv             | not UTF-8",
            "utf16-bom.csv          | it is UTF-16 (little-endian, with a byte order mark), not UTF-8. Fix: export or save it as UTF-8 (\"CSV UTF-8\")",
            "utf16.csv              | it looks like UTF-16 (big-endian: every other byte is zero), not UTF-8",
            "not-an-array.json      | starts with a string",
            "duplicate-header.csv   | names the column 'phone' twice",
            "no-phone-column.csv    | lacks the required column phone",
            "photo.png              | neither a CSV",
            "no-campaign.csv        | no campaign 'elsewhere'",
            "link.csv               | it is a symbolic link, and links are never followed",
            "pipe.csv               | it is not a regular file",
            "not-an-export.csv      | lacks the required columns externalId, phone (the header, split at ',', has 3 columns, none of them mapped)",
    })
    void movesAFileThatCannotBeReadToFailedWithItsReason(String name, String reason) throws Exception {
        assertThat(outcome(name)).isEqualTo(Drop.Status.FAILED);
        Path failed = dataDir.resolve("failed").resolve(name);
        assertThat(failed).exists();
        assertThat(Files.readString(dataDir.resolve("failed").resolve(name + ".error.txt"))).contains(reason);
        assertThat(harness.summary(name).get("status").asText()).isEqualTo("FAILED");
        assertThat(harness.summary(name).get("error").asText()).contains(reason);
    }

    /** Reproduced: a link to /etc/passwd was read and its first line copied into the reason file. */
    @Test
    void aLinkIsNeverFollowedAndNoReportQuotesWhatIsNotAColumnName() throws Exception {
        assertThat(Files.isSymbolicLink(dataDir.resolve("failed/link.csv"))).as("the link itself moved").isTrue();
        assertThat(Files.readString(secret)).startsWith(SECRET_LINE);
        StringBuilder reports = new StringBuilder();
        for (Path dir : new Path[] {dataDir.resolve("failed"), dataDir.resolve("reports")}) {
            try (var files = Files.list(dir)) {
                // the reason files and the reports, not the drops moved beside them
                for (Path file : files.filter(f -> dir.endsWith("reports")
                        || f.getFileName().toString().endsWith(".error.txt")).toList()) {
                    reports.append(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(reports.toString()).doesNotContain("root:x").doesNotContain("/bin/bash")
                .doesNotContain("password").doesNotContain("secretQuestion").doesNotContain("hunter2");
    }

    @Test
    void stopsAtAnUnbalancedQuoteAfterSendingTheRowsBeforeIt() throws Exception {
        assertThat(outcome("unbalanced.csv")).isEqualTo(Drop.Status.FAILED);
        JsonNode summary = harness.summary("unbalanced.csv");
        assertThat(summary.get("error").asText()).contains("cannot be read at row 2").contains("unbalanced quote");
        assertThat(summary.get("uploaded").asLong()).isEqualTo(1);
        assertThat(dataDir.resolve("failed/unbalanced.csv.error.txt")).exists();
    }

    @Test
    void rejectsAFieldOfAMegabyteAndKeepsTheRest() {
        assertThat(outcome("huge-field.csv")).isEqualTo(Drop.Status.COMPLETED_WITH_REJECTS);
        JsonNode summary = harness.summary("huge-field.csv");
        assertThat(summary.get("rejectedByReason").get("FIELD_TOO_LONG").asLong()).isEqualTo(1);
        assertThat(summary.get("uploaded").asLong()).isEqualTo(1);
        assertThat(harness.rejects("huge-field.csv").get(1)).contains("lastName: 1048576 characters");
    }

    @Test
    void completesAFileWithOnlyAHeader() {
        assertThat(outcome("header-only.csv")).isEqualTo(Drop.Status.COMPLETED);
        assertThat(harness.summary("header-only.csv").get("rowsRead").asLong()).isZero();
    }

    @Test
    void rejectsARowWithTheWrongNumberOfFields() {
        assertThat(outcome("short-row.csv")).isEqualTo(Drop.Status.COMPLETED_WITH_REJECTS);
        assertThat(harness.rejects("short-row.csv").get(1)).startsWith("2,CRM-9,MALFORMED_ROW,")
                .contains("the row has 3 fields, the header 12");
    }

    @Test
    void readsSemicolonsWithABomCrlfAndQuotedLineBreaks() {
        assertThat(outcome("semicolons-bom-crlf.csv")).isEqualTo(Drop.Status.COMPLETED);
        JsonNode contact = harness.contacts(harness.listId("Demo Renewals"), java.util.List.of("CRM-5")).get(0);
        assertThat(contact.get("data").get("firstName").asText()).isEqualTo("Lee; Jr.");
        assertThat(contact.get("data").get("lastName").asText()).isEqualTo("Multi\r\nLine");
    }

    @Test
    void readsJsonArraysAndObjectsPerLine() {
        assertThat(outcome("array.json")).isEqualTo(Drop.Status.COMPLETED_WITH_REJECTS);
        JsonNode array = harness.summary("array.json");
        assertThat(array.get("rowsRead").asLong()).isEqualTo(3);
        assertThat(array.get("uploaded").asLong()).isEqualTo(1);
        assertThat(harness.rejects("array.json")).anyMatch(l -> l.contains("J-2") && l.contains("field region holds"
                + " an array")).anyMatch(l -> l.startsWith("3,,MALFORMED_ROW") && l.contains("a number, not an"
                + " object"));
        assertThat(array.get("unmappedColumns").asLong()).isEqualTo(1);
        assertThat(outcome("lines.ndjson")).isEqualTo(Drop.Status.COMPLETED);
        assertThat(harness.summary("lines.ndjson").get("uploaded").asLong()).isEqualTo(2);
        assertThat(outcome("broken.json")).isEqualTo(Drop.Status.FAILED);
        assertThat(harness.summary("broken.json").get("error").asText()).contains("not valid JSON at row 2");
        assertThat(harness.summary("broken.json").get("uploaded").asLong()).isEqualTo(1);
    }

    @Test
    void goesOnToTheNextFileAfterEveryBrokenOne() {
        assertThat(outcome("good.csv")).isEqualTo(Drop.Status.COMPLETED);
        assertThat(harness.contacts(harness.listId("Demo Renewals"), java.util.List.of("CRM-LAST"))).hasSize(1);
        assertThat(outcomes).hasSize(25);
    }

    @Test
    void keepsTextAfterAClosingQuoteInsteadOfFailingTheFile() {
        assertThat(outcome("trailing-quote.csv")).isEqualTo(Drop.Status.COMPLETED);
        JsonNode contact = harness.contacts(harness.listId("Demo Renewals"), java.util.List.of("CRM-7")).get(0);
        assertThat(contact.get("data").get("firstName").asText()).isEqualTo("Ana Jr.");
    }
}
