package io.outboundsync.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.Scheduling;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.model.QueueObservationQuery;
import io.outboundsync.genesys.model.QueueObservationQueryFilter;
import io.outboundsync.genesys.model.QueueObservationQueryPredicate;
import io.outboundsync.state.CampaignStates.Guard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an activation must pass, each verdict with its numbers: idle agents on the campaign's queue (the queue
 * observations' {@code oOnQueueUsers} IDLE count), the calling window now in the campaign's zone, and a contact list
 * that is filled and not importing.
 */
final class ActivationGuards {

    private final GenesysClient genesys;
    private final Clock clock;
    private final int minIdleAgents;

    /** @param minIdleAgents idle agents the queue needs ({@code state.guards.min-idle-agents}) */
    ActivationGuards(GenesysClient genesys, Clock clock, int minIdleAgents) {
        this.genesys = genesys;
        this.clock = clock;
        this.minIdleAgents = minIdleAgents;
    }

    /** The activation guards, each with its numbers. */
    List<Guard> check(CampaignSpec spec, JsonNode live) {
        List<Guard> guards = new ArrayList<>();
        guards.add(agentsGuard(spec));
        guards.add(windowGuard(spec));
        guards.add(listGuard(live));
        return guards;
    }

    private Guard agentsGuard(CampaignSpec spec) {
        String queue = spec.campaign().queue();
        if (queue == null) {
            return new Guard("agents", true, "an agentless campaign needs no agents");
        }
        JsonNode found = genesys.findByName("/api/v2/routing/queues", queue);
        if (found == null) {
            return new Guard("agents", false, "queue '" + queue + "' does not exist");
        }
        JsonNode answer = genesys.post("/api/v2/analytics/queues/observations/query", new QueueObservationQuery(
                new QueueObservationQueryFilter("or", List.of(new QueueObservationQueryPredicate("dimension",
                        "queueId", "matches", found.get("id").asText()))), List.of("oOnQueueUsers")));
        long idle = 0;
        for (JsonNode result : answer.path("results")) {
            for (JsonNode data : result.path("data")) {
                if ("oOnQueueUsers".equals(data.path("metric").asText())
                        && "IDLE".equals(data.path("qualifier").asText())) {
                    idle += data.path("stats").path("count").asLong();
                }
            }
        }
        return new Guard("agents", idle >= minIdleAgents, idle + " idle agent(s) on queue '" + queue
                + "', at least " + minIdleAgents + " needed");
    }

    private Guard windowGuard(CampaignSpec spec) {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(spec.campaign().timeZone());
        String hours = spec.callingWindow().getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .map(CampaignSpec.Slot::text).toList().toString();
        return new Guard("callingWindow", Scheduling.inCallingWindow(spec, now), "now is "
                + DateTimeFormatter.ofPattern("EEEE HH:mm").format(local) + " in " + spec.campaign().timeZone()
                + "; calling hours that day " + hours + (spec.defaultCallingWindow()
                        ? " (the default, campaigns.default-calling-window: the file declares no callingWindow)"
                        : ""));
    }

    private Guard listGuard(JsonNode live) {
        String listId = live.path("contactList").path("id").asText();
        JsonNode list = genesys.get("/api/v2/outbound/contactlists/" + listId, Map.of("includeImportStatus", true,
                "includeSize", true));
        long size = list.path("size").asLong();
        String importState = list.path("importStatus").path("state").asText("");
        boolean importing = "IN_PROGRESS".equals(importState) || "FAILED".equals(importState);
        String detail = size + " contact(s) in list '" + list.path("name").asText() + "'"
                + (importState.isEmpty() ? "" : ", import " + importState
                        + ("FAILED".equals(importState) ? ": " + list.path("importStatus").path("failureReason")
                                .asText() : " (" + list.path("importStatus").path("percentComplete").asInt() + "%)"));
        return new Guard("contactList", size > 0 && !importing, detail);
    }
}
