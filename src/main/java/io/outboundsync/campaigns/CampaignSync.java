package io.outboundsync.campaigns;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.notify.Notifier;
import io.outboundsync.support.Details;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
            Integer liveVersion, Integer newVersion, Boolean applied, List<FieldChange> values, Long latencyMs) {

        /** A change no write call was made for (a plan, nothing to change, drift left in place). */
        public Change(String kind, String name, String id, Action action, List<String> fields, Integer liveVersion,
                Integer newVersion, Boolean applied, List<FieldChange> values) {
            this(kind, name, id, action, fields, liveVersion, newVersion, applied, values, null);
        }

        public boolean pending() {
            return action != Action.UNCHANGED;
        }
    }

    /** The segment's size: evaluated locally over the rows the ledger last synced, and by the service. */
    public record SegmentSize(Long local, Long localOf, Long preview, Long previewOf, String note) {
    }

    /** A campaign's plan, or what an apply did ({@code error}: why it stopped). */
    public record Report(String campaign, String file, List<Change> changes, SegmentSize segmentSize,
            Map<String, Long> ruleHits, List<String> warnings, List<String> notes, String error, Long latencyMs) {

        public Report(String campaign, String file, List<Change> changes, SegmentSize segmentSize,
                Map<String, Long> ruleHits, List<String> warnings, String error) {
            this(campaign, file, changes, segmentSize, ruleHits, warnings, List.of(), error, null);
        }

        public boolean pending() {
            return changes.stream().anyMatch(Change::pending);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSync.class);
    static final String NEW = "(new)";

    final GenesysClient genesys;
    final ContactListResolver lists;
    final java.util.function.Supplier<AppliedObjects> states;
    final java.util.function.Supplier<Ledger> ledgers;
    final VersionLock lock;
    final DriftPolicy drift;
    final Notifier notifier;
    final AuditLog audit;
    final Clock clock;

    /**
     * @param ledger the contacts ledger for local segment counts and rule previews; null when not available (a
     *               {@code plan} beside a running process)
     */
    public CampaignSync(GenesysClient genesys, ContactListResolver lists,
            java.util.function.Supplier<AppliedObjects> states, java.util.function.Supplier<Ledger> ledgers,
            VersionLock lock, DriftPolicy drift, Notifier notifier, AuditLog audit, Clock clock) {
        this.genesys = genesys;
        this.lists = lists;
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
        return new SyncRun(this, spec, false, "plan").execute();
    }

    /** Applies the plan; stops at the first failing step and reports what was and was not applied. */
    public Report apply(CampaignSpec spec, String trigger) {
        return new SyncRun(this, spec, true, trigger).execute();
    }

    /**
     * Who made a change: the operating-system user the process runs as (the one whose Genesys OAuth client acted;
     * the record's trigger says how it was asked: a command, the schedule, a command file).
     */
    static final String ACTOR = System.getProperty("user.name", "(unknown)");

    /** An apply's fan-out: an audit record per applied change, the CDP and WFM webhooks. */
    void announce(CampaignSpec spec, String trigger, Report report) {
        for (Change change : report.changes()) {
            if (Boolean.TRUE.equals(change.applied())) {
                audit.append("campaign.change", trigger, spec.key() + "/" + change.kind(), "ok", Details.of(
                        "objectId", change.id(), "name", change.name(), "action", change.action().name(),
                        "fields", change.fields(), "values", change.values(), "oldVersion", change.liveVersion(),
                        "newVersion", change.newVersion(), "latencyMs", change.latencyMs(), "actor", ACTOR));
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
        // every apply, failed or not, with the time its calls took
        audit.append("campaign.sync", trigger, spec.key(), report.error() == null ? "ok" : "failed", Details.of(
                "error", report.error(), "applied", report.changes().stream()
                        .filter(c -> Boolean.TRUE.equals(c.applied())).map(Change::kind).toList(),
                "rules", spec.rules().size(), "latencyMs", report.latencyMs(), "actor", ACTOR));
    }
}
