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
 * line with {@code seq, ts, type, trigger, subject, outcome, details, prevHash, hash}. Each {@code hash} is the
 * SHA-256 of the previous hash and the record's text, so the chain runs across restarts and day files and any
 * changed, inserted or removed line shows ({@link AuditVerifier}). Phone numbers and e-mail addresses are scrubbed.
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

    private final Path dir;
    private final Clock clock;
    private final Redactor redactor;
    private final java.util.function.Supplier<org.apache.camel.ProducerTemplate> template;
    private long seq;
    private String lastHash;

    /** The route that writes a line: body the line, header {@code CamelFileName} the day file's name. */
    public static final String ROUTE = "direct:audit-append";

    /** @param template the started process's producer template, to run the {@code audit-append} route */
    public AuditLog(Path dir, Clock clock, Redactor redactor,
            java.util.function.Supplier<org.apache.camel.ProducerTemplate> template) {
        this.dir = dir;
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
    }

    /** Appends one record and returns it as written. */
    public synchronized ObjectNode append(String type, String trigger, String subject, String outcome,
            JsonNode details) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode record = JSON.createObjectNode();
        record.put("seq", seq + 1);
        record.put("ts", now.toString());
        record.put("type", type);
        record.put("trigger", trigger);
        record.put("subject", redactor.scrub(subject));
        record.put("outcome", outcome);
        record.set("details", details == null ? JSON.createObjectNode() : redactor.scrub(details));
        record.put("prevHash", lastHash);
        String text = record.toString();
        String hash = hash(lastHash, text);
        String line = text.substring(0, text.length() - 1) + HASH_FIELD + hash + "\"}\n";
        String file = "audit-" + now.atZone(ZoneOffset.UTC).toLocalDate() + ".jsonl";
        try {
            template.get().sendBodyAndHeader(ROUTE, line, org.apache.camel.Exchange.FILE_NAME, file);
        } catch (org.apache.camel.CamelExecutionException e) {
            throw new IllegalStateException("The audit record could not be written to " + dir.resolve(file) + ": "
                    + e.getCause(), e);
        }
        seq++;
        lastHash = hash;
        record.put("hash", hash);
        return record;
    }

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
