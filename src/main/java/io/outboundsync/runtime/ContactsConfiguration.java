package io.outboundsync.runtime;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.checks.ChunkSteps;
import io.outboundsync.contacts.checks.RowChecks;
import io.outboundsync.contacts.intake.ContactDrops;
import io.outboundsync.contacts.intake.CsvRows;
import io.outboundsync.contacts.intake.DropGate;
import io.outboundsync.contacts.intake.DropReport;
import io.outboundsync.contacts.intake.DropRows;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.contacts.upload.DncFileSync;
import io.outboundsync.contacts.upload.DncLists;
import io.outboundsync.contacts.upload.UploadSteps;
import io.outboundsync.contacts.upload.WithdrawalSteps;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.Notifier;
import io.outboundsync.notify.Redactor;
import io.outboundsync.support.Current;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.dataformat.csv.CsvDataFormat;

/**
 * The beans of {@code routes/contacts-*.camel.yaml}, as camel-main builds them (the composition root of the
 * camel-examples {@code main} examples): each from Camel's properties ({@code config/application.properties}, then
 * the environment, then {@code -D}; the shipped file holds every default) and from the process's shared parts,
 * which the {@link Pipeline} binds before Camel starts ({@code contactCampaigns}, {@code ledgers},
 * {@code contactLists}, {@code genesysClient}, {@code audit}, {@code notifier}, {@code redactor}, {@code clock}).
 */
@Configuration
public class ContactsConfiguration extends MadeOnce {

    @BindToRegistry("dropGate")
    public DropGate dropGate(@BeanInject("contactCampaigns") Map<String, CampaignContacts> campaigns,
            @BeanInject("refusedCampaignFiles") java.util.List<io.outboundsync.config.CampaignFileException> refused,
            @PropertyInject("contacts.inbox.dir") String inbox, @BeanInject("ledgers") Current<Ledger> ledgers,
            @BeanInject("contactLists") ContactListResolver lists, @PropertyInject("pipeline.trigger") String trigger,
            @PropertyInject("genesys.limits.contacts-per-list") long perList,
            @PropertyInject("genesys.limits.contacts-per-org") long perOrg,
            @BeanInject("batching") io.outboundsync.contacts.upload.Batching batching) {
        return once("dropGate", () -> new DropGate(campaigns, refused, Path.of(inbox), ledgers::get, lists,
                trigger).limitedTo(new DropGate.Limits(perList, perOrg)).batchedBy(batching));
    }

    /**
     * How the drops' rows are cut into add-contacts requests: {@code genesys.contacts.batch-size} contacts (fewer
     * after an outage, as the pace says), a body under {@code genesys.contacts.max-request-bytes}.
     */
    @BindToRegistry("batching")
    public io.outboundsync.contacts.upload.Batching batching(@PropertyInject("genesys.contacts.batch-size") int batchSize,
            @PropertyInject("genesys.contacts.max-request-bytes") int maxRequestBytes,
            @BeanInject("batchPace") io.outboundsync.genesys.BatchPace pace) {
        return once("batching", () -> new io.outboundsync.contacts.upload.Batching(batchSize, pace::cap, maxRequestBytes));
    }

    /** The inbox's files it never reads (in a subfolder, or named as being written for an hour), said once. */
    @BindToRegistry("inboxStrays")
    public io.outboundsync.contacts.intake.InboxStrays inboxStrays(@PropertyInject("contacts.inbox.dir") String inbox,
            @BeanInject("clock") Clock clock) {
        return once("inboxStrays", () -> new io.outboundsync.contacts.intake.InboxStrays(Path.of(inbox), clock));
    }

    /** The contacts a drop names more than once, found before its rows are read (routes/contacts-rows.camel.yaml). */
    @BindToRegistry("dropRepeats")
    public io.outboundsync.contacts.intake.DropRepeats dropRepeats() {
        return once("dropRepeats", io.outboundsync.contacts.intake.DropRepeats::new);
    }

    /**
     * A list's line memo, found and drafted by a CSV drop, kept once it completed (routes/contacts-rows.camel.yaml,
     * contacts-inbox.camel.yaml).
     */
    @BindToRegistry("lineMemos")
    public io.outboundsync.contacts.intake.LineMemos lineMemos() {
        return once("lineMemos", io.outboundsync.contacts.intake.LineMemos::new);
    }

    @BindToRegistry("dropRows")
    public DropRows dropRows(@PropertyInject("genesys.contacts.batch-size") int batchSize) {
        return once("dropRows", () -> new DropRows(batchSize));
    }

    /** camel-csv reading a drop lazily, record by record, with {@code ,} between fields. */
    @BindToRegistry("dropCsvCommas")
    public CsvDataFormat dropCsvCommas() {
        return once("dropCsvCommas", () -> dropCsv(','));
    }

    /** The same with {@code ;} between fields (exports of spreadsheets in many European locales). */
    @BindToRegistry("dropCsvSemicolons")
    public CsvDataFormat dropCsvSemicolons() {
        return once("dropCsvSemicolons", () -> dropCsv(';'));
    }

    private static CsvDataFormat dropCsv(char delimiter) {
        return new CsvDataFormat(CsvRows.FORMAT.builder().setDelimiter(delimiter).get()).setLazyLoad(true);
    }

    /** Reconciles a campaign's contact list with a Genesys export (routes/contacts-reconcile.camel.yaml). */
    @BindToRegistry("reconciler")
    public io.outboundsync.contacts.reconcile.Reconciler reconciler(@BeanInject("genesysClient")
            io.outboundsync.genesys.GenesysClient genesys, @BeanInject("ledgers") Current<Ledger> ledgers,
            @BeanInject("contactCampaigns") Map<String, CampaignContacts> campaigns,
            @BeanInject("redactor") io.outboundsync.notify.Redactor redactor, @BeanInject("clock") java.time.Clock clock,
            @BeanInject("target") Current<String> target,
            @PropertyInject("contacts.reconcile.export-timeout-ms") long timeoutMs,
            @PropertyInject("genesys.contacts.batch-size") int batchSize) {
        return once("reconciler", () -> new io.outboundsync.contacts.reconcile.Reconciler(genesys, ledgers, campaigns, redactor,
                clock, target, timeoutMs, batchSize));
    }

    /** A repair's batches added up (the split of routes/contacts-reconcile.camel.yaml). */
    @BindToRegistry("reconcileRepairedSum")
    public io.outboundsync.contacts.reconcile.Repaired.Sum reconcileRepairedSum() {
        return once("reconcileRepairedSum", io.outboundsync.contacts.reconcile.Repaired.Sum::new);
    }

    /** @param threads {@code contacts.validation-threads} as the start worked it out (0 there: one per core) */
    @BindToRegistry("rowChecks")
    public RowChecks rowChecks(@PropertyInject("contacts.validation-threads") int threads) {
        return once("rowChecks", () -> new RowChecks(threads));
    }

    @BindToRegistry("rowChecksMerge")
    public RowChecks.Merge rowChecksMerge() {
        return once("rowChecksMerge", () -> new RowChecks.Merge());
    }

    @BindToRegistry("chunkSteps")
    public ChunkSteps chunkSteps(@BeanInject("redactor") Redactor redactor) {
        return once("chunkSteps", () -> new ChunkSteps(redactor));
    }

    /** The chunks' counts added up by their split (contacts-drop). */
    @BindToRegistry("rowsReadSum")
    public io.outboundsync.contacts.checks.RowsRead.Sum rowsReadSum() {
        return once("rowsReadSum", io.outboundsync.contacts.checks.RowsRead.Sum::new);
    }

    /** An enrich that calls a route for what it does, the message handed on as it was. */
    @BindToRegistry("keepBody")
    public org.apache.camel.AggregationStrategy keepBody() {
        return once("keepBody", org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy::new);
    }

    /** How far the drops being read have come: progress lines, the status page. */
    @BindToRegistry("dropProgress")
    public io.outboundsync.contacts.intake.DropProgress dropProgress(
            @PropertyInject("contacts.progress-interval-ms") long progressIntervalMs) {
        return once("dropProgress", () -> new io.outboundsync.contacts.intake.DropProgress(progressIntervalMs));
    }

    @BindToRegistry("uploadSteps")
    public UploadSteps uploadSteps() {
        return once("uploadSteps", () -> new UploadSteps());
    }

    @BindToRegistry("withdrawalSteps")
    public WithdrawalSteps withdrawalSteps(@BeanInject("genesysClient") GenesysClient genesys,
            @BeanInject("ledgers") Current<Ledger> ledgers, @BeanInject("audit") AuditLog audit,
            @BeanInject("notifier") Notifier notifier) {
        return once("withdrawalSteps", () -> new WithdrawalSteps(new DncLists(genesys, ledgers::get), audit,
                notifier));
    }

    @BindToRegistry("dropReport")
    public DropReport dropReport(@PropertyInject("pipeline.data-dir") String dataDir,
            @BeanInject("audit") AuditLog audit, @BeanInject("notifier") Notifier notifier,
            @BeanInject("clock") Clock clock, @BeanInject("target") Current<String> target) {
        return once("dropReport", () -> new DropReport(Path.of(dataDir), audit, notifier, clock, target));
    }

    /** The internal do-not-call files, pushed to the lists' DNC lists at start and when they change. */
    @BindToRegistry("dncFiles")
    public DncFileSync dncFiles(@BeanInject("contactCampaigns") Map<String, CampaignContacts> campaigns,
            @BeanInject("ledgers") Current<Ledger> ledgers, @BeanInject("genesysClient") GenesysClient genesys,
            @BeanInject("audit") AuditLog audit) {
        return once("dncFiles", () -> new DncFileSync(campaigns, ledgers::get, new DncLists(genesys, ledgers::get),
                audit));
    }

    @BindToRegistry("contactDrops")
    public ContactDrops contactDrops() {
        return once("contactDrops", () -> new ContactDrops());
    }
}
