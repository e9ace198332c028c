package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.CampaignSync.Action;
import io.outboundsync.campaigns.CampaignSync.Change;
import io.outboundsync.campaigns.CampaignSync.DriftPolicy;
import io.outboundsync.campaigns.CampaignSync.FieldChange;
import io.outboundsync.campaigns.CampaignSync.Kind;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.genesys.model.Campaign;
import io.outboundsync.support.Details;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object of a campaign plan or apply: compared with what the org holds, created or updated (version-locked),
 * recorded, or reported as drift, as {@code campaigns.drift} says.
 */
final class SyncSteps {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSync.class);

    private final CampaignSpec spec;
    private final boolean write;
    private final String trigger;
    private final AppliedObjects state;
    private final DriftPolicy drift;
    private final AuditLog audit;
    private final List<Change> changes;
    private final Map<Kind, String> ids;

    SyncSteps(CampaignSpec spec, boolean write, String trigger, AppliedObjects state, DriftPolicy drift,
            AuditLog audit, List<Change> changes, Map<Kind, String> ids) {
        this.spec = spec;
        this.write = write;
        this.trigger = trigger;
        this.state = state;
        this.drift = drift;
        this.audit = audit;
        this.changes = changes;
        this.ids = ids;
    }

    /** The current object with the managed fields set as the file says (unmanaged fields kept). */
    ObjectNode merge(ObjectNode current, ObjectNode desired, Object desiredObject) {
        ObjectNode full = ManagedFields.JSON.valueToTree(desiredObject);
        desired.fieldNames().forEachRemaining(field -> current.set(field, full.get(field)));
        return current;
    }

    void step(Kind kind, String name, ObjectNode desired, JsonNode live,
            Optional<AppliedObjects.Applied> recorded, boolean adopt,
            java.util.function.Supplier<ObjectNode> create, Function<String, ObjectNode> update) {
        step(kind, name, desired, live, recorded, adopt, create, update, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param owned what of the managed fields is this project's to keep as the file says, for the drift check and
     *              the recorded hash: a campaign's DNC lists attached by someone else are kept, not drift
     */
    void step(Kind kind, String name, ObjectNode desired, JsonNode live,
            Optional<AppliedObjects.Applied> recorded, boolean adopt,
            java.util.function.Supplier<ObjectNode> create, Function<String, ObjectNode> update,
            java.util.function.UnaryOperator<ObjectNode> owned) {
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
            long started = System.nanoTime();
            ObjectNode created = write ? call(create::get, "create " + kind.label + " '" + name + "'") : null;
            Long latencyMs = write ? (System.nanoTime() - started) / 1_000_000 : null;
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
                state.record(key, kind.label, id, version, ManagedFields.hash(owned.apply(desired.deepCopy())));
            }
            changes.add(new Change(kind.label, name, id, deleted ? Action.DELETED : Action.CREATE,
                    List.copyOf(fieldList(desired)), null, version, write ? Boolean.TRUE : null, List.of(),
                    latencyMs));
            return;
        }
        String id = kind == Kind.SCHEDULE ? ids.get(Kind.CAMPAIGN) : live.get("id").asText();
        ids.put(kind, id);
        Integer liveVersion = version(live);
        ObjectNode liveManaged = ManagedFields.live(desired, live);
        List<String> changed = ManagedFields.changed(desired, liveManaged);
        List<FieldChange> values = ManagedFields.values(desired, liveManaged, changed);
        boolean drifted = recorded.isPresent()
                && !recorded.get().contentHash().equals(ManagedFields.hash(owned.apply(liveManaged.deepCopy())));
        Action action = adopt ? Action.ADOPT : changed.isEmpty() ? Action.UNCHANGED
                : drifted ? Action.DRIFTED : Action.UPDATE;
        if (!write) {
            changes.add(new Change(kind.label, name, id, action, changed, liveVersion, null, null, values));
            return;
        }
        if (changed.isEmpty()) {
            // adopt what matches the file, so a later change outside this project shows as drift
            state.record(key, kind.label, id, liveVersion, ManagedFields.hash(owned.apply(desired.deepCopy())));
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
        long started = System.nanoTime();
        ObjectNode stored = call(() -> update.apply(id), "update " + kind.label + " '" + name + "'");
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Integer version = version(stored);
        state.record(key, kind.label, id, version, ManagedFields.hash(owned.apply(desired.deepCopy())));
        changes.add(new Change(kind.label, name, id, action, changed, liveVersion, version, Boolean.TRUE, values,
                latencyMs));
    }

    /** Drift found while applying: audited, and logged when it is left in place. */
    void drift(Kind kind, String name, String id, List<String> fields, List<FieldChange> values,
            Integer liveVersion, String recreatedAs) {
        Integer lastApplied = state.get(spec.key(), kind.label).map(AppliedObjects.Applied::version).orElse(null);
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

    private static List<String> fieldList(ObjectNode node) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    static <T> T call(java.util.function.Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (GenesysApiException | VersionLock.ConflictException e) {
            throw new StepFailed("could not " + what + ": " + e.getMessage());
        }
    }

    static Integer version(JsonNode object) {
        return object != null && object.has("version") ? object.get("version").asInt() : null;
    }

    /** A step that failed; the campaign's remaining steps are not applied. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
