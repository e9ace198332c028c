package io.outboundsync.campaigns;

import static io.outboundsync.campaigns.SyncSteps.call;
import static io.outboundsync.campaigns.SyncSteps.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.campaigns.CampaignSync.Action;
import io.outboundsync.campaigns.CampaignSync.Change;
import io.outboundsync.campaigns.CampaignSync.DriftPolicy;
import io.outboundsync.campaigns.CampaignSync.FieldChange;
import io.outboundsync.campaigns.CampaignSync.Kind;
import io.outboundsync.campaigns.CampaignSync.Report;
import io.outboundsync.campaigns.CampaignSync.SegmentSize;
import io.outboundsync.contacts.ContactListResolver;
import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.Ledger;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.genesys.model.Campaign;
import io.outboundsync.genesys.model.DomainEntityRef;
import io.outboundsync.genesys.model.PhoneColumn;
import io.outboundsync.notify.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One plan or apply of one campaign ({@link CampaignSync}): the objects in dependency order, the report. */
final class SyncRun {

    private final CampaignSpec spec;
    private final boolean write;
    private final String trigger;
    /** The org's applied objects, and its ledger (null when a running process holds it). */
    private final CampaignState state;
    private final Ledger ledger;
    private final List<Change> changes = new ArrayList<>();
    /** What the plan says besides the changes: settings a reader should see (DNC lists, always running). */
    private final List<String> notes = new ArrayList<>();
    private final Map<Kind, String> ids = new LinkedHashMap<>();
    private String error;
    private final GenesysClient genesys;
    private final ContactListResolver lists;
    private final VersionLock lock;
    private final DriftPolicy drift;
    private final java.util.function.Consumer<Report> announce;
    private final AuditLog audit;
    private final Clock clock;
    private final SyncSteps steps;

    SyncRun(CampaignSync sync, CampaignSpec spec, boolean write, String trigger) {
        this.spec = spec;
        this.write = write;
        this.trigger = trigger;
        this.state = sync.states.get();
        this.ledger = sync.ledgers.get();
        this.genesys = sync.genesys;
        this.lists = sync.lists;
        this.lock = sync.lock;
        this.drift = sync.drift;
        this.announce = report -> sync.announce(spec, trigger, report);
        this.audit = sync.audit;
        this.clock = sync.clock;
        this.steps = new SyncSteps(spec, write, trigger, state, drift, audit, changes, ids);
    }

    Report execute() {
        long started = System.nanoTime();
        SegmentSize size = null;
        Map<String, Long> hits = Map.of();
        try {
            Map<String, String> refs = references();
            contactList();
            entity(Kind.DNC_LIST, spec.contactList().dncList(), spec.contactList().dncListToGenesys());
            if (spec.segments() != null) {
                entity(Kind.FILTER, spec.segments().name(), Segmentation.filter(spec, id(Kind.CONTACT_LIST)));
            }
            if (!spec.rules().isEmpty()) {
                entity(Kind.RULE_SET, spec.objectName("rules"), RuleBook.ruleSet(spec, id(Kind.CONTACT_LIST),
                        skillIds()));
            }
            if (!spec.callingWindow().isEmpty()) {
                entity(Kind.CALLABLE_TIME_SET, spec.objectName("calling hours"), Scheduling.callableTimes(spec));
            }
            List<String> otherDnc = explicitDncLists();
            entity(Kind.CAMPAIGN, spec.campaign().name(), live -> campaign(refs, live, otherDnc),
                    this::ownDncLists);
            notes.add(alwaysRunningNote());
            if (spec.schedule() != null) {
                schedule();
            }
            if (!write) {
                size = segmentSize();
                hits = ruleHits();
            } else if (changed(Kind.FILTER)) {
                // an apply counts nothing locally (only a plan shows those counts, and on a big list a scan of the
                // ledger is most of a sync); the CDP hears the service's count when the segment changed
                size = SegmentPreview.serviceSize(spec, id(Kind.CONTACT_LIST), genesys);
            }
        } catch (SyncSteps.StepFailed e) {
            error = e.getMessage();
        }
        Report report = new Report(spec.key(), spec.file().toString(), List.copyOf(changes), size, hits,
                spec.warnings(), List.copyOf(notes), error, (System.nanoTime() - started) / 1_000_000);
        if (write) {
            announce.accept(report);
        }
        return report;
    }

    private String id(Kind kind) {
        return ids.getOrDefault(kind, CampaignSync.NEW);
    }

    /** The org objects named in the file, by id; a name that does not resolve stops the campaign. */
    private Map<String, String> references() {
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
     * The contact list: found by the id recorded for it (renamed outside: drift of its name), else by name
     * (adopted), else created. Its columns cannot change, so only its name is ever updated.
     */
    private void contactList() {
        String label = Kind.CONTACT_LIST.label;
        String name = spec.contactList().name();
        ContactListResolver.Found found;
        try {
            found = lists.find(spec.contactList());
            if (found == null) {
                String full = lists.noRoomForAnotherList();
                if (full != null) {
                    throw new SyncSteps.StepFailed("contactList '" + name + "' cannot be created: " + full);
                }
                long started = System.nanoTime();
                String id = write ? lists.resolve(spec.contactList()) : null;
                if (id != null) {
                    ids.put(Kind.CONTACT_LIST, id);
                }
                changes.add(new Change(label, name, id, Action.CREATE, List.of("columnNames", "phoneColumns"),
                        null, null, write ? Boolean.TRUE : null, List.of(),
                        write ? (System.nanoTime() - started) / 1_000_000 : null));
                return;
            }
            ids.put(Kind.CONTACT_LIST, found.id());
            if (!found.recorded()) {
                // an org's list of that name, not made by us: its columns match (checked), so it is taken over
                if (write) {
                    lists.resolve(spec.contactList());
                }
                changes.add(new Change(label, name, found.id(), Action.ADOPT, List.of(), version(found.live()),
                        null, write ? Boolean.TRUE : null, List.of()));
                return;
            }
        } catch (DropException e) {
            throw new SyncSteps.StepFailed(e.getMessage());
        } catch (GenesysApiException e) {
            throw new SyncSteps.StepFailed("the contact list could not be read or created: " + e.getMessage());
        }
        if (found.liveName().equals(name)) {
            changes.add(new Change(label, name, found.id(), Action.UNCHANGED, List.of(), version(found.live()),
                    null, null, List.of()));
            return;
        }
        List<FieldChange> renamed = List.of(new FieldChange("name", ManagedFields.shorten(
                found.live().get("name")), ManagedFields.shorten(ManagedFields.JSON.getNodeFactory()
                .textNode(name))));
        if (write) {
            steps.drift(Kind.CONTACT_LIST, name, found.id(), List.of("name"), renamed, version(found.live()), null);
        }
        if (!write || drift == DriftPolicy.REPORT) {
            changes.add(new Change(label, name, found.id(), Action.DRIFTED, List.of("name"),
                    version(found.live()), null, write ? Boolean.FALSE : null, renamed));
            return;
        }
        String path = Kind.CONTACT_LIST.path + "/" + found.id();
        long started = System.nanoTime();
        ObjectNode stored = call(() -> lock.update("contactList '" + name + "'", () -> (ObjectNode) genesys.get(
                path), current -> current.put("name", name), changed -> (ObjectNode) genesys.put(path, changed)),
                "rename contactList '" + found.liveName() + "'");
        changes.add(new Change(label, name, found.id(), Action.DRIFTED, List.of("name"), version(found.live()),
                version(stored), Boolean.TRUE, renamed, (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * The campaign as the file says. Its DNC lists: ours and, when the file lists them ({@code campaign.dncLists}),
     * exactly those; else ours added to every list attached in Genesys (an admin's DNC list is never detached).
     */
    private Campaign campaign(Map<String, String> refs, JsonNode live, List<String> otherDnc) {
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
    private Map<String, String> skillIds() {
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
    private List<String> explicitDncLists() {
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
     * A named object: found by the id recorded when we made or adopted it (so a rename outside is drift, and a
     * deletion outside is reported), or, the first time, by name (then adopted, never silently); compared;
     * and created or updated (version-locked) when writing.
     */
    private void entity(Kind kind, String name, Object desiredObject) {
        entity(kind, name, live -> desiredObject, java.util.function.UnaryOperator.identity());
    }

    /**
     * {@link #entity(Kind, String, Object)} for an object whose desired state depends on what Genesys holds (the
     * campaign's DNC lists: ours added to the others): computed from the live object, and again from the current
     * one inside the version-locked update.
     */
    private void entity(Kind kind, String name, java.util.function.Function<JsonNode, Object> desiredOf,
            java.util.function.UnaryOperator<ObjectNode> owned) {
        Optional<CampaignState.Applied> recorded = state.get(spec.key(), kind.label);
        JsonNode live = null;
        boolean adopt = false;
        if (recorded.isPresent()) {
            String recordedId = recorded.get().objectId();
            live = call(() -> genesys.getOrNull(kind.path + "/" + recordedId), "read " + kind.label + " "
                    + recordedId);
        } else {
            live = call(() -> genesys.findByName(kind.path, name), "read " + kind.label + " '" + name + "'");
            if (live != null) {
                // listings may abbreviate; read the whole object
                String liveId = live.get("id").asText();
                live = call(() -> genesys.get(kind.path + "/" + liveId), "read " + kind.label + " " + liveId);
                adopt = !madeByUs(kind, name, liveId);
            }
        }
        Object desiredObject = desiredOf.apply(live);
        ObjectNode desired = ManagedFields.desired(desiredObject);
        steps.step(kind, name, desired, live, recorded, adopt, () -> {
            ObjectNode body = ManagedFields.JSON.valueToTree(desiredObject);
            if (kind == Kind.CAMPAIGN) {
                body.put("campaignStatus", "off");
            }
            // a create whose answer was lost is looked up by name before it is posted again
            return (ObjectNode) genesys.create(kind.path, name, body);
        }, liveId -> lock.update(kind.label + " '" + name + "'", () -> (ObjectNode) genesys.get(kind.path + "/"
                + liveId), current -> {
                    Object now = desiredOf.apply(current);
                    return steps.merge(current, ManagedFields.desired(now), now);
                }, changed -> (ObjectNode) genesys.put(kind.path + "/" + liveId, changed)), owned);
    }

    /**
     * The campaign's managed fields as far as drift goes: of the DNC lists, only whether ours is attached. Lists
     * someone else attached are theirs (kept), or, with {@code campaign.dncLists}, detached at the next apply as the
     * file says (a plan shows it): neither is drift. Ours detached outside is.
     */
    private ObjectNode ownDncLists(ObjectNode managed) {
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

    /**
     * Whether an object found by name is one we made without recording it here: the DNC list the contacts
     * flow made (its id is in the ledger), or any object when this state cannot tell (a plan beside a running
     * process uses a detached state, and must not call everything an adoption).
     */
    private boolean madeByUs(Kind kind, String name, String id) {
        return state.isDetached() || (ledger != null && id.equals(ledger.objectId(kind.label, name)));
    }

    /** The campaign schedule: one per campaign, at the campaign's id. */
    private void schedule() {
        String campaignId = ids.get(Kind.CAMPAIGN);
        Object desiredObject = Scheduling.schedule(spec, campaignId == null ? CampaignSync.NEW : campaignId);
        ObjectNode desired = ManagedFields.desired(desiredObject);
        JsonNode live = null;
        if (campaignId != null) {
            try {
                live = Scheduling.canonical(genesys.get(Kind.SCHEDULE.path + "/" + campaignId));
            } catch (GenesysApiException e) {
                if (e.status() != 404) {
                    throw new SyncSteps.StepFailed("the schedule could not be read: " + e.getMessage());
                }
            }
        }
        String path = Kind.SCHEDULE.path + "/" + campaignId;
        Optional<CampaignState.Applied> recorded = state.get(spec.key(), Kind.SCHEDULE.label)
                .filter(r -> r.objectId().equals(campaignId));
        steps.step(Kind.SCHEDULE, spec.campaign().name(), desired, live, recorded, false,
                () -> (ObjectNode) genesys.put(path, ManagedFields.JSON.valueToTree(desiredObject)),
                liveId -> lock.update("the schedule of campaign " + campaignId, () -> (ObjectNode) genesys.get(path),
                        current -> steps.merge(current, desired, desiredObject),
                        changed -> (ObjectNode) genesys.put(path, changed)));
    }

    /** Whether this apply changed an object of the kind. */
    private boolean changed(Kind kind) {
        return changes.stream().anyMatch(c -> c.kind().equals(kind.label) && Boolean.TRUE.equals(c.applied()));
    }

    private SegmentSize segmentSize() {
        return SegmentPreview.size(spec, ids.get(Kind.CONTACT_LIST), ledger, genesys, clock);
    }

    private Map<String, Long> ruleHits() {
        return SegmentPreview.ruleHits(spec, ids.get(Kind.CONTACT_LIST), ledger);
    }

}
