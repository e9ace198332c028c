package io.outboundsync.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks an audit file's hash chain: every line's hash matches its text, every line follows the one before (seq
 * one higher, prevHash its hash), and the first line follows the last line of the previous day file when that file
 * is beside it. The first problem found is reported with its line number.
 */
public final class AuditVerifier {

    /** The outcome: intact with a count of lines, or the first problem with its line. */
    public record Result(boolean intact, int lines, int line, String problem) {
        @Override
        public String toString() {
            return intact ? "intact: " + lines + " records" : "line " + line + ": " + problem;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifier() {
    }

    public static Result verify(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Long previousSeq = null;
        String previousHash = previousFileHash(file).orElse(null);
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                return new Result(false, count, lineNo, "an empty line was inserted");
            }
            int cut = line.lastIndexOf(AuditLog.HASH_FIELD);
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException e) {
                return new Result(false, count, lineNo, "not a readable audit record (changed or truncated)");
            }
            if (cut < 0 || !record.hasNonNull("hash") || !record.hasNonNull("prevHash") || !record.has("seq")) {
                return new Result(false, count, lineNo, "not an audit record (no seq, prevHash or hash)");
            }
            String text = line.substring(0, cut) + "}";
            String prevHash = record.get("prevHash").asText();
            if (!AuditLog.hash(prevHash, text).equals(record.get("hash").asText())) {
                return new Result(false, count, lineNo, "was changed (its hash does not match its content)");
            }
            long seq = record.get("seq").asLong();
            if (previousSeq != null && seq <= previousSeq) {
                return new Result(false, count, lineNo, "was inserted (seq " + seq + " does not follow " + previousSeq
                        + ")");
            }
            if (previousSeq != null && seq > previousSeq + 1) {
                return new Result(false, count, lineNo, "follows a removed line (seq jumps from " + previousSeq
                        + " to " + seq + ")");
            }
            if (previousHash != null && !prevHash.equals(previousHash)) {
                return new Result(false, count, lineNo, i == 0
                        ? "does not chain to the last record of the previous day file"
                        : "does not chain to line " + i + " (a line was changed, inserted or removed)");
            }
            if (previousSeq == null && previousHash == null && seq == 1 && !prevHash.equals(AuditLog.GENESIS)) {
                return new Result(false, count, lineNo, "is the first record but does not start the chain");
            }
            previousSeq = seq;
            previousHash = record.get("hash").asText();
            count++;
        }
        return new Result(true, count, 0, null);
    }

    /** The hash of the last record of the day file before this one, when it is in the same folder. */
    private static Optional<String> previousFileHash(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> files = AuditLog.dayFiles(absolute.getParent());
        int at = files.indexOf(absolute);
        return at <= 0 ? Optional.empty() : lastHashOf(files.get(at - 1));
    }

    private static Optional<String> lastHashOf(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return Optional.of(JSON.readTree(lines.get(i)).path("hash").asText());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
