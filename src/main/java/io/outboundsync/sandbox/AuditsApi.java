package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api/v2/audits/query} over the changes made through the emulator: the execution, its status and its
 * results, paged with a cursor.
 */
final class AuditsApi {

    static final Set<String> FILTER_PROPERTIES = Set.of("UserId", "TrusteeOrganizationId", "ClientId", "Action",
            "EntityType", "EntityId");

    private record Execution(ObjectNode status, List<ObjectNode> results) {
    }

    private final Org org;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    AuditsApi(Org org) {
        this.org = org;
    }

    void register(Router router) {
        router.add("POST", "/api/v2/audits/query", this::query)
                .add("GET", "/api/v2/audits/query/{transactionId}", this::status)
                .add("GET", "/api/v2/audits/query/{transactionId}/results", this::results);
    }

    private Reply query(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "AuditQueryRequest");
        String where = "AuditQueryRequest";
        String interval = Json.requireText(body, "interval", where);
        String[] bounds = interval.split("/");
        if (bounds.length != 2) {
            throw ApiError.invalidValue("Field 'interval' must be start/end in ISO-8601, e.g."
                    + " 2026-11-01T00:00:00Z/2026-11-30T00:00:00Z.");
        }
        Instant from = instant(bounds[0]);
        Instant to = instant(bounds[1]);
        String service = Json.requireText(body, "serviceName", where);
        List<JsonNode> filters = new ArrayList<>();
        ArrayNode given = Json.optArray(body, "filters", where);
        if (given != null) {
            for (JsonNode filter : given) {
                Json.requireEnum(filter, "property", FILTER_PROPERTIES, "filters");
                Json.requireText(filter, "value", "filters");
                filters.add(filter);
            }
        }
        boolean descending = false;
        ArrayNode sort = Json.optArray(body, "sort", where);
        if (sort != null) {
            for (JsonNode s : sort) {
                Json.optEnum(s, "name", Set.of("Timestamp"), "sort");
                String order = Json.text(s, "sortOrder");
                if (order != null && !order.equalsIgnoreCase("ascending") && !order.equalsIgnoreCase("descending")) {
                    throw ApiError.invalidValue("Invalid value '" + order + "' for 'sortOrder'. Allowed values:"
                            + " ascending, descending.");
                }
                descending |= "descending".equalsIgnoreCase(order);
            }
        }
        List<ObjectNode> results = new ArrayList<>();
        if ("Outbound".equals(service)) {
            for (ObjectNode message : org.audit.all()) {
                Instant at = Instant.parse(message.get("eventDate").asText());
                if (!at.isBefore(from) && at.isBefore(to) && filters.stream().allMatch(f -> matches(message, f))) {
                    results.add(message);
                }
            }
        }
        Comparator<ObjectNode> byDate = Comparator.comparing(m -> m.get("eventDate").asText());
        results.sort(descending ? byDate.reversed() : byDate);
        ObjectNode status = Json.object();
        String id = UUID.randomUUID().toString();
        status.put("id", id);
        status.put("state", "Succeeded");
        status.put("startDate", Instant.now(org.clock).toString());
        status.put("interval", interval);
        status.put("serviceName", service);
        status.set("filters", given == null ? Json.array() : given);
        if (sort != null) {
            status.set("sort", sort);
        }
        executions.put(id, new Execution(status, results));
        return Reply.ok(status);
    }

    private static boolean matches(ObjectNode message, JsonNode filter) {
        String value = filter.get("value").asText();
        return switch (filter.get("property").asText()) {
            case "ClientId" -> value.equals(message.path("client").path("id").asText());
            case "Action" -> value.equalsIgnoreCase(message.path("action").asText());
            case "EntityType" -> value.equalsIgnoreCase(message.path("entityType").asText());
            case "EntityId" -> value.equals(message.path("entity").path("id").asText());
            default -> false;
        };
    }

    private Execution execution(Call call) {
        Execution execution = executions.get(call.param("transactionId"));
        if (execution == null) {
            throw ApiError.notFound("audit query execution", call.param("transactionId"));
        }
        return execution;
    }

    private Reply status(Call call) {
        return Reply.ok(execution(call).status);
    }

    private Reply results(Call call) {
        Execution execution = execution(call);
        int pageSize = call.queryInt("pageSize", 25, 1, 500);
        int from = 0;
        String cursor = call.query("cursor");
        if (cursor != null) {
            try {
                from = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Query parameter 'cursor' is not a cursor this query returned.");
            }
        }
        ObjectNode out = Json.object();
        out.put("id", call.param("transactionId"));
        out.put("pageSize", pageSize);
        ArrayNode entities = out.putArray("entities");
        int to = Math.min(execution.results.size(), from + pageSize);
        for (int i = from; i < to; i++) {
            entities.add(execution.results.get(i));
        }
        if (to < execution.results.size()) {
            out.put("cursor", String.valueOf(to));
        }
        return Reply.ok(out);
    }

    private static Instant instant(String value) {
        Instant instant = Json.instant(value);
        if (instant == null) {
            throw ApiError.invalidValue("'" + value + "' in 'interval' is not an ISO-8601 date-time, e.g."
                    + " 2026-11-01T00:00:00Z.");
        }
        return instant;
    }
}
