package io.outboundsync.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records chained but not yet in their day file (the audit folder refused the write: a full disk, a folder made
 * read-only), oldest first, kept in {@code state/audit-spool.jsonl} (forced to disk) until the folder takes them.
 * Used by {@link AuditLog} under its lock.
 */
final class AuditSpool {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSpool.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chained record waiting for its day file. */
    record Spooled(long seq, String prevHash, String file, String line) {
    }

    private final ArrayDeque<Spooled> spooled = new ArrayDeque<>();
    private final Path file;
    private final Path auditDir;
    private final Consumer<String> onFailure;

    /** @param onFailure who is told when a record cannot be written (the alerts), looked up at each failure */
    AuditSpool(Path stateDir, Path auditDir, Consumer<String> onFailure) {
        this.file = file(stateDir);
        this.auditDir = auditDir;
        this.onFailure = onFailure;
    }

    /** {@code state/audit-spool.jsonl}: records chained while the audit folder refused them. */
    static Path file(Path stateDir) {
        return stateDir.resolve("audit-spool.jsonl");
    }

    /** What an earlier process spooled and did not drain, after {@code seq} (what the files already hold). */
    List<Spooled> resumeAfter(long seq) {
        List<Spooled> resumed = new ArrayList<>();
        for (Spooled waiting : read(file)) {
            if (waiting.seq() > seq) {
                spooled.addLast(waiting);
                resumed.add(waiting);
                seq = waiting.seq();
            }
        }
        return resumed;
    }

    boolean isEmpty() {
        return spooled.isEmpty();
    }

    int size() {
        return spooled.size();
    }

    /** Readiness: records waiting, or null. */
    String problem() {
        return spooled.isEmpty() ? null : spooled.size() + " audit record(s) (seq " + spooled.peekFirst().seq() + " to "
                + spooled.peekLast().seq() + ") wait in " + file + ": the audit folder " + auditDir + " refuses"
                + " them. Fix: free space on its disk, or give this process's user write access to it; they are"
                + " written in order once it takes them.";
    }

    /** Where the audit files should end now: the record before the first spooled one (nothing waits: the head). */
    static AuditHead filesEndBefore(Path stateDir, AuditHead head) {
        List<Spooled> waiting = read(file(stateDir));
        if (waiting.isEmpty() || head == null) {
            return head;
        }
        Spooled first = waiting.get(0);
        return new AuditHead(first.seq() - 1, first.prevHash(), head.keyId(), head.keyedFrom());
    }

    /**
     * Writes what waits to the day files, oldest first, through {@code write} (false: the folder still refuses);
     * stops at the first refused. The spool is rewritten with what is left.
     */
    int drain(Predicate<Spooled> write) {
        int written = 0;
        while (!spooled.isEmpty() && write.test(spooled.peekFirst())) {
            spooled.removeFirst();
            written++;
        }
        if (written > 0) {
            try {
                rewrite();
            } catch (IOException e) {
                // the records are in the files; a spool left longer is skipped by seq at the next start
                LOG.warn("Audit: the spool {} could not be rewritten after {} record(s) reached the files: {}",
                        file, written, e.toString());
            }
            if (spooled.isEmpty()) {
                LOG.warn("Audit: the {} record(s) that waited in {} are in {} again, in order", written, file,
                        auditDir);
            }
        }
        return written;
    }

    /** A record the folder refused (or that waits behind refused ones), forced to the spool's file. */
    void add(Spooled record, Exception refused) {
        boolean first = spooled.isEmpty();
        try {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap((entry(record) + "\n").getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
        } catch (IOException e) {
            String problem = "The audit record could not be written to " + auditDir.resolve(record.file())
                    + (refused == null ? "" : " (" + refused.getCause() + ")") + " nor to the spool " + file
                    + ": " + e;
            onFailure.accept(problem);
            throw new IllegalStateException(problem, e);
        }
        spooled.addLast(record);
        if (first) {
            String problem = "The audit folder " + auditDir + " refuses records" + (refused == null ? ""
                    : " (" + refused.getCause() + ")") + ": they wait, chained, in " + file + " and go to the"
                    + " audit files in order once it takes them. Fix: free space on its disk, or give this process's"
                    + " user write access to it.";
            LOG.error("Audit: {}", problem);
            onFailure.accept(problem);
        }
    }

    private static ObjectNode entry(Spooled record) {
        return JSON.createObjectNode().put("seq", record.seq()).put("prevHash", record.prevHash())
                .put("file", record.file()).put("line", record.line());
    }

    private void rewrite() throws IOException {
        if (spooled.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Spooled record : spooled) {
            text.append(entry(record)).append('\n');
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Spooled> read(Path spoolFile) {
        if (!Files.isRegularFile(spoolFile)) {
            return List.of();
        }
        List<Spooled> records = new ArrayList<>();
        try {
            for (String text : Files.readAllLines(spoolFile, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                try {
                    JsonNode entry = JSON.readTree(text);
                    records.add(new Spooled(entry.path("seq").asLong(), entry.path("prevHash").asText(),
                            entry.path("file").asText(), entry.path("line").asText()));
                } catch (IOException torn) {
                    // a torn last entry (a crash mid-write): its record was never told as written
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit spool " + spoolFile + " cannot be read", e);
        }
        return records;
    }
}
