package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated org: every stored object. Configuration changes are serialised on this object (they are few and
 * small); contacts live in per-list {@link ContactData} with their own lock, so bulk uploads run in parallel.
 */
final class Org {

    /** An org object's agents: members of the queue, those on queue, and those idle (available). */
    static final class Agents {
        int onQueue;
        int idle;

        Agents(int onQueue, int idle) {
            this.onQueue = onQueue;
            this.idle = idle;
        }
    }

    /** A contact list's import as the emulator models it: running until a time, or failed with a reason. */
    record Import(long totalRecords, long startedAt, long endsAt, String failureReason) {
    }

    final Clock clock;
    final AuditTrail audit;
    /** The org's id and name, as {@code GET /api/v2/organizations/me} gives them. */
    final String id;
    final String name;

    final Entities contactLists;
    final Entities filters;
    final Entities ruleSets;
    final Entities callableTimeSets;
    final Entities dncLists;
    final Entities campaigns;
    final Map<String, ObjectNode> schedules = new LinkedHashMap<>();

    final Entities queues;
    final Entities scripts;
    final Entities sites;
    final Entities edgeGroups;
    final Entities responseSets;
    final Entities skills;
    final Map<String, Agents> agents = new HashMap<>();

    final Map<String, ContactData> contacts = new ConcurrentHashMap<>();
    final Map<String, Set<String>> dncNumbers = new HashMap<>();
    final Map<String, Import> imports = new ConcurrentHashMap<>();
    /** When a campaign that is {@code stopping} becomes {@code off}, by campaign id. */
    final Map<String, Long> stoppingUntil = new HashMap<>();

    Org(SandboxSettings.OrgSeed seed, Clock clock) {
        this.clock = clock;
        this.audit = new AuditTrail(clock);
        this.id = seed.id();
        this.name = seed.name();
        contactLists = new Entities("ContactList", "/api/v2/outbound/contactlists", clock);
        filters = new Entities("ContactListFilter", "/api/v2/outbound/contactlistfilters", clock);
        ruleSets = new Entities("RuleSet", "/api/v2/outbound/rulesets", clock);
        callableTimeSets = new Entities("CallableTimeSet", "/api/v2/outbound/callabletimesets", clock);
        dncLists = new Entities("DncList", "/api/v2/outbound/dnclists", clock);
        campaigns = new Entities("Campaign", "/api/v2/outbound/campaigns", clock);
        queues = new Entities("Queue", "/api/v2/routing/queues", clock);
        scripts = new Entities("Script", "/api/v2/scripts", clock);
        sites = new Entities("Site", "/api/v2/telephony/providers/edges/sites", clock);
        edgeGroups = new Entities("EdgeGroup", "/api/v2/telephony/providers/edges/edgegroups", clock);
        responseSets = new Entities("ResponseSet", "/api/v2/outbound/callanalysisresponsesets", clock);
        skills = new Entities("RoutingSkill", "/api/v2/routing/skills", clock);
        seed(seed);
    }

    /** The seeded objects carry the fields their real models have (a queue has no version, a script no division). */
    private void seed(SandboxSettings.OrgSeed seed) {
        for (SandboxSettings.QueueSeed queue : seed.queues()) {
            ObjectNode node = named(queue.name());
            node.set("division", homeDivision());
            node.put("memberCount", queue.onQueue());
            String id = stableId("queue", queue.name());
            queues.seed(id, node);
            agents.put(id, new Agents(queue.onQueue(), queue.idle()));
        }
        seed.scripts().forEach(name -> scripts.seed(stableId("script", name), named(name)));
        for (String name : seed.sites()) {
            ObjectNode node = versioned(named(name));
            node.put("state", "active");
            sites.seed(stableId("site", name), node);
        }
        for (String name : seed.edgeGroups()) {
            ObjectNode node = versioned(named(name));
            node.put("state", "active");
            edgeGroups.seed(stableId("edgegroup", name), node);
        }
        for (String name : seed.callAnalysisResponseSets()) {
            ObjectNode node = versioned(named(name));
            node.putObject("responses");
            node.put("beepDetectionEnabled", false);
            responseSets.seed(stableId("responseset", name), node);
        }
        for (String name : seed.skills()) {
            ObjectNode node = named(name);
            node.put("state", "active");
            skills.seed(stableId("skill", name), node);
        }
    }

    /** Ids of seeded org objects stay the same from run to run, so configuration can name them. */
    static String stableId(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static ObjectNode homeDivision() {
        return Json.ref(stableId("division", "Home"), "Home", "/api/v2/authorization/divisions/"
                + stableId("division", "Home"));
    }

    /** Objects that live in a division are put in the home division unless the request names one. */
    static void defaultDivision(ObjectNode body) {
        if (!Json.has(body, "division")) {
            body.set("division", homeDivision());
        }
    }

    private static ObjectNode named(String name) {
        ObjectNode node = Json.object();
        node.put("name", name);
        return node;
    }

    private static ObjectNode versioned(ObjectNode node) {
        node.put("version", 1);
        return node;
    }

    static List<String> phoneColumns(ObjectNode contactList) {
        List<String> names = new java.util.ArrayList<>();
        contactList.path("phoneColumns").forEach(c -> names.add(c.path("columnName").asText()));
        return names;
    }
}
