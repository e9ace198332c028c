package io.outboundsync.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.OutboundSync;
import io.outboundsync.notify.TestKeys;
import io.outboundsync.testing.YamlRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit file: records chained by {@link AuditLog} and appended by the {@code audit-append} route of
 * {@code routes/audit.camel.yaml}, booted with Camel's test kit; then checked by {@link AuditVerifier}.
 */
class AuditLogTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    /** This test's audit folder (set while Camel's test kit configures the context, in the constructor). */
    private Path dir;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        dir = root.resolve(java.util.UUID.randomUUID().toString());
        Properties properties = new Properties();
        properties.put("audit.dir", dir.toString());
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("audit.camel.yaml");
    }

    /** The audit key of these tests (the process's comes from AUDIT_KEY or state/audit.key). */
    static final byte[] KEY = "audit-key-of-these-tests-0123456789".getBytes(StandardCharsets.US_ASCII);

    /** The data folder whose state/ holds the head (the audit folder is beside it, as audit/ is in a data folder). */
    private Path data() {
        return dir.resolveSibling(dir.getFileName() + "-data");
    }

    private Path headFile() {
        return AuditLog.headFile(data());
    }

    private AuditHead head() {
        return AuditHead.read(headFile()).orElseThrow();
    }

    private AuditLog log(String instant) {
        return log(instant, KEY);
    }

    private AuditLog log(String instant, byte[] key) {
        return new AuditLog(dir, headFile(), key, at(instant), TestKeys.REDACTOR, () -> template);
    }

    private AuditVerifier.Result verify(Path file) throws IOException {
        return AuditVerifier.verify(file, KEY, head());
    }

    private Path writeFive() {
        AuditLog log = log("2026-11-23T10:00:00Z");
        for (int i = 1; i <= 5; i++) {
            log.append("contacts.batch", "once", "demo", "ok", JSON.createObjectNode().put("batch", i));
        }
        return dir.resolve("audit-2026-11-23.jsonl");
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static Path rewrite(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void writesChainedRecordsWithTheDocumentedFields() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        assertThat(lines).hasSize(5);
        var first = JSON.readTree(lines.get(0));
        var second = JSON.readTree(lines.get(1));
        assertThat(first.fieldNames()).toIterable().containsExactly("seq", "ts", "type", "trigger", "subject",
                "outcome", "details", "mac", "prevHash", "hash");
        assertThat(first.get("prevHash").asText()).isEqualTo("0".repeat(64));
        assertThat(first.get("mac").asText()).isEqualTo("hmac-sha256:" + AuditChain.keyId(KEY));
        assertThat(second.get("prevHash").asText()).isEqualTo(first.get("hash").asText());
        AuditVerifier.Result result = verify(file);
        assertThat(result.intact()).isTrue();
        assertThat(result.authenticated()).isTrue();
        // the head kept in state: the last record, the key's id, keyed from the first
        assertThat(head()).isEqualTo(new AuditHead(5, JSON.readTree(lines.get(4)).get("hash").asText(),
                AuditChain.keyId(KEY), 1));
    }

    @Test
    void catchesAnEditedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"batch\":3", "\"batch\":30"));

        AuditVerifier.Result result = verify(rewrite(file, lines));

        assertThat(result.intact()).isFalse();
        assertThat(result.line()).isEqualTo(3);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void catchesAnInsertedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.add(3, lines.get(1));

        AuditVerifier.Result result = verify(rewrite(file, lines));

        assertThat(result.line()).isEqualTo(4);
        assertThat(result.problem()).contains("inserted");
    }

    @Test
    void catchesADeletedLine() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        lines.remove(2);

        AuditVerifier.Result result = verify(rewrite(file, lines));

        assertThat(result.line()).isEqualTo(3);
        assertThat(result.problem()).contains("removed");
    }

    /** Rewrites lines from {@code from} (0-based) to the end, each with a fresh hash made without the key. */
    private static List<String> forgeFrom(List<String> lines, int from) throws IOException {
        List<String> forged = new ArrayList<>(lines);
        String prev = from == 0 ? AuditChain.GENESIS : JSON.readTree(lines.get(from - 1)).get("hash").asText();
        for (int i = from; i < lines.size(); i++) {
            var record = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(lines.get(i));
            record.remove("hash");
            record.put("prevHash", prev);
            if (i == from) {
                record.with("details").put("batch", 99);
            }
            String text = record.toString();
            prev = AuditChain.hash(prev, text);
            forged.set(i, text.substring(0, text.length() - 1) + ",\"hash\":\"" + prev + "\"}");
        }
        return forged;
    }

    @Test
    void catchesALineRewrittenWithAFreshHash() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        List<String> forged = new ArrayList<>(lines);
        forged.set(1, forgeFrom(lines, 1).get(1));
        rewrite(file, forged);

        // with the key: the line itself
        AuditVerifier.Result result = verify(file);
        assertThat(result.line()).isEqualTo(2);
        assertThat(result.problem()).contains("changed").contains("audit key");
        // without it: the next line no longer chains
        AuditVerifier.Result shape = AuditVerifier.verify(file);
        assertThat(shape.line()).isEqualTo(3);
        assertThat(shape.problem()).contains("does not chain to line 2");
    }

    /** The attack an unkeyed chain could not see: every hash from the edited line on recomputed. */
    @Test
    void anEditWithEveryLaterHashRecomputedIsCaughtWithTheKeyOrTheHead() throws IOException {
        Path file = writeFive();
        rewrite(file, forgeFrom(lines(file), 2));

        AuditVerifier.Result keyed = AuditVerifier.verify(file, KEY, null);
        assertThat(keyed.intact()).isFalse();
        assertThat(keyed.line()).isEqualTo(3);
        assertThat(keyed.problem()).contains("changed");
        // without the key the shape holds, and the result says it was not authenticated
        AuditVerifier.Result shape = AuditVerifier.verify(file);
        assertThat(shape.intact()).isTrue();
        assertThat(shape.authenticated()).isFalse();
        // the head in state still knows the last hash
        AuditVerifier.Result headed = AuditVerifier.verify(file, null, head());
        assertThat(headed.intact()).isFalse();
        assertThat(headed.problem()).contains("not the last record the process wrote");
    }

    @Test
    void aCutTailIsCaughtAgainstTheHeadAndRecordedAtTheNextStart() throws IOException {
        Path file = writeFive();
        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, 3));

        AuditVerifier.Result result = verify(file);
        assertThat(result.intact()).isFalse();
        assertThat(result.line()).isEqualTo(4);
        assertThat(result.problem()).isEqualTo("the file ends at seq 3 but the state's head is seq 5: records 4 to 5"
                + " were cut off");

        // a restart sees it too: the next record says so, in the chain
        log("2026-11-23T11:00:00Z").append("run.started", "run", "outbound-sync", "ok", null);
        List<String> after = lines(file);
        var mismatch = JSON.readTree(after.get(3));
        assertThat(mismatch.get("type").asText()).isEqualTo("audit.head-mismatch");
        assertThat(mismatch.get("seq").asLong()).isEqualTo(4);
        assertThat(mismatch.get("details").get("problem").asText()).contains("records 4 to 5 were cut off");
        assertThat(JSON.readTree(after.get(4)).get("type").asText()).isEqualTo("run.started");
        assertThat(verify(file).intact()).isTrue();
    }

    @Test
    void aChainWrittenBeforeTheKeyGoesOnKeyedAndCannotBeDowngraded() throws IOException {
        // three records from before the chain was keyed: plain SHA-256, no mac, no head
        List<String> old = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= 3; i++) {
            var record = JSON.createObjectNode().put("seq", i).put("ts", "2026-11-23T09:00:00Z").put("type", "old")
                    .put("trigger", "once").put("subject", "demo").put("outcome", "ok");
            record.set("details", JSON.createObjectNode());
            record.put("prevHash", prev);
            String text = record.toString();
            prev = AuditChain.hash(prev, text);
            old.add(text.substring(0, text.length() - 1) + ",\"hash\":\"" + prev + "\"}");
        }
        Files.createDirectories(dir);
        Path file = rewrite(dir.resolve("audit-2026-11-23.jsonl"), old);
        AuditLog log = log("2026-11-23T10:00:00Z");
        log.append("contacts.batch", "once", "demo", "ok", null);
        log.append("contacts.batch", "once", "demo", "ok", null);

        assertThat(head().keyedFrom()).isEqualTo(4);
        AuditVerifier.Result result = verify(file);
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.lines()).isEqualTo(5);
        assertThat(result.authenticated()).isTrue();

        // the keyed records rewritten as unkeyed ones (mac removed, plain hashes recomputed)
        List<String> downgraded = new ArrayList<>(lines(file));
        prev = JSON.readTree(downgraded.get(2)).get("hash").asText();
        for (int i = 3; i < 5; i++) {
            var record = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(downgraded.get(i));
            record.remove("hash");
            record.remove("mac");
            record.put("prevHash", prev);
            String text = record.toString();
            prev = AuditChain.hash(prev, text);
            downgraded.set(i, text.substring(0, text.length() - 1) + ",\"hash\":\"" + prev + "\"}");
        }
        rewrite(file, downgraded);
        AuditVerifier.Result caught = AuditVerifier.verify(file, null, head());
        assertThat(caught.line()).isEqualTo(4);
        assertThat(caught.problem()).contains("is not keyed, though the chain is keyed from seq 4");
    }

    @Test
    void recordsMadeWithAnotherKeyAreNamedAsSuch() throws IOException {
        Path file = writeFive();
        byte[] other = "another-audit-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        AuditVerifier.Result result = AuditVerifier.verify(file, other, head());
        assertThat(result.line()).isEqualTo(1);
        assertThat(result.problem()).isEqualTo("was made with another audit key (id " + AuditChain.keyId(KEY)
                + "; the key given is " + AuditChain.keyId(other) + ")");
    }

    @Test
    void continuesTheChainAcrossRestartsAndDayFiles() throws IOException {
        writeFive();
        AuditLog restarted = log("2026-11-24T08:00:00Z");
        restarted.append("run.started", "run", "outbound-sync", "ok", null);
        Path nextDay = dir.resolve("audit-2026-11-24.jsonl");

        var record = JSON.readTree(lines(nextDay).get(0));
        assertThat(record.get("seq").asLong()).isEqualTo(6);
        assertThat(verify(nextDay).intact()).isTrue();

        List<String> yesterday = lines(dir.resolve("audit-2026-11-23.jsonl"));
        yesterday.remove(4);
        rewrite(dir.resolve("audit-2026-11-23.jsonl"), yesterday);
        assertThat(verify(nextDay).problem()).contains("previous day file");
    }

    @Test
    void neverWritesAPhoneNumberOrAnEmailAddressInClear() throws IOException {
        AuditLog log = log("2026-11-23T10:00:00Z");
        log.append("contacts.rejected", "once", "row 7 of ana@example.com", "rejected",
                JSON.createObjectNode().put("phone", "+13175550100").put("note", "call 317-555-0100"));

        String written = Files.readString(dir.resolve("audit-2026-11-23.jsonl"));
        assertThat(written).doesNotContain("ana@example.com").doesNotContain("+13175550100")
                .doesNotContain("317-555-0100").contains("<email:").contains("<phone:");
        assertThat(verify(dir.resolve("audit-2026-11-23.jsonl")).intact()).isTrue();
    }

    /** Runs the command line; returns its exit code and what it printed (stdout then stderr). */
    private static Object[] command(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var originalOut = System.out;
        var originalErr = System.err;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = OutboundSync.execute(args);
            return new Object[] {code, out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void theCommandAuthenticatesWithTheKeyInStateSaysWhenItCannotAndNamesTheLine() throws IOException {
        Path file = writeFive();
        Files.writeString(data().resolve("state").resolve("audit.key"), new String(KEY, StandardCharsets.US_ASCII));
        Object[] keyed = command("--data-dir", data().toString(), "audit", "verify", file.toString());
        assertThat(keyed[0]).isEqualTo(0);
        assertThat((String) keyed[1]).contains(file + ": intact, 5 records chained, authenticated with the audit key "
                + AuditChain.keyId(KEY) + ".");

        Path elsewhere = root.resolve("no-key-" + java.util.UUID.randomUUID());
        Object[] shape = command("--data-dir", elsewhere.toString(), "audit", "verify", file.toString());
        assertThat(shape[0]).isEqualTo(0);
        assertThat((String) shape[1]).contains("chain intact in shape, 5 records; their authenticity was not checked:"
                + " no audit key");
        assertThat(elsewhere.resolve("state/audit.key")).as("verify never makes a key").doesNotExist();

        List<String> lines = lines(file);
        lines.remove(1);
        rewrite(file, lines);
        Object[] tampered = command("--data-dir", data().toString(), "audit", "verify", file.toString());
        assertThat(tampered[0]).isEqualTo(1);
        assertThat((String) tampered[1]).contains("line 2").contains("removed");
    }

    /** The day file made unwritable for real: a folder of its name stands where the file was. */
    private Path blockDayFile(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".aside");
        Files.move(file, aside);
        Files.createDirectory(file);
        return aside;
    }

    private static void unblock(Path file, Path aside) throws IOException {
        Files.delete(file);
        Files.move(aside, file);
    }

    /**
     * Reproduced (issue 25, point 9): an audit folder that could not be written lost that drop's record for good.
     * A record the folder refuses is chained and kept, forced to disk, in state/audit-spool.jsonl; the ones after it
     * wait behind it; once the folder takes writes they reach the day file in chain order and the file verifies.
     */
    @Test
    void aRecordTheFolderRefusesWaitsInTheSpoolAndReachesTheFileInOrder() throws IOException {
        Path file = writeFive();
        AuditLog log = log("2026-11-23T10:00:00Z");
        List<String> told = new ArrayList<>();
        log.onFailure(told::add);
        Path aside = blockDayFile(file);

        log.append("contacts.drop", "run", "demo/day2.csv", "ok", JSON.createObjectNode().put("uploaded", 300));
        log.append("contacts.drop", "run", "demo/day3.csv", "ok", JSON.createObjectNode().put("uploaded", 10));
        assertThat(log.spooled()).isEqualTo(2);
        assertThat(told).singleElement().asString().startsWith("The audit folder " + dir + " refuses records (")
                .endsWith(": they wait, chained, in " + AuditLog.spoolFile(data().resolve("state")) + " and go to"
                        + " the audit files in order once it takes them. Fix: free space on its disk, or give this"
                        + " process's user write access to it.");
        assertThat(Files.readAllLines(AuditLog.spoolFile(data().resolve("state")))).hasSize(2);
        assertThat(head().seq()).isEqualTo(7);
        assertThat(log.drainSpool()).isZero();

        unblock(file, aside);
        log.append("contacts.drop", "run", "demo/day4.csv", "ok", JSON.createObjectNode().put("uploaded", 1));

        assertThat(log.spooled()).isZero();
        assertThat(AuditLog.spoolFile(data().resolve("state"))).doesNotExist();
        List<String> lines = lines(file);
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(5, 8)).extracting(l -> JSON.readTree(l).get("subject").asText())
                .containsExactly("demo/day2.csv", "demo/day3.csv", "demo/day4.csv");
        AuditVerifier.Result result = verify(file);
        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.lines()).isEqualTo(8);
    }

    /** A process that stopped with records in the spool: the next one chains on after them and drains them. */
    @Test
    void aRestartedProcessChainsOnAfterTheSpoolAndDrainsIt() throws IOException {
        Path file = writeFive();
        AuditLog first = log("2026-11-23T10:00:00Z");
        Path aside = blockDayFile(file);
        first.append("contacts.drop", "run", "demo/day2.csv", "ok", JSON.createObjectNode());
        // while it waits, verify checks the files against where they should end: before the spooled record
        AuditHead expected = AuditLog.filesEndBefore(data().resolve("state"), head());
        assertThat(expected.seq()).isEqualTo(5);
        unblock(file, aside);
        AuditVerifier.Result waiting = AuditVerifier.verify(file, KEY, expected);
        assertThat(waiting.intact()).as(waiting.problem()).isTrue();

        AuditLog second = log("2026-11-23T11:00:00Z");
        assertThat(second.spooled()).isEqualTo(1);
        assertThat(second.drainSpool()).isEqualTo(1);
        second.append("run.started", "run", "outbound-sync", "ok", JSON.createObjectNode());

        List<String> lines = lines(file);
        assertThat(lines).hasSize(7);
        assertThat(JSON.readTree(lines.get(5)).get("subject").asText()).isEqualTo("demo/day2.csv");
        AuditVerifier.Result result = verify(file);
        assertThat(result.intact()).as(result.problem()).isTrue();
    }
}
