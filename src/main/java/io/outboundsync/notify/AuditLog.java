package io.outboundsync.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    static final String GENESIS = "0".repeat(64);
    static final String HASH_FIELD = ",\"hash\":\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String MAC_FIELD = "mac";
    static final String MAC_PREFIX = "hmac-sha256:";
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
        this.keyId = keyId(key);
        this.clock = clock;
        this.redactor = redactor;
        this.template = template;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("The audit folder " + dir + " cannot be created", e);
        }
        Optional<ObjectNode> last = lastRecord(dir);
        this.seq = last.map(r -> r.path("seq").asLong()).orElse(0L);
        this.lastHash = last.map(r -> r.path("hash").asText()).orElse(GENESIS);
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
        record.put(MAC_FIELD, MAC_PREFIX + keyId);
        record.put("prevHash", lastHash);
        String text = record.toString();
        String hash = mac(key, lastHash, text);
        String line = text.substring(0, text.length() - 1) + HASH_FIELD + hash + "\"}\n";
        String file = "audit-" + now.atZone(ZoneOffset.UTC).toLocalDate() + ".jsonl";
        try {
            template.get().sendBodyAndHeader(ROUTE, line, org.apache.camel.Exchange.FILE_NAME, file);
        } catch (org.apache.camel.CamelExecutionException e) {
            String problem = "The audit record could not be written to " + dir.resolve(file) + ": " + e.getCause();
            onFailure.accept(problem);
            throw new IllegalStateException(problem, e);
        }
        seq++;
        lastHash = hash;
        new AuditHead(seq, hash, keyId, keyedFrom).write(headFile);
        record.put("hash", hash);
        return record;
    }

    /** A keyed record's hash: HMAC-SHA-256 under the audit key of the previous hash and the record's text. */
    static String mac(byte[] key, String prevHash, String recordText) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            mac.update(prevHash.getBytes(StandardCharsets.UTF_8));
            mac.update(recordText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's id (16 hex digits of an HMAC of a fixed text): names the key, reveals nothing of it. */
    public static String keyId(byte[] key) {
        return mac(key, "", "outbound-sync audit key id").substring(0, 16);
    }

    /** A record written before the chain was keyed: SHA-256 of the previous hash and the record's text. */
    static String hash(String prevHash, String recordText) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
            sha.update(recordText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest record in the folder: the last readable line of the newest day file. */
    static Optional<ObjectNode> lastRecord(Path dir) {
        List<Path> files = dayFiles(dir);
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                List<String> lines = Files.readAllLines(files.get(i), StandardCharsets.UTF_8);
                for (int l = lines.size() - 1; l >= 0; l--) {
                    if (!lines.get(l).isBlank()) {
                        try {
                            return Optional.of((ObjectNode) JSON.readTree(lines.get(l)));
                        } catch (IOException unreadable) {
                            // a torn last line (a crash mid-write); chain on from the line before, verify shows it
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The audit file " + files.get(i) + " cannot be read", e);
            }
        }
        return Optional.empty();
    }

    /** The day files of a folder, oldest first (their names sort by date). */
    static List<Path> dayFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("audit-\\d{4}-\\d{2}-\\d{2}\\.jsonl"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
