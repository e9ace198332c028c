package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The org objects campaigns refer to, seeded from configuration and listed by their real paths (queues, scripts,
 * sites, edge groups, call analysis response sets), and the queue observations that count agents on queue.
 */
final class OrgApi {

    static final Set<String> OBSERVATION_METRICS = Set.of("oActiveUsers", "oAlerting", "oInteracting",
            "oMemberUsers", "oOffQueueUsers", "oOnQueueUsers", "oUserPresences", "oUserRoutingStatuses", "oWaiting");

    private final Org org;

    OrgApi(Org org) {
        this.org = org;
    }

    void register(Router router) {
        readOnly(router, org.queues, "queueId");
        readOnly(router, org.scripts, "scriptId");
        readOnly(router, org.sites, "siteId");
        readOnly(router, org.edgeGroups, "edgeGroupId");
        readOnly(router, org.responseSets, "callAnalysisSetId");
        readOnly(router, org.skills, "skillId");
        router.add("GET", "/api/v2/organizations/me", this::me)
                .add("POST", "/api/v2/analytics/queues/observations/query", this::observations)
                .add("PUT", "/sandbox/queues/{queueId}/agents", this::setAgents);
    }

    private void readOnly(Router router, Entities entities, String idParam) {
        router.add("GET", entities.basePath, call -> {
            synchronized (org) {
                return Reply.ok(entities.listing(call, e -> e));
            }
        }).add("GET", entities.basePath + "/{" + idParam + "}", call -> {
            synchronized (org) {
                return Reply.ok(entities.get(call.param(idParam)));
            }
        });
    }

    /** {@code GET /api/v2/organizations/me}: the emulated org, as the real {@code Organization}. */
    private Reply me(Call call) {
        ObjectNode out = Json.object();
        out.put("id", org.id);
        out.put("name", org.name);
        out.put("defaultLanguage", "en-us");
        out.put("defaultCountryCode", "US");
        out.put("thirdPartyOrgName", org.name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        out.put("domain", "sandbox");
        out.put("version", 1);
        out.put("state", "active");
        out.put("voicemailEnabled", false);
        out.put("productPlatform", "GenesysCloud");
        out.put("selfUri", "/api/v2/organizations/" + org.id);
        return Reply.ok(out);
    }

    /** {@code PUT /sandbox/queues/{queueId}/agents} with {@code {"onQueue": N, "idle": M}}. */
    private Reply setAgents(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "queue agents");
        Long onQueue = Json.optLong(body, "onQueue", "queue agents");
        Long idle = Json.optLong(body, "idle", "queue agents");
        if (onQueue == null || idle == null || onQueue < 0 || idle < 0 || idle > onQueue) {
            throw ApiError.badRequest("Send {\"onQueue\": N, \"idle\": M} with 0 <= M <= N.");
        }
        synchronized (org) {
            String id = call.param("queueId");
            org.queues.get(id);
            Org.Agents agents = org.agents.get(id);
            agents.onQueue = onQueue.intValue();
            agents.idle = idle.intValue();
            ObjectNode out = Json.object();
            out.put("queueId", id);
            out.put("onQueue", agents.onQueue);
            out.put("idle", agents.idle);
            return Reply.ok(out);
        }
    }

    /**
     * {@code POST /api/v2/analytics/queues/observations/query}: one result per queue named by a {@code queueId}
     * predicate; {@code oOnQueueUsers} comes with a qualifier per routing status ({@code IDLE} = available,
     * {@code INTERACTING}), the other user metrics as plain counts.
     */
    private Reply observations(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "QueueObservationQuery");
        String where = "QueueObservationQuery";
        JsonNode filter = body.get("filter");
        if (filter == null || !filter.isObject()) {
            throw ApiError.badRequest("Field 'filter' is required in QueueObservationQuery.");
        }
        Json.requireEnum(filter, "type", Set.of("and", "or"), "filter");
        ArrayNode metrics = Json.requireArray(body, "metrics", where);
        if (metrics.isEmpty()) {
            throw ApiError.badRequest("Field 'metrics' must name at least one metric.");
        }
        List<String> wanted = Json.strings(metrics, "metrics");
        for (String metric : wanted) {
            if (!OBSERVATION_METRICS.contains(metric)) {
                throw ApiError.invalidValue("Invalid value '" + metric + "' in 'metrics'. Allowed values: "
                        + String.join(", ", OBSERVATION_METRICS) + ".");
            }
        }
        Set<String> queueIds = new LinkedHashSet<>();
        collectQueueIds(filter, queueIds, "filter");
        if (queueIds.isEmpty()) {
            throw ApiError.badRequest("The filter must name at least one queue with a queueId dimension predicate.");
        }
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("results");
        synchronized (org) {
            for (String queueId : queueIds) {
                Org.Agents agents = org.agents.get(queueId);
                if (agents == null) {
                    continue;
                }
                ObjectNode result = results.addObject();
                result.putObject("group").put("queueId", queueId);
                ArrayNode data = result.putArray("data");
                for (String metric : wanted) {
                    addMetric(data, metric, agents);
                }
            }
        }
        return Reply.ok(out);
    }

    private static void addMetric(ArrayNode data, String metric, Org.Agents agents) {
        int interacting = agents.onQueue - agents.idle;
        switch (metric) {
            case "oOnQueueUsers", "oUserRoutingStatuses" -> {
                count(data, metric, "IDLE", agents.idle);
                count(data, metric, "INTERACTING", interacting);
            }
            case "oActiveUsers", "oMemberUsers" -> count(data, metric, null, agents.onQueue);
            case "oInteracting" -> count(data, metric, null, interacting);
            case "oUserPresences" -> count(data, metric, "ON_QUEUE", agents.onQueue);
            default -> count(data, metric, null, 0);
        }
    }

    private static void count(ArrayNode data, String metric, String qualifier, int count) {
        ObjectNode entry = data.addObject();
        entry.put("metric", metric);
        if (qualifier != null) {
            entry.put("qualifier", qualifier);
        }
        entry.putObject("stats").put("count", count);
    }

    private static void collectQueueIds(JsonNode node, Set<String> ids, String where) {
        ArrayNode predicates = Json.optArray(node, "predicates", where);
        if (predicates != null) {
            for (JsonNode predicate : predicates) {
                String dimension = Json.optEnum(predicate, "dimension", Set.of("queueId", "mediaType"), where);
                if ("queueId".equals(dimension)) {
                    ids.add(Json.requireText(predicate, "value", where + " predicate"));
                }
            }
        }
        ArrayNode clauses = Json.optArray(node, "clauses", where);
        if (clauses != null) {
            List<JsonNode> nested = new ArrayList<>();
            clauses.forEach(nested::add);
            for (JsonNode clause : nested) {
                collectQueueIds(clause, ids, where + " clause");
            }
        }
    }
}
