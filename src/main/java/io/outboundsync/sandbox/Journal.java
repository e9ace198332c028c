package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The requests the emulator served, newest last, at most {@code capacity}: method, path, query, status, time taken
 * and any injected fault. Bodies are never kept, so no contact data is held twice.
 */
final class Journal {

    private final int capacity;
    private final Deque<ObjectNode> entries = new ArrayDeque<>();
    private long seq;

    Journal(int capacity) {
        this.capacity = capacity;
    }

    synchronized void record(String method, String path, String query, int status, long durationMs, String fault,
            String clientId) {
        if (capacity == 0) {
            return;
        }
        ObjectNode entry = Json.object();
        entry.put("seq", ++seq);
        entry.put("time", Instant.now().toString());
        entry.put("method", method);
        entry.put("path", path);
        if (query != null && !query.isEmpty()) {
            entry.put("query", query);
        }
        entry.put("status", status);
        entry.put("durationMs", durationMs);
        if (fault != null) {
            entry.put("fault", fault);
        }
        if (clientId != null) {
            entry.put("clientId", clientId);
        }
        entries.addLast(entry);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    /** Entries after {@code sinceSeq} whose path starts with {@code pathPrefix} (null: any). */
    synchronized ArrayNode since(long sinceSeq, String pathPrefix) {
        ArrayNode out = Json.array();
        for (ObjectNode entry : entries) {
            if (entry.get("seq").asLong() > sinceSeq
                    && (pathPrefix == null || entry.get("path").asText().startsWith(pathPrefix))) {
                out.add(entry);
            }
        }
        return out;
    }

    synchronized void clear() {
        entries.clear();
    }
}
