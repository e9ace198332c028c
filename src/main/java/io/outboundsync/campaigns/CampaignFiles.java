package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.config.CampaignSchema;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.FieldType;
import io.outboundsync.contacts.checks.PhoneNumbers;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the campaign-as-code sections of {@code config/campaigns/<key>.yaml}: first against the JSON Schema
 * shipped in the jar ({@code schema/campaign.schema.json}), then the checks a schema cannot make (columns of the
 * list and their types, the org objects a dialing mode needs, time zones, dates, times). Every mistake carries its
 * line and key; a file with any stops that campaign only.
 */
public final class CampaignFiles {

    /** The schema, also shipped for editors: {@code $schema} in a campaign file may point at it. */
    public static final String SCHEMA = CampaignSchema.SCHEMA;

    static final Pattern RANGE = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Set<String> NO_QUEUE = Set.of("agentless");
    private static final Set<String> NO_EDGE = Set.of("preview");
    private static final Set<String> NEED_ABANDON_RATE = Set.of("progressive", "power", "predictive");

    private final CampaignLimits limits;
    private final java.time.Clock clock;

    public CampaignFiles(CampaignLimits limits, java.time.Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * The campaign-as-code part of a file whose contact sections the contacts flow already read; null when the file
     * declares no {@code campaign}.
     *
     * @throws CampaignConfigException naming every mistake by line and key
     */
    public CampaignSpec load(CampaignContacts contacts) {
        Path file = contacts.file();
        CampaignProblems problems = new CampaignProblems(file);
        CampaignSchema.Checked checked = CampaignSchema.read(file);
        checked.findings().forEach(problems::add);
        problems.throwIfAny();
        JsonNode root = checked.root();
        JsonNode campaignNode = root.get("campaign");
        if (campaignNode == null) {
            return null;
        }
        ContactListSpec list = contacts.contactList();
        Set<String> numeric = new HashSet<>();
        for (FieldSpec field : contacts.mapping().fields()) {
            if (field.type() == FieldType.NUMBER) {
                numeric.add(field.column());
            }
        }
        CampaignSpec.Definition campaign = definition(campaignNode, list, problems);
        JsonNode upsert = root.path("contacts").path("upsert");
        if (contacts.addFlags().clearSystemData()) {
            problems.warn(upsert.get("clearSystemData"), "contacts.upsert.clearSystemData", "is true: a contact the"
                    + " CRM sends again has its attempts and callable status cleared in Genesys, so one Genesys made"
                    + " uncallable (a wrap-up, a rule) is callable again");
        }
        if (!contacts.addFlags().doNotQueue()) {
            problems.warn(upsert.get("doNotQueue"), "contacts.upsert.doNotQueue", "is false: a contact the CRM"
                    + " sends again is queued again, so one already dialed is dialed again");
        }
        CampaignRulesReader.Columns columns = new CampaignRulesReader.Columns(list.columns(), numeric, problems);
        CampaignSpec.Segments segments = CampaignRulesReader.segments(root.get("segments"), campaign.name(), columns);
        List<CampaignSpec.Rule> rules = CampaignRulesReader.rules(root.get("rules"), columns, problems);
        CampaignSpec.Schedule schedule = CampaignTimesReader.schedule(root.get("schedule"), problems);
        Map<DayOfWeek, List<CampaignSpec.Slot>> window = root.get("callingWindow") == null
                ? defaultWindow() : CampaignTimesReader.week(root.get("callingWindow"), "callingWindow", problems);
        List<CampaignSpec.Transition> transitions = CampaignTimesReader.transitions(root.get("transitions"), problems);
        CampaignSpec spec = new CampaignSpec(contacts.key(), file, list, Set.copyOf(numeric), campaign, segments,
                rules, schedule, window, transitions, List.of());
        // the checks over whole sections: each compiler reports with lines, and a spec with any stops here
        if (segments != null) {
            Segmentation.check(spec, limits, problems);
        }
        RuleBook.check(spec, problems);
        Scheduling.check(spec, clock, problems);
        problems.throwIfAny();
        return new CampaignSpec(spec.key(), file, list, spec.numericColumns(), campaign, spec.segments(), rules,
                schedule, window, transitions, problems.warnings());
    }

    /**
     * The calling hours of a campaign that declares none: {@code campaigns.default-calling-window} every day, so
     * no campaign is ever without them (its callable time set and the activation guard both use them).
     */
    private Map<DayOfWeek, List<CampaignSpec.Slot>> defaultWindow() {
        Map<DayOfWeek, List<CampaignSpec.Slot>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(limits.defaultCallingWindow()));
        }
        return week;
    }

    private CampaignSpec.Definition definition(JsonNode node, ContactListSpec list, CampaignProblems problems) {
        String mode = node.get("dialingMode").asText();
        String name = node.get("name").asText();
        ZoneId zone = zone(node.get("timeZone"), "campaign.timeZone", problems);
        List<String> phones = new ArrayList<>();
        Set<String> listPhones = new HashSet<>();
        list.phoneColumns().forEach(p -> listPhones.add(p.column()));
        if (node.has("phoneColumns")) {
            for (JsonNode phone : node.get("phoneColumns")) {
                if (!listPhones.contains(phone.asText())) {
                    problems.add(phone, "campaign.phoneColumns", "'" + phone.asText() + "' is not a phone column of"
                            + " the contact list", "use one of " + listPhones);
                }
                phones.add(phone.asText());
            }
        } else {
            list.phoneColumns().forEach(p -> phones.add(p.column()));
        }
        require(node, "queue", !NO_QUEUE.contains(mode), mode, problems);
        require(node, "script", !NO_QUEUE.contains(mode), mode, problems);
        require(node, "callAnalysisResponseSet", !NO_EDGE.contains(mode), mode, problems);
        require(node, "abandonRate", NEED_ABANDON_RATE.contains(mode), mode, problems);
        require(node, "maxConcurrentCalls", "agentless".equals(mode), mode, problems);
        if (!NO_EDGE.contains(mode) && !node.has("site") && !node.has("edgeGroup")) {
            problems.add(node, "campaign", "a " + mode + " campaign needs a site or an edge group to place calls",
                    "add site: <site name> (or edgeGroup: <edge group name>)");
        }
        if (node.has("site") && node.has("edgeGroup")) {
            problems.add(node.get("edgeGroup"), "campaign.edgeGroup", "is given with site", "keep one of the two");
        }
        Integer lines = node.has("maxConcurrentCalls") ? node.get("maxConcurrentCalls").asInt() : null;
        if (lines != null && lines > limits.lineCapacity()) {
            problems.add(node.get("maxConcurrentCalls"), "campaign.maxConcurrentCalls", lines + " concurrent calls"
                    + " exceed the org's line capacity of " + limits.lineCapacity(), "lower it to at most " + limits.lineCapacity()
                    + ", or raise campaigns.line-capacity if the org has more lines");
        }
        String caller = node.get("callerAddress").asText();
        if (new PhoneNumbers("US").e164(caller) == null || !caller.startsWith("+")) {
            problems.add(node.get("callerAddress"), "campaign.callerAddress", "'" + caller + "' is not a phone"
                    + " number in international form", "write it as E.164, e.g. +13175550100");
        }
        return new CampaignSpec.Definition(name, mode, text(node, "queue"), text(node, "script"), text(node, "site"),
                text(node, "edgeGroup"), text(node, "callAnalysisResponseSet"), node.get("callerName").asText(),
                caller, List.copyOf(phones), lines,
                node.has("abandonRate") ? node.get("abandonRate").asDouble() : null,
                node.has("priority") ? node.get("priority").asInt() : null, zone,
                node.path("alwaysRunning").asBoolean(true), dncLists(node.get("dncLists")));
    }

    /** {@code campaign.dncLists}: the names, or null when the file leaves them out (types checked by the schema). */
    private static List<String> dncLists(JsonNode names) {
        if (names == null) {
            return null;
        }
        List<String> lists = new ArrayList<>();
        names.forEach(n -> lists.add(n.asText()));
        return List.copyOf(lists);
    }

    private static void require(JsonNode node, String field, boolean needed, String mode, CampaignProblems problems) {
        if (needed && !node.has(field)) {
            problems.add(node, "campaign." + field, "is required for a " + mode + " campaign", "add " + field
                    + ": <name or value>");
        }
    }

    static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    private static ZoneId zone(JsonNode node, String key, CampaignProblems problems) {
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            problems.add(node, key, "'" + node.asText() + "' is not an IANA time zone", "use a name such as"
                    + " America/New_York or Europe/London");
            return ZoneId.of("UTC");
        }
    }
}
