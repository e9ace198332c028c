package io.outboundsync.campaigns;

import static io.outboundsync.campaigns.SyncSteps.call;
import static io.outboundsync.campaigns.SyncSteps.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.CampaignSync.Action;
import io.outboundsync.campaigns.CampaignSync.Change;
import io.outboundsync.campaigns.CampaignSync.DriftPolicy;
import io.outboundsync.campaigns.CampaignSync.FieldChange;
import io.outboundsync.campaigns.CampaignSync.Kind;
import io.outboundsync.campaigns.CampaignSync.Report;
import io.outboundsync.campaigns.CampaignSync.SegmentSize;
import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.VersionLock;
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
    private final AppliedObjects state;
    private final Ledger ledger;
    private final List<Change> changes = new ArrayList<>();
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
    private final CampaignObject campaignObject;

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
        this.campaignObject = new CampaignObject(spec, write, genesys, this::id);
    }

    Report execute() {
        long started = System.nanoTime();
        SegmentSize size = null;
        Map<String, Long> hits = Map.of();
        try {
            Map<String, String> refs = campaignObject.references();
            contactList();
            entity(Kind.DNC_LIST, spec.contactList().dncList(), spec.contactList().dncListToGenesys());
            if (spec.segments() != null) {
                entity(Kind.FILTER, spec.segments().name(), Segmentation.filter(spec, id(Kind.CONTACT_LIST)));
            }
            if (!spec.rules().isEmpty()) {
                entity(Kind.RULE_SET, spec.objectName("rules"), RuleBook.ruleSet(spec, id(Kind.CONTACT_LIST),
                        campaignObject.skillIds()));
            }
            if (!spec.callingWindow().isEmpty()) {
                entity(Kind.CALLABLE_TIME_SET, spec.objectName("calling hours"), Scheduling.callableTimes(spec));
            }
            List<String> otherDnc = campaignObject.explicitDncLists();
            entity(Kind.CAMPAIGN, spec.campaign().name(), live -> campaignObject.campaign(refs, live, otherDnc),
                    campaignObject::ownDncLists);
            campaignObject.compared();
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
                spec.warnings(), campaignObject.notes(), error, (System.nanoTime() - started) / 1_000_000);
        if (write) {
            announce.accept(report);
        }
        return report;
    }

    private String id(Kind kind) {
        return ids.getOrDefault(kind, CampaignSync.NEW);
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
        Optional<AppliedObjects.Applied> recorded = state.get(spec.key(), kind.label);
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
        Optional<AppliedObjects.Applied> recorded = state.get(spec.key(), Kind.SCHEDULE.label)
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
