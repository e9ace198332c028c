package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

import java.util.List;
import java.util.Set;

/**
 * Campaigns and their schedules: create (refused when a referenced object does not exist), get, list,
 * version-locked update, the {@code campaignStatus} rules (on→off passes through {@code stopping}; anything but on
 * or stopping→on), start and stop, progress, and {@code /api/v2/outbound/schedules/campaigns/{campaignId}}.
 */
final class CampaignsApi {

    static final Set<String> DIALING_MODES = Set.of("agentless", "preview", "power", "predictive", "progressive",
            "external");
    static final Set<String> STATUSES = Set.of("on", "stopping", "off", "complete", "invalid", "forced_off",
            "forced_stopping");
    private static final Set<String> NEED_ABANDON_RATE = Set.of("progressive", "power", "predictive");
    private static final String BASE = "/api/v2/outbound/campaigns";
    private static final String SCHEDULES = "/api/v2/outbound/schedules/campaigns";

    private final Org org;
    private final SandboxSettings settings;
    private final CrudApi crud;

    CampaignsApi(Org org, SandboxSettings settings) {
        this.org = org;
        this.settings = settings;
        this.crud = new CrudApi(org, org.campaigns, this::validate, this::guardDelete, (c, e) -> settle(e),
                List.of("errors")).deleteReturnsEntity();
    }

    void register(Router router) {
        crud.register(router, "campaignId");
        router.add("POST", BASE + "/{campaignId}/start", call -> requestStatus(call, "on"))
                .add("POST", BASE + "/{campaignId}/stop", call -> requestStatus(call, "off"))
                .add("GET", BASE + "/{campaignId}/progress", this::progress)
                .add("GET", SCHEDULES, this::listSchedules)
                .add("GET", SCHEDULES + "/{campaignId}", this::getSchedule)
                .add("PUT", SCHEDULES + "/{campaignId}", this::putSchedule)
                .add("DELETE", SCHEDULES + "/{campaignId}", this::deleteSchedule)
                .add("PUT", "/sandbox/campaigns/{campaignId}/status", this::forceStatus);
    }

    // ---- validation

    private void validate(ObjectNode body, ObjectNode existing) {
        String where = "Campaign";
        Json.requireText(body, "name", where);
        Org.defaultDivision(body);
        String mode = Json.requireEnum(body, "dialingMode", DIALING_MODES, where);
        Json.requireText(body, "callerName", where);
        Json.requireText(body, "callerAddress", where);
        String requested = Json.optEnum(body, "campaignStatus", STATUSES, where);

        String listId = Json.refId(body, "contactList", where);
        if (listId == null) {
            throw ApiError.badRequest("Field 'contactList' is required in Campaign.");
        }
        ObjectNode list = exists(org.contactLists, listId, "contactList");
        ArrayNode phoneColumns = Json.requireArray(body, "phoneColumns", where);
        if (phoneColumns.isEmpty()) {
            throw ApiError.badRequest("Field 'phoneColumns' must name at least one phone column of the contact list.");
        }
        List<String> listPhones = Org.phoneColumns(list);
        for (int i = 0; i < phoneColumns.size(); i++) {
            String column = Json.requireText(phoneColumns.get(i), "columnName", "phoneColumns[" + i + "]");
            Json.requireText(phoneColumns.get(i), "type", "phoneColumns[" + i + "]");
            if (!listPhones.contains(column)) {
                throw ApiError.badRequest("phoneColumns[" + i + "] names '" + column + "', which is not a phone column"
                        + " of contact list " + listId + " (phone columns: " + String.join(", ", listPhones) + ").");
            }
        }

        boolean agentless = "agentless".equals(mode);
        boolean preview = "preview".equals(mode);
        requireRef(body, "queue", org.queues, !agentless, "all dialing modes except agentless");
        requireRef(body, "script", org.scripts, !agentless, "all dialing modes except agentless");
        requireRef(body, "callAnalysisResponseSet", org.responseSets, !preview, "all dialing modes except preview");
        boolean hasEdgeGroup = requireRef(body, "edgeGroup", org.edgeGroups, false, null);
        boolean hasSite = requireRef(body, "site", org.sites, false, null);
        if (hasEdgeGroup && hasSite) {
            throw ApiError.badRequest("A campaign takes an edgeGroup or a site, not both.");
        }
        if (!preview && !hasEdgeGroup && !hasSite) {
            throw ApiError.badRequest("Field 'edgeGroup' or 'site' is required for dialing mode " + mode + ".");
        }
        Double abandonRate = Json.optNumber(body, "abandonRate", where);
        if (NEED_ABANDON_RATE.contains(mode) && abandonRate == null) {
            throw ApiError.badRequest("Field 'abandonRate' is required for dialing mode " + mode + ".");
        }
        if (abandonRate != null && (abandonRate < 0 || abandonRate > 100)) {
            throw ApiError.badRequest("Field 'abandonRate' is a percentage from 0 to 100, not " + abandonRate + ".");
        }
        Long lines = Json.optLong(body, "outboundLineCount", where);
        if (agentless && lines == null) {
            throw ApiError.badRequest("Field 'outboundLineCount' is required for dialing mode agentless.");
        }
        if (lines != null && lines < 1) {
            throw ApiError.badRequest("Field 'outboundLineCount' must be at least 1.");
        }
        Long priority = Json.optLong(body, "priority", where);
        if (priority != null && (priority < 1 || priority > 5)) {
            throw ApiError.badRequest("Field 'priority' must be 1 to 5 (5 highest), not " + priority + ".");
        }
        for (String id : Json.refIds(body, "ruleSets", where)) {
            exists(org.ruleSets, id, "ruleSets");
        }
        for (String id : Json.refIds(body, "dncLists", where)) {
            exists(org.dncLists, id, "dncLists");
        }
        List<String> filterIds = Json.refIds(body, "contactListFilters", where);
        if (filterIds.size() > 1) {
            throw ApiError.badRequest("Currently a campaign can only have one contact list filter applied; "
                    + filterIds.size() + " were given.");
        }
        for (String id : filterIds) {
            ObjectNode filter = exists(org.filters, id, "contactListFilters");
            if (!listId.equals(filter.path("contactList").path("id").asText())) {
                throw ApiError.badRequest("Contact list filter " + id + " is based on another contact list than the"
                        + " campaign's (" + listId + ").");
            }
        }
        String timeSetId = Json.refId(body, "callableTimeSet", where);
        if (timeSetId != null) {
            exists(org.callableTimeSets, timeSetId, "callableTimeSet");
        }
        checkSorts(body, DialerConfigApi.columns(list));

        if (existing == null) {
            if (requested != null && !Set.of("on", "off").contains(requested)) {
                throw ApiError.badRequest("A new campaign is created off (or on); campaignStatus '" + requested
                        + "' cannot be requested.");
            }
            body.put("campaignStatus", requested == null ? "off" : requested);
            return;
        }
        settle(existing);
        String current = existing.get("campaignStatus").asText();
        if (requested == null) {
            throw ApiError.badRequest("Field 'campaignStatus' is required for updates of campaign "
                    + existing.get("id").asText() + ".");
        }
        if ("on".equals(current) && !listId.equals(existing.path("contactList").path("id").asText())) {
            throw ApiError.badRequest("The contact list of campaign " + existing.get("id").asText()
                    + " cannot be changed while it is on.");
        }
        body.put("campaignStatus", transition(existing, current, requested));
    }

    private boolean requireRef(ObjectNode body, String field, Entities entities, boolean required, String rule) {
        String id = Json.refId(body, field, "Campaign");
        if (id == null) {
            if (required) {
                throw ApiError.badRequest("Field '" + field + "' is required for " + rule + ".");
            }
            return false;
        }
        exists(entities, id, field);
        return true;
    }

    private static ObjectNode exists(Entities entities, String id, String field) {
        ObjectNode found = entities.find(id);
        if (found == null) {
            throw ApiError.badRequest("The " + entities.type + " " + id + " referenced by '" + field
                    + "' does not exist in this org.");
        }
        return found;
    }

    private static void checkSorts(ObjectNode body, List<String> columns) {
        ArrayNode sorts = Json.optArray(body, "contactSorts", "Campaign");
        if (sorts != null && sorts.size() > 4) {
            throw ApiError.badRequest("Field 'contactSorts' may hold at most 4 sorts.");
        }
        List<JsonNode> all = new java.util.ArrayList<>();
        if (sorts != null) {
            sorts.forEach(all::add);
        }
        if (Json.has(body, "contactSort")) {
            all.add(body.get("contactSort"));
        }
        for (JsonNode sort : all) {
            String field = Json.requireText(sort, "fieldName", "contactSorts");
            if (!columns.contains(field)) {
                throw ApiError.badRequest("Sort field '" + field + "' is not a column of the contact list.");
            }
            Json.optEnum(sort, "direction", Set.of("ASC", "DESC"), "contactSorts");
        }
    }

    // ---- status

    /**
     * The status an update leads to. Only {@code on} and {@code off} can be requested: on from anything but on and
     * stopping; off from on, through {@code stopping}. Sending the current status changes nothing.
     */
    private String transition(ObjectNode campaign, String current, String requested) {
        String id = campaign.get("id").asText();
        if (requested.equals(current)) {
            return current;
        }
        switch (requested) {
            case "on" -> {
                if (current.endsWith("stopping")) {
                    throw ApiError.badRequest("Campaign " + id + " is " + current + "; it cannot be turned on until"
                            + " it is off.");
                }
                org.stoppingUntil.remove(id);
                return "on";
            }
            case "off" -> {
                if (!"on".equals(current)) {
                    throw ApiError.badRequest("Campaign " + id + " is " + current + "; campaign status can only go"
                            + " from on to off.");
                }
                if (settings.campaignStoppingMs() == 0) {
                    return "off";
                }
                org.stoppingUntil.put(id, org.clock.millis() + settings.campaignStoppingMs());
                return "stopping";
            }
            default -> throw ApiError.badRequest("Campaign status '" + requested + "' cannot be requested; a"
                    + " campaign is turned on or off (it is " + current + ").");
        }
    }

    /** A campaign that was stopping and has drained is off now. */
    private ObjectNode settle(ObjectNode campaign) {
        String id = campaign.get("id").asText();
        Long until = org.stoppingUntil.get(id);
        if (until != null && "stopping".equals(campaign.path("campaignStatus").asText())
                && org.clock.millis() >= until) {
            campaign.put("campaignStatus", "off");
            org.stoppingUntil.remove(id);
        }
        return campaign;
    }

    private Reply requestStatus(Call call, String requested) {
        synchronized (org) {
            ObjectNode existing = settle(org.campaigns.get(call.param("campaignId")));
            String current = existing.get("campaignStatus").asText();
            ObjectNode body = existing.deepCopy();
            body.put("campaignStatus", transition(existing, current, requested));
            ObjectNode updated = org.campaigns.replace(existing, body);
            org.audit.record(call.clientId, "Update", "Campaign", existing, updated);
        }
        return Reply.status(202);
    }

    /** Sandbox control: sets a status only the service itself reaches (complete, invalid, forced_off…). */
    private Reply forceStatus(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "campaign status");
        String status = Json.requireEnum(body, "campaignStatus", STATUSES, "campaign status");
        synchronized (org) {
            ObjectNode campaign = org.campaigns.get(call.param("campaignId"));
            campaign.put("campaignStatus", status);
            if ("stopping".equals(status)) {
                org.stoppingUntil.put(campaign.get("id").asText(), org.clock.millis() + settings.campaignStoppingMs());
            } else {
                org.stoppingUntil.remove(campaign.get("id").asText());
            }
            return Reply.ok(campaign);
        }
    }

    private void guardDelete(ObjectNode campaign) {
        settle(campaign);
        String status = campaign.get("campaignStatus").asText();
        if ("on".equals(status) || status.endsWith("stopping")) {
            throw ApiError.badRequest("Campaign " + campaign.get("id").asText() + " is " + status
                    + "; turn it off before deleting it.");
        }
        org.schedules.remove(campaign.get("id").asText());
    }

    private Reply progress(Call call) {
        ObjectNode campaign;
        ObjectNode list;
        synchronized (org) {
            campaign = settle(org.campaigns.get(call.param("campaignId")));
            list = org.contactLists.get(campaign.path("contactList").path("id").asText());
        }
        ContactData data = org.contacts.get(list.get("id").asText());
        ObjectNode out = Json.object();
        out.set("campaign", Json.ref(campaign.get("id").asText(), campaign.path("name").asText(),
                campaign.path("selfUri").asText()));
        out.set("contactList", Json.ref(list.get("id").asText(), list.path("name").asText(),
                list.path("selfUri").asText()));
        out.put("numberOfContactsCalled", 0);
        out.put("numberOfContactsMessaged", 0);
        out.put("totalNumberOfContacts", data == null ? 0 : data.size());
        out.put("percentage", 0);
        out.putObject("numberOfContactsSkipped");
        return Reply.ok(out);
    }

    // ---- schedules

    private Reply listSchedules(Call call) {
        synchronized (org) {
            ArrayNode out = Json.array();
            org.schedules.values().forEach(out::add);
            return Reply.ok(out);
        }
    }

    private Reply getSchedule(Call call) {
        String id = call.param("campaignId");
        synchronized (org) {
            ObjectNode schedule = org.schedules.get(id);
            if (schedule == null) {
                throw ApiError.notFound("CampaignSchedule", id);
            }
            return Reply.ok(schedule);
        }
    }

    private Reply putSchedule(Call call) {
        String id = call.param("campaignId");
        ObjectNode body = Json.requireObject(call.json(), "CampaignSchedule").deepCopy();
        String where = "CampaignSchedule";
        synchronized (org) {
            ObjectNode campaign = org.campaigns.get(id);
            String campaignRef = Json.refId(body, "campaign", where);
            if (campaignRef == null) {
                throw ApiError.badRequest("Field 'campaign' is required in CampaignSchedule.");
            }
            if (!campaignRef.equals(id)) {
                throw ApiError.badRequest("The schedule's campaign " + campaignRef + " is not the campaign of the"
                        + " path, " + id + ".");
            }
            String zone = Json.text(body, "timeZone");
            if (zone != null) {
                Json.requireZone(zone, "timeZone");
            }
            ArrayNode intervals = Json.requireArray(body, "intervals", where);
            for (int i = 0; i < intervals.size(); i++) {
                String at = "intervals[" + i + "]";
                java.time.ZoneId in = java.time.ZoneId.of(zone == null ? "UTC" : zone);
                Instant start = instant(Json.requireText(intervals.get(i), "start", at), in, at + ".start");
                Instant end = instant(Json.requireText(intervals.get(i), "end", at), in, at + ".end");
                if (!end.isAfter(start)) {
                    throw ApiError.badRequest("The end of " + at + " must be after its start.");
                }
            }
            ObjectNode existing = org.schedules.get(id);
            CrudApi.READ_ONLY.forEach(body::remove);
            String now = org.campaigns.now();
            body.put("id", id);
            body.set("campaign", Json.ref(id, campaign.path("name").asText(), campaign.path("selfUri").asText()));
            body.put("name", campaign.path("name").asText());
            if (existing == null) {
                body.put("version", 1);
                body.put("dateCreated", now);
            } else {
                org.campaigns.checkVersion(existing, call.json());
                body.put("version", existing.get("version").asLong() + 1);
                body.set("dateCreated", existing.get("dateCreated"));
            }
            body.put("dateModified", now);
            body.put("selfUri", SCHEDULES + "/" + id);
            org.schedules.put(id, body);
            org.audit.record(call.clientId, existing == null ? "Create" : "Update", "CampaignSchedule", existing,
                    body);
            return Reply.ok(body);
        }
    }

    private Reply deleteSchedule(Call call) {
        String id = call.param("campaignId");
        synchronized (org) {
            ObjectNode removed = org.schedules.remove(id);
            if (removed == null) {
                throw ApiError.notFound("CampaignSchedule", id);
            }
            org.audit.record(call.clientId, "Delete", "CampaignSchedule", removed, null);
        }
        return Reply.status(204);
    }

    /**
     * An interval bound: ISO-8601 ("yyyy-MM-ddTHH:mm:ss.SSSZ", SDK {@code ScheduleInterval}) with an offset, or
     * without one: then wall-clock time in the schedule's {@code timeZone} ("Defaults to UTC if empty"), as the
     * Resource Center describes schedule entries. Only start and end are compared; the text is stored as sent.
     */
    private static Instant instant(String value, java.time.ZoneId zone, String where) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            try {
                return java.time.LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiError.invalidValue("Field " + where + " holds '" + value + "'; expected an ISO-8601 date"
                        + " and time, e.g. 2026-12-01T09:00:00.000-05:00.");
            }
        }
    }
}
