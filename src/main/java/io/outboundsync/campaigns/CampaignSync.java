package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.outboundsync.notify.Notifier;
import io.outboundsync.support.Details;
import io.outboundsync.sandbox.FilterEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the org match a campaign file. {@link #plan} reads the live objects and computes, per object, create /
 * update (with the changed fields) / unchanged / drifted (our managed fields were changed outside this project
 * since our last apply); {@link #apply} then writes them in dependency order — contact list, DNC list, filter, rule
 * set, callable time set, campaign, schedule — each update version-locked, and stops the campaign's remaining steps at
 * the first failure. Nothing is ever deleted. Drift is overwritten only with {@code campaigns.drift=correct}.
 */
public final class CampaignSync {

    /** The objects of a campaign, in the order they are applied. */
    public enum Kind {
        CONTACT_LIST("contactList", "/api/v2/outbound/contactlists"),
        DNC_LIST("dncList", "/api/v2/outbound/dnclists"),
        FILTER("contactListFilter", "/api/v2/outbound/contactlistfilters"),
        RULE_SET("ruleSet", "/api/v2/outbound/rulesets"),
        CALLABLE_TIME_SET("callableTimeSet", "/api/v2/outbound/callabletimesets"),
        CAMPAIGN("campaign", "/api/v2/outbound/campaigns"),
        SCHEDULE("schedule", "/api/v2/outbound/schedules/campaigns");

        public final String label;
        final String path;

        Kind(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    /**
     * What a plan does with an object. ADOPT: the org has an object of that name that Outbound Sync did not make
     * (first contact with the org); applying takes it over, with the differing fields set as the file says.
     * DELETED: an object Outbound Sync made was deleted outside it; reported, and re-created under
     * {@code campaigns.drift=correct}.
     */
    public enum Action { CREATE, ADOPT, UPDATE, UNCHANGED, DRIFTED, DELETED }

    /** A field that differs: its value in Genesys and in the file, as compact JSON, long values shortened. */
    public record FieldChange(String field, String from, String to) {
    }

    /** What to do with drift: report it and leave it, or overwrite it with the file. */
    public enum DriftPolicy { REPORT, CORRECT }

    /** One object's change; {@code values}: the differing fields' values; {@code applied} is set by an apply. */
    public record Change(String kind, String name, String id, Action action, List<String> fields,
            Integer liveVersion, Integer newVersion, Boolean applied, List<FieldChange> values) {
        public boolean pending() {
            return action != Action.UNCHANGED;
        }
    }

    /** The segment's size: evaluated locally over the rows the ledger last synced, and by the service. */
    public record SegmentSize(Long local, Long localOf, Long preview, Long previewOf, String note) {
    }

    /** A campaign's plan, or what an apply did ({@code error}: why it stopped). */
    public record Report(String campaign, String file, List<Change> changes, SegmentSize segmentSize,
            Map<String, Long> ruleHits, List<String> warnings, String error) {
        public boolean pending() {
            return changes.stream().anyMatch(Change::pending);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSync.class);
    private static final String NEW = "(new)";

    private final GenesysClient genesys;
    private final ContactListResolver lists;
    private final java.util.function.Supplier<CampaignState> states;
    private final java.util.function.Supplier<Ledger> ledgers;
    private final VersionLock lock;
    private final DriftPolicy drift;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param ledger the contacts ledger for local segment counts and rule previews; null when not available (a
     *               {@code plan} beside a running process)
     */
    public CampaignSync(GenesysClient genesys, java.util.function.Supplier<CampaignState> states,
            java.util.function.Supplier<Ledger> ledgers, VersionLock lock,
            DriftPolicy drift, Notifier notifier, AuditLog audit, Clock clock) {
        this.genesys = genesys;
        this.lists = new ContactListResolver(genesys, ledgers);
        this.states = states;
        this.ledgers = ledgers;
        this.lock = lock;
        this.drift = drift;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
    }

    /** Reads the org and says what an apply would change; changes nothing. */
    public Report plan(CampaignSpec spec) {
        return new Run(spec, false, "plan").execute();
    }

    /** Applies the plan; stops at the first failing step and reports what was and was not applied. */
    public Report apply(CampaignSpec spec, String trigger) {
        return new Run(spec, true, trigger).execute();
    }

    /** One plan or apply of one campaign. */
    private final class Run {
        private final CampaignSpec spec;
        private final boolean write;
        private final String trigger;
        /** The org's applied objects, and its ledger (null when a running process holds it). */
        private final CampaignState state = states.get();
        private final Ledger ledger = ledgers.get();
        private final List<Change> changes = new ArrayList<>();
        private final Map<Kind, String> ids = new LinkedHashMap<>();
        private String error;

        Run(CampaignSpec spec, boolean write, String trigger) {
            this.spec = spec;
            this.write = write;
            this.trigger = trigger;
        }

        Report execute() {
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
                    entity(Kind.RULE_SET, spec.objectName("rules"), RuleBook.ruleSet(spec, id(Kind.CONTACT_LIST)));
                }
                if (!spec.callingWindow().isEmpty()) {
                    entity(Kind.CALLABLE_TIME_SET, spec.objectName("calling hours"), Scheduling.callableTimes(spec));
                }
                entity(Kind.CAMPAIGN, spec.campaign().name(), campaign(refs));
                if (spec.schedule() != null) {
                    schedule();
                }
                size = segmentSize();
                hits = ruleHits();
            } catch (StepFailed e) {
                error = e.getMessage();
            }
            Report report = new Report(spec.key(), spec.file().toString(), List.copyOf(changes), size, hits,
                    spec.warnings(), error);
            if (write) {
                announce(report);
            }
            return report;
        }

        private String id(Kind kind) {
            return ids.getOrDefault(kind, NEW);
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
                throw new StepFailed("campaign." + field + " '" + name + "' does not exist in the org (looked up by"
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
                    String id = write ? lists.resolve(spec.contactList()) : null;
                    if (id != null) {
                        ids.put(Kind.CONTACT_LIST, id);
                    }
                    changes.add(new Change(label, name, id, Action.CREATE, List.of("columnNames", "phoneColumns"),
                            null, null, write ? Boolean.TRUE : null, List.of()));
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
                throw new StepFailed(e.getMessage());
            } catch (GenesysApiException e) {
                throw new StepFailed("the contact list could not be read or created: " + e.getMessage());
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
                drift(Kind.CONTACT_LIST, name, found.id(), List.of("name"), renamed, version(found.live()), null);
            }
            if (!write || drift == DriftPolicy.REPORT) {
                changes.add(new Change(label, name, found.id(), Action.DRIFTED, List.of("name"),
                        version(found.live()), null, write ? Boolean.FALSE : null, renamed));
                return;
            }
            String path = Kind.CONTACT_LIST.path + "/" + found.id();
            ObjectNode stored = call(() -> lock.update("contactList '" + name + "'", () -> (ObjectNode) genesys.get(
                    path), current -> current.put("name", name), changed -> (ObjectNode) genesys.put(path, changed)),
                    "rename contactList '" + found.liveName() + "'");
            changes.add(new Change(label, name, found.id(), Action.DRIFTED, List.of("name"), version(found.live()),
                    version(stored), Boolean.TRUE, renamed));
        }

        private Integer version(JsonNode object) {
            return object != null && object.has("version") ? object.get("version").asInt() : null;
        }

        private Campaign campaign(Map<String, String> refs) {
            CampaignSpec.Definition c = spec.campaign();
            Map<String, String> phoneTypes = new LinkedHashMap<>();
            spec.contactList().phoneColumns().forEach(p -> phoneTypes.put(p.column(), p.type()));
            return new Campaign(null, c.name(), null, ref(id(Kind.CONTACT_LIST)), ref(refs.get("queue")),
                    c.dialingMode(), ref(refs.get("script")), ref(refs.get("edgeGroup")), ref(refs.get("site")), null,
                    c.phoneColumns().stream().map(p -> new PhoneColumn(p, phoneTypes.get(p))).toList(),
                    c.abandonRate(), List.of(ref(id(Kind.DNC_LIST))),
                    spec.callingWindow().isEmpty() ? null : ref(id(Kind.CALLABLE_TIME_SET)),
                    ref(refs.get("callAnalysisResponseSet")), c.callerName(), c.callerAddress(),
                    c.maxConcurrentCalls(), spec.rules().isEmpty() ? null : List.of(ref(id(Kind.RULE_SET))), null,
                    c.priority(), spec.segments() == null ? null : List.of(ref(id(Kind.FILTER))), null, null, null,
                    null);
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
            ObjectNode desired = ManagedFields.desired(desiredObject);
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
            step(kind, name, desired, live, recorded, adopt, () -> {
                ObjectNode body = ManagedFields.JSON.valueToTree(desiredObject);
                if (kind == Kind.CAMPAIGN) {
                    body.put("campaignStatus", "off");
                }
                return (ObjectNode) genesys.post(kind.path, body);
            }, liveId -> lock.update(kind.label + " '" + name + "'", () -> (ObjectNode) genesys.get(kind.path + "/"
                    + liveId), current -> merge(current, desired, desiredObject),
                    changed -> (ObjectNode) genesys.put(kind.path + "/" + liveId, changed)));
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
            Object desiredObject = Scheduling.schedule(spec, campaignId == null ? NEW : campaignId);
            ObjectNode desired = ManagedFields.desired(desiredObject);
            JsonNode live = null;
            if (campaignId != null) {
                try {
                    live = genesys.get(Kind.SCHEDULE.path + "/" + campaignId);
                } catch (GenesysApiException e) {
                    if (e.status() != 404) {
                        throw new StepFailed("the schedule could not be read: " + e.getMessage());
                    }
                }
            }
            String path = Kind.SCHEDULE.path + "/" + campaignId;
            Optional<CampaignState.Applied> recorded = state.get(spec.key(), Kind.SCHEDULE.label)
                    .filter(r -> r.objectId().equals(campaignId));
            step(Kind.SCHEDULE, spec.campaign().name(), desired, live, recorded, false,
                    () -> (ObjectNode) genesys.put(path, ManagedFields.JSON.valueToTree(desiredObject)),
                    liveId -> lock.update("the schedule of campaign " + campaignId, () -> (ObjectNode) genesys.get(path),
                            current -> merge(current, desired, desiredObject),
                            changed -> (ObjectNode) genesys.put(path, changed)));
        }

        /** The current object with the managed fields set as the file says (unmanaged fields kept). */
        private ObjectNode merge(ObjectNode current, ObjectNode desired, Object desiredObject) {
            ObjectNode full = ManagedFields.JSON.valueToTree(desiredObject);
            desired.fieldNames().forEachRemaining(field -> current.set(field, full.get(field)));
            return current;
        }

        private void step(Kind kind, String name, ObjectNode desired, JsonNode live,
                Optional<CampaignState.Applied> recorded, boolean adopt,
                java.util.function.Supplier<ObjectNode> create, Function<String, ObjectNode> update) {
            String key = spec.key();
            if (live == null) {
                boolean deleted = recorded.isPresent();
                if (deleted && (!write || drift == DriftPolicy.REPORT)) {
                    String goneId = recorded.get().objectId();
                    // references keep pointing where they did: nothing is repointed at an object not made
                    ids.put(kind, goneId);
                    if (write) {
                        drift(kind, name, goneId, List.of("(deleted)"), List.of(), recorded.get().version(), null);
                    }
                    changes.add(new Change(kind.label, name, goneId, Action.DELETED, List.copyOf(fieldList(desired)),
                            recorded.get().version(), null, write ? Boolean.FALSE : null, List.of()));
                    return;
                }
                ObjectNode created = write ? call(create::get, "create " + kind.label + " '" + name + "'") : null;
                String id = created == null ? null : created.path("id").asText(null);
                if (kind == Kind.SCHEDULE) {
                    id = ids.get(Kind.CAMPAIGN);
                }
                Integer version = version(created);
                if (write) {
                    if (deleted) {
                        drift(kind, name, recorded.get().objectId(), List.of("(deleted)"), List.of(),
                                recorded.get().version(), id);
                    }
                    ids.put(kind, id);
                    state.record(key, kind.label, id, version, ManagedFields.hash(desired));
                }
                changes.add(new Change(kind.label, name, id, deleted ? Action.DELETED : Action.CREATE,
                        List.copyOf(fieldList(desired)), null, version, write ? Boolean.TRUE : null, List.of()));
                return;
            }
            String id = kind == Kind.SCHEDULE ? ids.get(Kind.CAMPAIGN) : live.get("id").asText();
            ids.put(kind, id);
            Integer liveVersion = version(live);
            ObjectNode liveManaged = ManagedFields.live(desired, live);
            List<String> changed = ManagedFields.changed(desired, liveManaged);
            List<FieldChange> values = ManagedFields.values(desired, liveManaged, changed);
            boolean drifted = recorded.isPresent()
                    && !recorded.get().contentHash().equals(ManagedFields.hash(liveManaged));
            Action action = adopt ? Action.ADOPT : changed.isEmpty() ? Action.UNCHANGED
                    : drifted ? Action.DRIFTED : Action.UPDATE;
            if (!write) {
                changes.add(new Change(kind.label, name, id, action, changed, liveVersion, null, null, values));
                return;
            }
            if (changed.isEmpty()) {
                // adopt what matches the file, so a later change outside this project shows as drift
                state.record(key, kind.label, id, liveVersion, ManagedFields.hash(desired));
                changes.add(new Change(kind.label, name, id, action, changed, liveVersion, liveVersion,
                        adopt ? Boolean.TRUE : null, values));
                return;
            }
            if (action == Action.DRIFTED) {
                drift(kind, name, id, changed, values, liveVersion, null);
                if (drift == DriftPolicy.REPORT) {
                    changes.add(new Change(kind.label, name, id, action, changed, liveVersion, null, Boolean.FALSE,
                            values));
                    return;
                }
            }
            ObjectNode stored = call(() -> update.apply(id), "update " + kind.label + " '" + name + "'");
            Integer version = version(stored);
            state.record(key, kind.label, id, version, ManagedFields.hash(desired));
            changes.add(new Change(kind.label, name, id, action, changed, liveVersion, version, Boolean.TRUE, values));
        }

        /** Drift found while applying: audited, and logged when it is left in place. */
        private void drift(Kind kind, String name, String id, List<String> fields, List<FieldChange> values,
                Integer liveVersion, String recreatedAs) {
            Integer lastApplied = state.get(spec.key(), kind.label).map(CampaignState.Applied::version).orElse(null);
            audit.append("campaign.drift", trigger, spec.key() + "/" + kind.label, drift == DriftPolicy.CORRECT
                    ? "corrected" : "reported", Details.of("objectId", id, "fields", fields, "values", values,
                    "liveVersion", liveVersion, "lastAppliedVersion", lastApplied, "recreatedAs", recreatedAs,
                    "policy", drift.name()));
            if (drift == DriftPolicy.REPORT) {
                LOG.warn("Campaign {}: {} '{}' was {} outside Outbound Sync; left as it is (campaigns.drift=report)",
                        spec.key(), kind.label, name, fields.contains("(deleted)") ? "deleted" : "changed ("
                                + String.join(", ", fields) + ")");
            }
        }

        private List<String> fieldList(ObjectNode node) {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            return fields;
        }

        private <T> T call(java.util.function.Supplier<T> call, String what) {
            try {
                return call.get();
            } catch (GenesysApiException | VersionLock.ConflictException e) {
                throw new StepFailed("could not " + what + ": " + e.getMessage());
            }
        }

        /** The filter's size over the ledger's rows (local) and from the preview endpoint (service). */
        private SegmentSize segmentSize() {
            if (spec.segments() == null) {
                return null;
            }
            String listId = ids.get(Kind.CONTACT_LIST);
            if (listId == null) {
                return new SegmentSize(null, null, null, null, "the contact list does not exist yet");
            }
            JsonNode filter = ManagedFields.JSON.valueToTree(Segmentation.filter(spec, listId));
            Long local = null;
            Long localOf = null;
            String note = null;
            if (ledger != null) {
                Predicate<Function<String, String>> test = FilterEvaluator.compile(filter,
                        spec.contactList().columns(), clock);
                long[] counts = new long[2];
                Map<String, Integer> columns = new java.util.HashMap<>();
                List<String> names = spec.contactList().columns();
                for (int i = 0; i < names.size(); i++) {
                    columns.put(names.get(i), i);
                }
                ledger.forEachContact(listId, (id, values) -> {
                    counts[1]++;
                    if (test.test(column -> {
                        Integer at = columns.get(column);
                        return at == null || at >= values.length ? null : values[at];
                    })) {
                        counts[0]++;
                    }
                });
                local = counts[0];
                localOf = counts[1];
            } else {
                note = "the ledger is in use by a running process: no local count";
            }
            Long preview = null;
            Long previewOf = null;
            try {
                JsonNode answer = genesys.post("/api/v2/outbound/contactlistfilters/preview", filter);
                preview = answer.path("filteredContacts").asLong();
                previewOf = answer.path("totalContacts").asLong();
            } catch (GenesysApiException e) {
                note = (note == null ? "" : note + "; ") + "preview failed: " + e.getMessage();
            }
            return new SegmentSize(local, localOf, preview, previewOf, note);
        }

        /** How many of the ledger's contacts each rule hits. */
        private Map<String, Long> ruleHits() {
            String listId = ids.get(Kind.CONTACT_LIST);
            if (spec.rules().isEmpty() || ledger == null || listId == null) {
                return Map.of();
            }
            List<RuleBook.Compiled> rules = RuleBook.compile(spec);
            long[] hits = new long[rules.size()];
            ledger.forEachContact(listId, (id, values) -> {
                for (int r = 0; r < rules.size(); r++) {
                    if (rules.get(r).matches().test(values)) {
                        hits[r]++;
                    }
                }
            });
            Map<String, Long> byRule = new LinkedHashMap<>();
            for (int r = 0; r < rules.size(); r++) {
                byRule.put(rules.get(r).name(), hits[r]);
            }
            return byRule;
        }

        /** An apply's fan-out: an audit record per applied change, the CDP and WFM webhooks. */
        private void announce(Report report) {
            for (Change change : report.changes()) {
                if (Boolean.TRUE.equals(change.applied())) {
                    audit.append("campaign.change", trigger, spec.key() + "/" + change.kind(), "ok", Details.of(
                            "objectId", change.id(), "name", change.name(), "action", change.action().name(),
                            "fields", change.fields(), "values", change.values(), "oldVersion", change.liveVersion(),
                            "newVersion", change.newVersion()));
                    if (change.kind().equals(Kind.FILTER.label)) {
                        notifier.publish("cdp", "campaign.segments.updated", Details.of("campaign", spec.key(),
                                "contactListFilterId", change.id(), "version", change.newVersion(), "expectedContacts",
                                report.segmentSize() == null ? null : report.segmentSize().preview()));
                    }
                    if (change.kind().equals(Kind.SCHEDULE.label)) {
                        notifier.publish("wfm", "campaign.schedule.updated", Details.of("campaign", spec.key(),
                                "campaignId", change.id(), "timeZone", spec.campaign().timeZone().getId(),
                                "intervals", Scheduling.intervals(spec).stream().map(i -> Details.of("start",
                                        i.start(), "end", i.end(), "startUtc", i.startInstant().toString(), "endUtc",
                                        i.endInstant().toString())).toList()));
                    }
                }
            }
            if (report.error() != null) {
                audit.append("campaign.sync", trigger, spec.key(), "failed", Details.of("error", report.error(),
                        "applied", report.changes().stream().filter(c -> Boolean.TRUE.equals(c.applied()))
                                .map(Change::kind).toList()));
            }
        }
    }

    /** A step that failed; the campaign's remaining steps are not applied. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
