package io.outboundsync.sandbox;

import io.outboundsync.filters.FilterEvaluator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The objects a campaign refers to: contact list filters (with preview), rule sets, callable time sets and DNC
 * lists (with their phone numbers), each with the service's enums and required fields.
 */
final class DialerConfigApi {

    static final Set<String> CONDITION_TYPES = Set.of("wrapupCondition", "systemDispositionCondition",
            "contactAttributeCondition", "phoneNumberCondition", "phoneNumberTypeCondition", "callAnalysisCondition",
            "contactPropertyCondition", "dataActionCondition");
    static final Set<String> CONDITION_OPERATORS = Set.of("EQUALS", "LESS_THAN", "LESS_THAN_EQUALS", "GREATER_THAN",
            "GREATER_THAN_EQUALS", "CONTAINS", "BEGINS_WITH", "ENDS_WITH", "BEFORE", "AFTER", "IN");
    static final Set<String> VALUE_TYPES = Set.of("STRING", "NUMERIC", "DATETIME", "PERIOD");
    static final Set<String> PROPERTY_TYPES = Set.of("LAST_ATTEMPT_BY_COLUMN", "LAST_ATTEMPT_OVERALL",
            "LAST_WRAPUP_BY_COLUMN", "LAST_WRAPUP_OVERALL");
    static final Set<String> RULE_CATEGORIES = Set.of("DIALER_PRECALL", "DIALER_WRAPUP");
    static final Set<String> ACTION_TYPES = Set.of("Action", "modifyContactAttribute", "dataActionBehavior");
    static final Set<String> ACTION_TYPE_NAMES = Set.of("DO_NOT_DIAL", "MODIFY_CONTACT_ATTRIBUTE",
            "SWITCH_TO_PREVIEW", "APPEND_NUMBER_TO_DNC_LIST", "APPEND_CUSTOM_ENTRY_TO_DNC_LIST", "SCHEDULE_CALLBACK",
            "CONTACT_UNCALLABLE", "NUMBER_UNCALLABLE", "SET_CALLER_ID", "SET_SKILLS", "DATA_ACTION");
    static final Set<String> UPDATE_OPTIONS = Set.of("SET", "INCREMENT", "DECREMENT", "CURRENT_TIME");
    static final Set<String> SOURCE_TYPES = Set.of("ContactList", "ContactListTemplate");
    static final Set<String> DNC_SOURCE_TYPES = Set.of("rds", "rds_custom", "dnc.com", "gryphon");
    static final Set<String> CONTACT_METHODS = Set.of("Email", "Phone", "Any");
    private static final int PREVIEW_SIZE = 10;

    private final Org org;

    DialerConfigApi(Org org) {
        this.org = org;
    }

    void register(Router router) {
        router.add("POST", "/api/v2/outbound/contactlistfilters/preview", this::preview);
        new CrudApi(org, org.filters, this::validateFilter, e -> guardReference(org.filters, e, "contactListFilters"), (c, e) -> e, List.of())
                .register(router, "contactListFilterId");
        new CrudApi(org, org.ruleSets, this::validateRuleSet, e -> guardReference(org.ruleSets, e, "ruleSets"), (c, e) -> e,
                List.of()).register(router, "ruleSetId");
        new CrudApi(org, org.callableTimeSets, this::validateCallableTimeSet,
                e -> guardReference(org.callableTimeSets, e, "callableTimeSet"), (c, e) -> e, List.of())
                .register(router, "callableTimeSetId");
        new CrudApi(org, org.dncLists, this::validateDncList, e -> guardReference(org.dncLists, e, "dncLists"), this::dncView,
                List.of("importStatus", "size")).register(router, "dncListId");
        router.add("POST", "/api/v2/outbound/dnclists/{dncListId}/phonenumbers", this::addPhoneNumbers)
                .add("PATCH", "/api/v2/outbound/dnclists/{dncListId}/phonenumbers", this::patchPhoneNumbers)
                .add("DELETE", "/api/v2/outbound/dnclists/{dncListId}/phonenumbers", this::deletePhoneNumbers)
                .add("GET", "/sandbox/dnclists/{dncListId}/phonenumbers", this::listPhoneNumbers);
    }

    // ---- contact list filters

    private ObjectNode filterList(ObjectNode filter, String where) {
        String sourceType = Json.optEnum(filter, "sourceType", SOURCE_TYPES, where);
        if ("ContactListTemplate".equals(sourceType)) {
            throw ApiError.badRequest("The sandbox evaluates filters over contact lists only; sourceType"
                    + " ContactListTemplate is not emulated.");
        }
        String listId = Json.refId(filter, "contactList", where);
        if (listId == null) {
            throw ApiError.badRequest("Field 'contactList' is required in " + where + " when sourceType is"
                    + " ContactList.");
        }
        ObjectNode list = org.contactLists.find(listId);
        if (list == null) {
            throw ApiError.badRequest("Contact list " + listId + " referenced by " + where + " does not exist.");
        }
        return list;
    }

    private void validateFilter(ObjectNode body, ObjectNode existing) {
        Json.requireText(body, "name", "ContactListFilter");
        ObjectNode list = filterList(body, "ContactListFilter");
        FilterEvaluator.compile(body, columns(list), org.clock);
    }

    private Reply preview(Call call) {
        ObjectNode filter = Json.requireObject(call.json(), "ContactListFilter");
        ObjectNode list;
        Predicate<Function<String, String>> test;
        synchronized (org) {
            list = filterList(filter, "ContactListFilter");
            test = FilterEvaluator.compile(filter, columns(list), org.clock);
        }
        String listId = list.get("id").asText();
        ContactData data = org.contacts.get(listId);
        List<ContactData.Contact> contacts = data == null ? List.of() : data.snapshot();
        ObjectNode out = Json.object();
        ArrayNode preview = Json.array();
        long matched = 0;
        for (ContactData.Contact contact : contacts) {
            // the dialer never selects an uncallable contact, so neither does the preview
            if (contact.callable() && test.test(data.lookup(contact))) {
                matched++;
                if (preview.size() < PREVIEW_SIZE) {
                    preview.add(data.view(contact, listId, Org.phoneColumns(list)));
                }
            }
        }
        out.put("filteredContacts", matched);
        out.put("totalContacts", contacts.size());
        out.set("preview", preview);
        return Reply.ok(out);
    }

    // ---- rule sets

    private void validateRuleSet(ObjectNode body, ObjectNode existing) {
        Json.requireText(body, "name", "RuleSet");
        String listId = Json.refId(body, "contactList", "RuleSet");
        if (listId != null && org.contactLists.find(listId) == null) {
            throw ApiError.badRequest("Contact list " + listId + " referenced by the rule set does not exist.");
        }
        String queueId = Json.refId(body, "queue", "RuleSet");
        if (queueId != null && org.queues.find(queueId) == null) {
            throw ApiError.badRequest("Queue " + queueId + " referenced by the rule set does not exist.");
        }
        ArrayNode rules = Json.requireArray(body, "rules", "RuleSet");
        for (int r = 0; r < rules.size(); r++) {
            JsonNode rule = rules.get(r);
            String where = "rules[" + r + "]";
            if (!rule.isObject()) {
                throw ApiError.badRequest(where + " must be a DialerRule object.");
            }
            Json.requireText(rule, "name", where);
            Json.requireEnum(rule, "category", RULE_CATEGORIES, where);
            Long order = Json.optLong(rule, "order", where);
            if (order != null && order < 0) {
                throw ApiError.badRequest("Field 'order' in " + where + " must not be negative.");
            }
            ArrayNode conditions = Json.requireArray(rule, "conditions", where);
            if (conditions.isEmpty()) {
                throw ApiError.badRequest("Field 'conditions' in " + where + " must hold at least one condition.");
            }
            for (int c = 0; c < conditions.size(); c++) {
                validateCondition(conditions.get(c), where + ".conditions[" + c + "]");
            }
            ArrayNode actions = Json.optArray(rule, "actions", where);
            if (actions != null) {
                for (int a = 0; a < actions.size(); a++) {
                    validateAction(actions.get(a), where + ".actions[" + a + "]");
                }
            }
        }
    }

    private static void validateCondition(JsonNode condition, String where) {
        if (!condition.isObject()) {
            throw ApiError.badRequest(where + " must be a Condition object.");
        }
        String type = Json.optEnum(condition, "type", CONDITION_TYPES, where);
        Json.optEnum(condition, "operator", CONDITION_OPERATORS, where);
        Json.optEnum(condition, "valueType", VALUE_TYPES, where);
        Json.optEnum(condition, "propertyType", PROPERTY_TYPES, where);
        Json.optBoolean(condition, "inverted", where);
        if ("contactAttributeCondition".equals(type)) {
            Json.requireText(condition, "attributeName", where);
            Json.requireText(condition, "operator", where);
            Json.requireText(condition, "value", where);
            Json.requireText(condition, "valueType", where);
        } else if ("wrapupCondition".equals(type)) {
            Json.requireArray(condition, "codes", where);
        } else if ("contactPropertyCondition".equals(type)) {
            Json.requireText(condition, "property", where);
            Json.requireText(condition, "propertyType", where);
        } else if ("dataActionCondition".equals(type)) {
            if (Json.refId(condition, "dataAction", where) == null) {
                throw ApiError.badRequest("Field 'dataAction' is required in " + where + ".");
            }
        }
    }

    private void validateAction(JsonNode action, String where) {
        if (!action.isObject()) {
            throw ApiError.badRequest(where + " must be a DialerAction object.");
        }
        Json.requireEnum(action, "type", ACTION_TYPES, where);
        String name = Json.requireEnum(action, "actionTypeName", ACTION_TYPE_NAMES, where);
        String update = Json.optEnum(action, "updateOption", UPDATE_OPTIONS, where);
        JsonNode properties = action.get("properties");
        if (properties != null && !properties.isNull()) {
            if (!properties.isObject()) {
                throw ApiError.badRequest("Field 'properties' in " + where + " must be an object of strings.");
            }
            properties.fields().forEachRemaining(p -> {
                if (!p.getValue().isTextual()) {
                    throw ApiError.badRequest("Property '" + p.getKey() + "' in " + where + " must be a string.");
                }
            });
        }
        switch (name) {
            case "MODIFY_CONTACT_ATTRIBUTE" -> {
                if (update == null) {
                    throw ApiError.badRequest("Field 'updateOption' is required in " + where
                            + " for MODIFY_CONTACT_ATTRIBUTE.");
                }
                if (properties == null || properties.isEmpty()) {
                    throw ApiError.badRequest("Field 'properties' (column to value) is required in " + where
                            + " for MODIFY_CONTACT_ATTRIBUTE.");
                }
            }
            case "SCHEDULE_CALLBACK" -> {
                String offset = properties == null ? null : properties.path("callbackOffset").asText(null);
                if (offset == null || !offset.matches("\\d+")) {
                    throw ApiError.badRequest("Property 'callbackOffset' (minutes) is required in " + where
                            + " for SCHEDULE_CALLBACK.");
                }
            }
            case "SET_CALLER_ID" -> {
                if (properties == null || !properties.has("callerAddress")) {
                    throw ApiError.badRequest("Property 'callerAddress' is required in " + where
                            + " for SET_CALLER_ID.");
                }
            }
            case "SET_SKILLS" -> {
                if (properties == null || !properties.has("skills")) {
                    throw ApiError.badRequest("Property 'skills' is required in " + where + " for SET_SKILLS.");
                }
                checkSkills(properties.get("skills"), where);
            }
            default -> {
            }
        }
    }

    /**
     * {@code SET_SKILLS}' {@code skills}: "an array of skill ids wrapped into a string (Example:
     * {'skills': '['skillIdHere']'})" (SDK, {@code DialerAction.properties}); each id a routing skill of the org.
     */
    private void checkSkills(JsonNode skills, String where) {
        JsonNode ids;
        try {
            ids = skills.isTextual() ? Json.MAPPER.readTree(skills.asText()) : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ids = null;
        }
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw ApiError.badRequest("Property 'skills' of " + where + " must be an array of skill ids wrapped into"
                    + " a string, not " + skills + ".");
        }
        for (JsonNode id : ids) {
            if (!id.isTextual() || org.skills.find(id.asText()) == null) {
                throw ApiError.withParams(400, "invalid.skill", "Skill {skillId} in {where} is not a routing skill"
                        + " of the organization.", java.util.Map.of("skillId", id.toString(), "where", where));
            }
        }
    }

    // ---- callable time sets

    private void validateCallableTimeSet(ObjectNode body, ObjectNode existing) {
        Json.requireText(body, "name", "CallableTimeSet");
        ArrayNode times = Json.requireArray(body, "callableTimes", "CallableTimeSet");
        if (times.isEmpty()) {
            throw ApiError.badRequest("Field 'callableTimes' must hold at least one callable time.");
        }
        for (int t = 0; t < times.size(); t++) {
            JsonNode time = times.get(t);
            String where = "callableTimes[" + t + "]";
            Json.requireZone(Json.requireText(time, "timeZoneId", where), where + ".timeZoneId");
            ArrayNode slots = Json.requireArray(time, "timeSlots", where);
            if (slots.isEmpty()) {
                throw ApiError.badRequest("Field 'timeSlots' in " + where + " must hold at least one slot.");
            }
            for (int s = 0; s < slots.size(); s++) {
                JsonNode slot = slots.get(s);
                String at = where + ".timeSlots[" + s + "]";
                LocalTime start = timeOfDay(Json.requireText(slot, "startTime", at), at + ".startTime");
                LocalTime stop = timeOfDay(Json.requireText(slot, "stopTime", at), at + ".stopTime");
                Long day = Json.optLong(slot, "day", at);
                if (day == null || day < 1 || day > 7) {
                    throw ApiError.badRequest("Field 'day' in " + at + " must be 1 (Monday) to 7 (Sunday).");
                }
                if (!stop.isAfter(start)) {
                    throw ApiError.badRequest("stopTime " + stop + " in " + at + " must be after startTime " + start
                            + ".");
                }
            }
        }
    }

    private static LocalTime timeOfDay(String value, String where) {
        if (!value.matches("\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?")) {
            throw ApiError.invalidValue("Field " + where + " holds '" + value + "'; expected HH:mm:ss.");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidValue("Field " + where + " holds '" + value + "', which is not a time of day.");
        }
    }

    // ---- DNC lists

    private void validateDncList(ObjectNode body, ObjectNode existing) {
        String where = "DncList";
        Json.requireText(body, "name", where);
        Org.defaultDivision(body);
        String source = Json.requireEnum(body, "dncSourceType", DNC_SOURCE_TYPES, where);
        String method = Json.optEnum(body, "contactMethod", CONTACT_METHODS, where);
        switch (source) {
            case "rds" -> {
                if (method == null) {
                    throw ApiError.badRequest("Field 'contactMethod' is required when dncSourceType is rds.");
                }
            }
            case "dnc.com" -> {
                Json.requireText(body, "loginId", where);
                Json.requireArray(body, "dncCodes", where);
            }
            case "gryphon" -> Json.requireText(body, "licenseId", where);
            case "rds_custom" -> Json.requireText(body, "customExclusionColumn", where);
            default -> throw new IllegalStateException(source);
        }
        if (existing != null && !source.equals(existing.path("dncSourceType").asText())) {
            throw ApiError.badRequest("The dncSourceType of a DNC list cannot be changed.");
        }
    }

    private ObjectNode dncView(Call call, ObjectNode list) {
        ObjectNode out = list.deepCopy();
        Set<String> numbers = org.dncNumbers.getOrDefault(list.get("id").asText(), Set.of());
        if (call.queryFlag("includeSize")) {
            out.put("size", numbers.size());
        }
        if (call.queryFlag("includeImportStatus")) {
            ObjectNode status = out.putObject("importStatus");
            status.put("totalRecords", numbers.size());
            status.put("completedRecords", numbers.size());
            status.put("percentComplete", 100);
        }
        return out;
    }

    private Set<String> internalNumbers(String dncListId) {
        ObjectNode list = org.dncLists.get(dncListId);
        if (!"rds".equals(list.path("dncSourceType").asText())) {
            throw ApiError.badRequest("Only Internal DNC lists may be appended to; DNC list " + dncListId
                    + " is of type " + list.path("dncSourceType").asText() + ".");
        }
        return org.dncNumbers.computeIfAbsent(dncListId, k -> new LinkedHashSet<>());
    }

    private Reply addPhoneNumbers(Call call) {
        List<String> numbers = Json.strings(Json.requireArray(call.json(), "array of phone numbers"), "phone numbers");
        synchronized (org) {
            internalNumbers(call.param("dncListId")).addAll(numbers);
        }
        return Reply.status(204);
    }

    private Reply patchPhoneNumbers(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "DncPatchPhoneNumbersRequest");
        String action = Json.requireEnum(body, "action", Set.of("Add", "Remove"), "DncPatchPhoneNumbersRequest");
        List<String> numbers = Json.strings(Json.requireArray(body, "phoneNumbers", "DncPatchPhoneNumbersRequest"),
                "phoneNumbers");
        synchronized (org) {
            Set<String> stored = internalNumbers(call.param("dncListId"));
            if ("Add".equals(action)) {
                stored.addAll(numbers);
            } else {
                numbers.forEach(stored::remove);
            }
        }
        return Reply.status(204);
    }

    /** Sandbox control: the numbers on a DNC list (the real API only tells its size). */
    private Reply listPhoneNumbers(Call call) {
        ObjectNode out = Json.object();
        ArrayNode numbers = out.putArray("phoneNumbers");
        synchronized (org) {
            String id = call.param("dncListId");
            org.dncLists.get(id);
            org.dncNumbers.getOrDefault(id, Set.of()).forEach(numbers::add);
        }
        return Reply.ok(out);
    }

    private Reply deletePhoneNumbers(Call call) {
        boolean expiredOnly = call.queryFlag("expiredOnly");
        synchronized (org) {
            Set<String> stored = internalNumbers(call.param("dncListId"));
            if (!expiredOnly) {
                stored.clear();
            }
        }
        return Reply.status(204);
    }

    // ---- shared

    /** Refuses to delete an object a campaign still refers to through the given field. */
    private void guardReference(Entities entities, ObjectNode entity, String campaignField) {
        String id = entity.get("id").asText();
        for (ObjectNode campaign : org.campaigns.all()) {
            JsonNode ref = campaign.get(campaignField);
            boolean used = ref != null && (ref.isArray()
                    ? containsId(ref, id) : id.equals(ref.path("id").asText()));
            if (used) {
                throw ApiError.badRequest(entities.type + " " + id + " is in use by campaign "
                        + campaign.get("id").asText() + " and cannot be deleted.");
            }
        }
    }

    private static boolean containsId(JsonNode refs, String id) {
        for (JsonNode ref : refs) {
            if (id.equals(ref.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    static List<String> columns(ObjectNode contactList) {
        return Json.strings((ArrayNode) contactList.get("columnNames"), "columnNames");
    }
}
