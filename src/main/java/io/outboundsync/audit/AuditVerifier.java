package io.outboundsync.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks an audit file's chain: every line follows the one before (seq one higher, prevHash its hash), the first
 * line follows the last line of the previous day file when that file is beside it, and every line's hash matches its
 * text: under the audit key for a keyed record (given the key), SHA-256 for one written before the chain was keyed.
 * Given the head the process keeps in its state ({@link AuditHead}), the newest file must end where the head says: a
 * cut tail or a rewritten last record shows. Without the key the chain's shape is still checked, and the result says
 * that its authenticity was not (anyone can recompute a shape). The first problem found is reported with its line.
 */
public final class AuditVerifier {

    /**
     * The outcome: intact with a count of lines, or the first problem with its line; {@code authenticated} when
     * every keyed record's hash was checked under the key.
     */
    public record Result(boolean intact, int lines, int line, String problem, boolean authenticated) {
        @Override
        public String toString() {
            return intact ? "intact: " + lines + " records" : "line " + line + ": " + problem;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifier() {
    }

    /** The chain's shape and the unkeyed records' hashes; keyed records are not authenticated (no key). */
    public static Result verify(Path file) throws IOException {
        return verify(file, null, null);
    }

    /**
     * @param key  the audit key, or null (the keyed records' hashes cannot be checked)
     * @param head the state's head, or null (a cut tail cannot be seen)
     */
    public static Result verify(Path file, byte[] key, AuditHead head) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String keyId = key == null ? null : AuditChain.keyId(key);
        Long previousSeq = null;
        String previousHash = previousFileHash(file).orElse(null);
        boolean keyedSeen = false;
        boolean unauthenticated = false;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                return new Result(false, count, lineNo, "an empty line was inserted", false);
            }
            int cut = line.lastIndexOf(AuditChain.HASH_FIELD);
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException e) {
                return new Result(false, count, lineNo, "not a readable audit record (changed or truncated)", false);
            }
            if (cut < 0 || !record.hasNonNull("hash") || !record.hasNonNull("prevHash") || !record.has("seq")) {
                return new Result(false, count, lineNo, "not an audit record (no seq, prevHash or hash)", false);
            }
            String text = line.substring(0, cut) + "}";
            String prevHash = record.get("prevHash").asText();
            String hash = record.get("hash").asText();
            long seq = record.get("seq").asLong();
            if (record.hasNonNull(AuditChain.MAC_FIELD)) {
                keyedSeen = true;
                String madeWith = record.get(AuditChain.MAC_FIELD).asText().replaceFirst("^" + AuditChain.MAC_PREFIX, "");
                if (key == null) {
                    unauthenticated = true;
                } else if (!madeWith.equals(keyId)) {
                    return new Result(false, count, lineNo, "was made with another audit key (id " + madeWith
                            + "; the key given is " + keyId + ")", false);
                } else if (!AuditChain.mac(key, prevHash, text).equals(hash)) {
                    return new Result(false, count, lineNo, "was changed (its hash does not match its content under"
                            + " the audit key)", false);
                }
            } else if (keyedSeen || (head != null && seq >= head.keyedFrom())) {
                return new Result(false, count, lineNo, "is not keyed, though the chain is keyed from seq "
                        + (head != null ? head.keyedFrom() : "earlier in this file") + ": it was rewritten", false);
            } else if (!AuditChain.hash(prevHash, text).equals(hash)) {
                return new Result(false, count, lineNo, "was changed (its hash does not match its content)", false);
            }
            if (previousSeq != null && seq <= previousSeq) {
                return new Result(false, count, lineNo, "was inserted (seq " + seq + " does not follow " + previousSeq
                        + ")", false);
            }
            if (previousSeq != null && seq > previousSeq + 1) {
                return new Result(false, count, lineNo, "follows a removed line (seq jumps from " + previousSeq
                        + " to " + seq + ")", false);
            }
            if (previousHash != null && !prevHash.equals(previousHash)) {
                return new Result(false, count, lineNo, i == 0
                        ? "does not chain to the last record of the previous day file"
                        : "does not chain to line " + i + " (a line was changed, inserted or removed)", false);
            }
            if (previousSeq == null && previousHash == null && seq == 1 && !prevHash.equals(AuditChain.GENESIS)) {
                return new Result(false, count, lineNo, "is the first record but does not start the chain", false);
            }
            previousSeq = seq;
            previousHash = hash;
            count++;
        }
        if (head != null && isNewest(file)) {
            long last = previousSeq == null ? 0 : previousSeq;
            if (last < head.seq()) {
                return new Result(false, count, lines.size() + 1, "the file ends at seq " + last + " but the state's"
                        + " head is seq " + head.seq() + ": records " + (last + 1) + " to " + head.seq()
                        + " were cut off", false);
            }
            if (last == head.seq() && !head.hash().equals(previousHash)) {
                return new Result(false, count, lines.size(), "is not the last record the process wrote (its hash"
                        + " differs from the state's head)", false);
            }
            if (last > head.seq() + 1) {
                return new Result(false, count, lines.size(), "the file goes on " + (last - head.seq()) + " records"
                        + " past the state's head (seq " + head.seq() + "): they were not written by this process",
                        false);
            }
        }
        return new Result(true, count, 0, null, !unauthenticated);
    }

    private static boolean isNewest(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> files = AuditChain.dayFiles(absolute.getParent());
        return !files.isEmpty() && files.get(files.size() - 1).equals(absolute);
    }

    /** The hash of the last record of the day file before this one, when it is in the same folder. */
    private static Optional<String> previousFileHash(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> files = AuditChain.dayFiles(absolute.getParent());
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
