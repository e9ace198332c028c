package io.outboundsync.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.notify.KeyFile;
import io.outboundsync.notify.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one place that appends audit records: {@code audit/audit-<yyyy-MM-dd>.jsonl} (UTC days), one JSON object a
 * line with {@code seq, ts, type, trigger, subject, outcome, details, mac, prevHash, hash}. Each {@code hash} is an
 * HMAC-SHA-256, under the audit key, of the previous hash and the record's text ({@code mac} names the key by its
 * id: {@code hmac-sha256:<keyId>}), so the chain runs across restarts and day files, any changed, inserted or
 * removed line shows ({@link AuditVerifier}), and no one without the key can write a chain that verifies. Records
 * written before the chain was keyed have no {@code mac} and a plain SHA-256 hash. The key does not live in the
 * audit folder ({@code audit.key} / {@code AUDIT_KEY}, or {@code state/audit.key}, generated owner-only); the head
 * (last seq and hash, the key's id, the first keyed seq) is kept in {@code state/audit-head.json} after each line
 * ({@link AuditHead}), so a cut tail shows too. Phone numbers and e-mail addresses are scrubbed.
 *
 * <p>The line is written by the {@code audit-append} route ({@code routes/audit.camel.yaml}: camel-file, appending),
 * where a wire tap or another receiver can be added. The hash is chained here, not in the route, because the chain
 * may move on only once its line is in the file, and lines must reach the file in chain order: one lock spans the
 * chaining and the route's write.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditLog.class);

    private final Path dir;
    private final Path headFile;
    private final byte[] key;
    private final String keyId;
    private final Clock clock;
    private final Redactor redactor;
    private final java.util.function.Supplier<org.apache.camel.ProducerTemplate> template;
    private final long keyedFrom;
    private long seq;
    private String lastHash;
    /** What the start found wrong with the files against the head: recorded before the next record. */
    private ObjectNode startProblem;
    /** Records chained but not yet in their day file (the audit folder refused them). */
    private final AuditSpool spool;

    /** Told when a record cannot be written (the alerts). */
    private java.util.function.Consumer<String> onFailure = problem -> { };

    /** The route that writes a line: body the line, header {@code CamelFileName} the day file's name. */
    public static final String ROUTE = "direct:audit-append";

    /**
     * @param headFile {@code state/audit-head.json}
     * @param key      the audit key ({@code audit.key}, or {@code state/audit.key})
     * @param template the started process's producer template, to run the {@code audit-append} route
     */
    public AuditLog(Path dir, Path headFile, byte[] key, Clock clock, Redactor redactor,
            java.util.function.Supplier<org.apache.camel.ProducerTemplate> template) {
        this.dir = dir;
        this.headFile = headFile;
        this.key = key.clone();
        this.keyId = AuditChain.keyId(key);
        this.clock = clock;
        this.redactor = redactor;
        this.template = template;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("The audit folder " + dir + " cannot be created", e);
        }
        Optional<ObjectNode> last = AuditChain.lastRecord(dir);
        this.seq = last.map(r -> r.path("seq").asLong()).orElse(0L);
        this.lastHash = last.map(r -> r.path("hash").asText()).orElse(AuditChain.GENESIS);
        this.spool = new AuditSpool(headFile.getParent(), dir, problem -> onFailure.accept(problem));
        // what an earlier process spooled and did not drain: the chain goes on after it (records already in the
        // files, drained before a crash cut the spool's rewrite, are left out)
        for (AuditSpool.Spooled waiting : spool.resumeAfter(seq)) {
            seq = waiting.seq();
            lastHash = AuditChain.hashOf(waiting.line());
        }
        Optional<AuditHead> head = AuditHead.read(headFile);
        this.keyedFrom = head.map(AuditHead::keyedFrom).orElse(seq + 1);
        head.ifPresent(this::compareWithFiles);
    }

    /**
     * The files against the head the process last wrote: behind it (a tail cut off), at it with another hash (a
     * rewritten tail), more than one record past it (written by something else), or another key. Logged at ERROR
     * and recorded in the chain before the next record; the chain goes on from the files' last record.
     */
    private void compareWithFiles(AuditHead head) {
        String problem = null;
        if (seq < head.seq()) {
            problem = "the audit files end at seq " + seq + " but the state's head is seq " + head.seq()
                    + ": records " + (seq + 1) + " to " + head.seq() + " were cut off";
        } else if (seq == head.seq() && !lastHash.equals(head.hash())) {
            problem = "the last record (seq " + seq + ") is not the one the process wrote: its hash differs from the"
                    + " state's head";
        } else if (seq > head.seq() + 1) {
            problem = "the audit files hold " + (seq - head.seq()) + " records after the state's head (seq "
                    + head.seq() + ") that this process did not record";
        }
        if (!keyId.equals(head.keyId())) {
            problem = (problem == null ? "" : problem + "; ") + "the audit key changed (the chain was keyed with key "
                    + head.keyId() + ", now " + keyId + "): records before this one verify only with the old key";
        }
        if (problem != null) {
            LOG.error("Audit: {}. Fix: find out who changed {} or {}; `outbound-sync audit verify` names the lines",
                    problem, dir, headFile.getParent());
            startProblem = JSON.createObjectNode().put("problem", problem).put("headSeq", head.seq())
                    .put("headHash", head.hash()).put("foundSeq", seq).put("foundHash", lastHash);
        }
    }

    /** The audit key: {@code audit.key} ({@code AUDIT_KEY}), or else {@code <data-dir>/state/audit.key}. */
    public static KeyFile keyFile(Path dataDir) {
        return new KeyFile("the audit key", "audit.key", "AUDIT_KEY", dataDir.resolve("state").resolve("audit.key"),
                "the audit records keyed with it verify only with it");
    }

    /** Where the chain's head is kept: {@code <data-dir>/state/audit-head.json}. */
    public static Path headFile(Path dataDir) {
        return dataDir.resolve("state").resolve(AuditHead.FILE);
    }

    /** Who is told when a record cannot be written. */
    public AuditLog onFailure(java.util.function.Consumer<String> listener) {
        this.onFailure = listener;
        return this;
    }

    /** The chain's head now: what an {@code audit.checkpoint} event anchors outside the machine. */
    public synchronized AuditHead head() {
        return new AuditHead(seq, lastHash, keyId, keyedFrom);
    }

    /** Appends one record and returns it as written. */
    public synchronized ObjectNode append(String type, String trigger, String subject, String outcome,
            JsonNode details) {
        if (startProblem != null) {
            ObjectNode problem = startProblem;
            startProblem = null;
            write("audit.head-mismatch", "start", "audit", "failed", problem);
        }
        return write(type, trigger, subject, outcome, details);
    }

    /** Appends one record whose details are any object Jackson writes (a report, a record), for a route's step. */
    public ObjectNode appendObject(String type, String trigger, String subject, String outcome, Object details) {
        return append(type, trigger, subject, outcome, JSON.valueToTree(details));
    }

    private ObjectNode write(String type, String trigger, String subject, String outcome, JsonNode details) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode record = JSON.createObjectNode();
        record.put("seq", seq + 1);
        record.put("ts", now.toString());
        record.put("type", type);
        record.put("trigger", trigger);
        record.put("subject", redactor.scrub(subject));
        record.put("outcome", outcome);
        record.set("details", details == null ? JSON.createObjectNode() : redactor.scrub(details));
        record.put(AuditChain.MAC_FIELD, AuditChain.MAC_PREFIX + keyId);
        record.put("prevHash", lastHash);
        String text = record.toString();
        String hash = AuditChain.mac(key, lastHash, text);
        String line = text.substring(0, text.length() - 1) + AuditChain.HASH_FIELD + hash + "\"}\n";
        String file = "audit-" + now.atZone(ZoneOffset.UTC).toLocalDate() + ".jsonl";
        drainSpool();
        if (!spool.isEmpty()) {
            // the records before it wait: this one waits behind them, so the file keeps the chain's order
            spool.add(new AuditSpool.Spooled(seq + 1, lastHash, file, line), null);
        } else {
            try {
                template.get().sendBodyAndHeader(ROUTE, line, org.apache.camel.Exchange.FILE_NAME, file);
            } catch (org.apache.camel.CamelExecutionException e) {
                spool.add(new AuditSpool.Spooled(seq + 1, lastHash, file, line), e);
            }
        }
        seq++;
        lastHash = hash;
        new AuditHead(seq, hash, keyId, keyedFrom).write(headFile);
        record.put("hash", hash);
        return record;
    }

    /** Readiness: records waiting in the spool, or null. */
    public synchronized String problem() {
        return spool.problem();
    }

    /** How many records wait in the spool (readiness, tests). */
    public synchronized int spooled() {
        return spool.size();
    }

    /** {@code state/audit-spool.jsonl}: records chained while the audit folder refused them. */
    public static Path spoolFile(Path stateDir) {
        return AuditSpool.file(stateDir);
    }

    /** Where the audit files should end now: the record before the first spooled one (null: nothing waits). */
    public static AuditHead filesEndBefore(Path stateDir, AuditHead head) {
        return AuditSpool.filesEndBefore(stateDir, head);
    }

    /**
     * Writes what waits in the spool to the day files, oldest first (the {@code audit-spool-drain} route, and before
     * each record); stops at the first the folder still refuses. The spool is rewritten with what is left.
     */
    public synchronized int drainSpool() {
        return spool.drain(next -> {
            try {
                template.get().sendBodyAndHeader(ROUTE, next.line(), org.apache.camel.Exchange.FILE_NAME, next.file());
                return true;
            } catch (org.apache.camel.CamelExecutionException e) {
                return false;
            }
        });
    }


}
