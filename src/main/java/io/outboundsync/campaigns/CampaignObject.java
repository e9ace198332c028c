package io.outboundsync.campaigns;

import static io.outboundsync.campaigns.SyncSteps.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.campaigns.CampaignSync.Kind;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.model.Campaign;
import io.outboundsync.genesys.model.DomainEntityRef;
import io.outboundsync.genesys.model.PhoneColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The campaign object of one plan or apply ({@link SyncRun}) as the file and the org say: the org objects it names,
 * resolved by name; its DNC lists, ours added to those attached in Genesys (or the file's list); the routing skills
 * its rules name, by id; and what a plan says about them besides the changes (its notes).
 */
final class CampaignObject {

    private final CampaignSpec spec;
    private final boolean write;
    private final GenesysClient genesys;
    /** The ids of the objects this run made or found so far, by kind. */
    private final Function<Kind, String> ids;
    /** What the plan says besides the changes: settings a reader should see (DNC lists, always running). */
    private final List<String> notes = new ArrayList<>();

    CampaignObject(CampaignSpec spec, boolean write, GenesysClient genesys, Function<Kind, String> ids) {
        this.spec = spec;
        this.write = write;
        this.genesys = genesys;
        this.ids = ids;
    }

    /** The plan's notes: the campaign's DNC lists and whether it always runs, once the campaign was compared. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** The campaign was compared (or applied): the plan says whether it always runs. */
    void compared() {
        notes.add(alwaysRunningNote());
    }

    private String id(Kind kind) {
        return ids.apply(kind);
    }

    /** The org objects named in the file, by id; a name that does not resolve stops the campaign. */
    Map<String, String> references() {
        Map<String, String> refs = new LinkedHashMap<>();
        CampaignSpec.Definition c = spec.campaign();
        resolve(refs, "queue", "/api/v2/routing/queues", c.queue());
        resolve(refs, "script", "/api/v2/scripts", c.script());
        resolve(refs, "site", "/api/v2/telephony/providers/edges/sites", c.site());
        resolve(refs, "edgeGroup", "/api/v2/telephony/providers/edges/edgegroups", c.edgeGroup());
        resolve(refs, "callAnalysisResponseSet", "/api/v2/outbound/callanalysisresponsesets",
                c.callAnalysisResponseSet());
        return refs;
    }

    private void resolve(Map<String, String> refs, String field, String collection, String name) {
        if (name == null) {
            return;
        }
        JsonNode found = call(() -> genesys.findByName(collection, name), "look up " + field + " '" + name + "'");
        if (found == null) {
            throw new SyncSteps.StepFailed("campaign." + field + " '" + name + "' does not exist in the org (looked up"
                    + " by"
                    + " name at " + collection + "); create it in Genesys or correct the name in "
                    + spec.file().getFileName());
        }
        refs.put(field, found.get("id").asText());
    }

    /**
     * The campaign as the file says. Its DNC lists: ours and, when the file lists them ({@code campaign.dncLists}),
     * exactly those; else ours added to every list attached in Genesys (an admin's DNC list is never detached).
     */
    Campaign campaign(Map<String, String> refs, JsonNode live, List<String> otherDnc) {
        CampaignSpec.Definition c = spec.campaign();
        Map<String, String> phoneTypes = new LinkedHashMap<>();
        spec.contactList().phoneColumns().forEach(p -> phoneTypes.put(p.column(), p.type()));
        List<String> dnc = new ArrayList<>();
        if (otherDnc != null) {
            dnc.addAll(otherDnc);
        } else if (live != null) {
            live.path("dncLists").forEach(ref -> dnc.add(ref.path("id").asText()));
        }
        String ours = id(Kind.DNC_LIST);
        if (!dnc.contains(ours)) {
            dnc.add(ours);
        }
        notes.removeIf(n -> n.startsWith("DNC lists"));
        notes.add(dncNote(dnc, ours, otherDnc != null, live));
        return new Campaign(null, c.name(), null, ref(id(Kind.CONTACT_LIST)), ref(refs.get("queue")),
                c.dialingMode(), ref(refs.get("script")), ref(refs.get("edgeGroup")), ref(refs.get("site")), null,
                c.phoneColumns().stream().map(p -> new PhoneColumn(p, phoneTypes.get(p))).toList(),
                c.abandonRate(), dnc.stream().map(this::ref).toList(),
                spec.callingWindow().isEmpty() ? null : ref(id(Kind.CALLABLE_TIME_SET)),
                ref(refs.get("callAnalysisResponseSet")), c.callerName(), c.callerAddress(),
                c.maxConcurrentCalls(), spec.rules().isEmpty() ? null : List.of(ref(id(Kind.RULE_SET))),
                c.alwaysRunning(), c.priority(), spec.segments() == null ? null : List.of(ref(id(Kind.FILTER))),
                null, null, null, null);
    }

    /**
     * The routing skills the rules' {@code setSkills} name, by id ({@code GET /api/v2/routing/skills?name=}); a
     * name the org has no skill of stops the campaign with the skills it has.
     */
    Map<String, String> skillIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : RuleBook.skillNames(spec)) {
            JsonNode found = call(() -> genesys.findByName(SKILLS, name), "look up routing skill '" + name + "'");
            if (found == null) {
                JsonNode some = call(() -> genesys.get(SKILLS, Map.of("pageSize", 100)), "list routing skills");
                List<String> known = new ArrayList<>();
                some.path("entities").forEach(skill -> known.add(skill.path("name").asText()));
                throw new SyncSteps.StepFailed("rules: setSkills names '" + name + "', which is not a routing skill"
                        + " of the org (it has: " + (known.isEmpty() ? "none" : String.join(", ", known))
                        + (some.path("pageCount").asInt(1) > 1 ? ", and more" : "") + "); create it in Genesys or"
                        + " correct the name in " + spec.file().getFileName());
            }
            ids.put(name, found.get("id").asText());
        }
        return ids;
    }

    private static final String SKILLS = "/api/v2/routing/skills";

    /** {@code campaign.dncLists} resolved by name to ids; null when the file leaves them out. */
    List<String> explicitDncLists() {
        List<String> names = spec.campaign().dncLists();
        if (names == null) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            JsonNode found = call(() -> genesys.findByName(Kind.DNC_LIST.path, name), "look up DNC list '" + name
                    + "'");
            if (found == null) {
                throw new SyncSteps.StepFailed("campaign.dncLists names '" + name + "', which is not a DNC list of"
                        + " the org (looked up by name at " + Kind.DNC_LIST.path + "); create it in Genesys or"
                        + " correct the name in " + spec.file().getFileName());
            }
            ids.add(found.get("id").asText());
        }
        return ids;
    }

    /** The plan's line on the campaign's DNC lists, by name (the others looked up in a plan only). */
    private String dncNote(List<String> dnc, String ours, boolean explicit, JsonNode live) {
        List<String> others = new ArrayList<>();
        for (String id : dnc) {
            if (!id.equals(ours)) {
                others.add(write ? id : dncName(id));
            }
        }
        List<String> detached = new ArrayList<>();
        if (live != null) {
            live.path("dncLists").forEach(ref -> {
                String id = ref.path("id").asText();
                if (!dnc.contains(id)) {
                    detached.add(write ? id : dncName(id));
                }
            });
        }
        return "DNC lists: " + spec.contactList().dncList() + " (ours)"
                + (others.isEmpty() ? "" : explicit ? ", " + String.join(", ", others) + " (campaign.dncLists)"
                        : ", " + String.join(", ", others) + " (attached in Genesys, kept)")
                + (detached.isEmpty() ? "" : "; detached as campaign.dncLists says: " + String.join(", ", detached));
    }

    private String dncName(String id) {
        try {
            JsonNode list = genesys.getOrNull(Kind.DNC_LIST.path + "/" + id);
            return list == null ? id + " (no longer in Genesys)" : list.path("name").asText(id);
        } catch (GenesysApiException e) {
            return id;
        }
    }

    private String alwaysRunningNote() {
        return spec.campaign().alwaysRunning()
                ? "always running: yes (it keeps running when its list is dialed through, so contacts synced later"
                        + " are dialed; campaign.alwaysRunning)"
                : "always running: no (Genesys completes it when its list is dialed through; contacts synced later"
                        + " wait until it is started again; campaign.alwaysRunning)";
    }

    private DomainEntityRef ref(String id) {
        return id == null ? null : new DomainEntityRef(id, null, null);
    }

    /**
     * The campaign's managed fields as far as drift goes: of the DNC lists, only whether ours is attached. Lists
     * someone else attached are theirs (kept), or, with {@code campaign.dncLists}, detached at the next apply as the
     * file says (a plan shows it): neither is drift. Ours detached outside is.
     */
    ObjectNode ownDncLists(ObjectNode managed) {
        if (managed.has("dncLists")) {
            String ours = id(Kind.DNC_LIST);
            JsonNode attached = managed.get("dncLists");
            com.fasterxml.jackson.databind.node.ArrayNode kept = managed.putArray("dncLists");
            for (JsonNode ref : attached) {
                if (ours.equals(ref.path("id").asText())) {
                    kept.add(ref);
                }
            }
        }
        return managed;
    }

}
