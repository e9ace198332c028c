package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Records every change made through the emulator as an {@code AuditLogMessage} of service {@code Outbound}, with the
 * changed top-level properties old and new, for {@code POST /api/v2/audits/query}.
 */
final class AuditTrail {

    private static final Set<String> BOOKKEEPING = Set.of("version", "dateModified", "dateCreated", "selfUri", "id");

    private final Clock clock;
    private final List<ObjectNode> messages = new ArrayList<>();

    AuditTrail(Clock clock) {
        this.clock = clock;
    }

    synchronized void record(String clientId, String action, String entityType, ObjectNode before,
            ObjectNode after) {
        ObjectNode subject = after != null ? after : before;
        ObjectNode message = Json.object();
        message.put("id", UUID.randomUUID().toString());
        if (clientId != null) {
            message.set("client", Json.ref(clientId, null, null));
        }
        message.set("remoteIp", Json.array().add("127.0.0.1"));
        message.put("serviceName", "Outbound");
        message.put("level", "USER");
        message.put("eventDate", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        message.put("action", action);
        message.set("entity", Json.ref(subject.path("id").asText(), subject.path("name").asText(null), null));
        message.put("entityType", entityType);
        message.put("status", "SUCCESS");
        message.put("application", "outbound-sync-sandbox");
        message.set("propertyChanges", changes(before, after));
        messages.add(message);
    }

    synchronized List<ObjectNode> all() {
        return new ArrayList<>(messages);
    }

    private static ArrayNode changes(ObjectNode before, ObjectNode after) {
        ArrayNode changes = Json.array();
        Map<String, JsonNode> old = before == null ? Map.of() : fields(before);
        Map<String, JsonNode> now = after == null ? Map.of() : fields(after);
        java.util.Set<String> names = new java.util.TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            JsonNode o = old.get(name);
            JsonNode n = now.get(name);
            if (o != null && o.equals(n)) {
                continue;
            }
            ObjectNode change = changes.addObject();
            change.put("property", name);
            ArrayNode oldValues = change.putArray("oldValues");
            ArrayNode newValues = change.putArray("newValues");
            if (o != null) {
                oldValues.add(o.isTextual() ? o.asText() : o.toString());
            }
            if (n != null) {
                newValues.add(n.isTextual() ? n.asText() : n.toString());
            }
        }
        return changes;
    }

    private static Map<String, JsonNode> fields(ObjectNode node) {
        Map<String, JsonNode> fields = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!BOOKKEEPING.contains(field.getKey())) {
                fields.put(field.getKey(), field.getValue());
            }
        }
        return fields;
    }
}
