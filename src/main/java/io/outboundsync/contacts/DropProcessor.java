package io.outboundsync.contacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.AuditLog;
import io.outboundsync.notify.Notifier;
import io.outboundsync.notify.Redactor;
import io.outboundsync.support.Details;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One contact drop from file to Genesys: check the file, stream its rows, map and check them on every core,
 * de-duplicate (first occurrence wins), skip what the ledger says Genesys already has, upload the rest in batches
 * (several in flight), record in the ledger only what Genesys acknowledged, and report: summary, rejects, an audit
 * record, a CDP webhook. The file then moves to {@code processed/<date>/}, or to {@code failed/} with a reason
 * when it cannot be read; a drop that Genesys failed stays in the inbox, and the next run sends what is missing.
 */
public final class DropProcessor implements AutoCloseable {

    /** How a drop ended. */
    public enum Status { COMPLETED, COMPLETED_WITH_REJECTS, FAILED, SKIPPED }

    /** The knobs, from {@code genesys.contacts.*} and {@code contacts.*}. */
    public record Options(int batchSize, int uploadConcurrency, int validationThreads, long progressIntervalMs) {
        public static Options defaults() {
            return new Options(1000, 2, Runtime.getRuntime().availableProcessors(), 10_000);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DropProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, CampaignContacts> campaigns;
    private final Path dataDir;
    /** The ledger of the org this process works against (opened once the org is known). */
    private final java.util.function.Supplier<Ledger> ledgers;
    private final GenesysClient genesys;
    private final ContactListResolver lists;
    private final DncLists dncLists;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Redactor redactor;
    private final Clock clock;
    private final Options options;
    private final ExecutorService validators;
    private final ExecutorService uploaders;
    /** Withdrawals, one at a time, each after the uploads sent before it. */
    private final ExecutorService withdrawals;
    private final Map<String, RowNormaliser> normalisers = new java.util.concurrent.ConcurrentHashMap<>();

    public DropProcessor(Map<String, CampaignContacts> campaigns, Path dataDir,
            java.util.function.Supplier<Ledger> ledgers, GenesysClient genesys,
            Notifier notifier, AuditLog audit, Redactor redactor, Clock clock, Options options) {
        this.campaigns = campaigns;
        this.dataDir = dataDir;
        this.ledgers = ledgers;
        this.genesys = genesys;
        this.lists = new ContactListResolver(genesys, ledgers);
        this.dncLists = new DncLists(genesys, ledgers);
        this.notifier = notifier;
        this.audit = audit;
        this.redactor = redactor;
        this.clock = clock;
        this.options = options;
        this.validators = Executors.newFixedThreadPool(options.validationThreads(), daemon("contacts-check"));
        this.uploaders = Executors.newFixedThreadPool(options.uploadConcurrency(), daemon("contacts-upload"));
        this.withdrawals = Executors.newSingleThreadExecutor(daemon("contacts-withdraw"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Processes one drop of a campaign.
     *
     * @param trigger what started it, for the audit ({@code once}, {@code run}…)
     */
    public Status process(String campaignKey, Path file, String trigger) {
        long started = System.nanoTime();
        String name = file.getFileName().toString();
        String notRegular = DropFile.notRegular(file);
        if (notRegular != null) {
            return refuse(campaignKey, file, null, notRegular, started, trigger);
        }
        CampaignContacts campaign = campaigns.get(campaignKey);
        if (campaign == null) {
            return refuse(campaignKey, file, null, "there is no campaign '" + campaignKey + "' with a contacts section"
                    + " in config/campaigns/ (known: " + campaigns.keySet() + ")", started, trigger);
        }
        String unsupported = RowSource.unsupported(file);
        if (unsupported != null) {
            return refuse(campaignKey, file, null, unsupported, started, trigger);
        }
        DropFile facts;
        try {
            facts = DropFile.inspect(file);
        } catch (IOException e) {
            LOG.warn("Drop {} cannot be opened now ({}); it stays in the inbox", name, e.getMessage());
            return Status.FAILED;
        }
        if (!facts.readable()) {
            return refuse(campaignKey, file, facts.sha256(), facts.problem(), started, trigger);
        }
        Ledger ledger = ledgers.get();
        Optional<Ledger.PreviousDrop> previous = ledger.finishedWithSameContent(campaignKey, name,
                facts.sha256());
        if (previous.isPresent()) {
            Path moved = move(file, processedDir());
            LOG.info("Drop {} of campaign {} was already processed on {} with the same content (sha256 {}); skipped,"
                    + " moved to {}", name, campaignKey, previous.get().finishedAt(), facts.sha256(), moved);
            audit.append("contacts.drop.skipped", trigger, campaignKey + "/" + name, "skipped", Details.of(
                    "fileSha256", facts.sha256(), "previousDrop", previous.get().id(), "reason",
                    "already processed with the same content"));
            return Status.SKIPPED;
        }
        long dropId = ledger.startDrop(campaignKey, name, facts.sha256());
        Run run = new Run(campaign, file, facts, dropId, trigger, started, ledger);
        return run.execute();
    }

    /** A file that cannot be processed at all: to {@code failed/} with its reason, and reported. */
    private Status refuse(String campaignKey, Path file, String sha, String why, long started, String trigger) {
        String name = file.getFileName().toString();
        Path moved = moveToFailed(file, why);
        DropSummary summary = new DropSummary(Status.FAILED.name(), sha, 0, 0, 0, Map.of(), 0, 0, 0, 0, null,
                elapsedMs(started), campaignKey, name, 0, 0, "The file cannot be processed: " + why);
        writeSummary(name, summary);
        LOG.warn("Drop {} of campaign {} cannot be processed: {}; moved to {}", name, campaignKey, why, moved);
        audit.append("contacts.drop", trigger, campaignKey + "/" + name, "failed", Details.of("fileSha256", sha,
                "error", why));
        return Status.FAILED;
    }

    /** One drop being processed. */
    private final class Run {
        private final CampaignContacts campaign;
        private final Ledger ledger;
        private final Path file;
        private final DropFile facts;
        private final long dropId;
        private final String trigger;
        private final long started;
        private final String name;
        private final DropSummary.Counts counts = new DropSummary.Counts();
        private final AtomicReference<RuntimeException> uploadFailure = new AtomicReference<>();
        private final Semaphore inFlight = new Semaphore(options.uploadConcurrency());
        private final List<Future<?>> uploads = new ArrayList<>();
        private RejectsFile rejects;
        private DropSeen seen;
        private long sharedPhones;
        private String listId;
        private long unmapped;
        private long lastProgress;

        Run(CampaignContacts campaign, Path file, DropFile facts, long dropId, String trigger, long started,
                Ledger ledger) {
            this.campaign = campaign;
            this.ledger = ledger;
            this.file = file;
            this.facts = facts;
            this.dropId = dropId;
            this.trigger = trigger;
            this.started = started;
            this.name = file.getFileName().toString();
            this.lastProgress = started;
        }

        Status execute() {
            String unreadable = null;
            RuntimeException genesysFailure = null;
            try (RejectsFile rejectsFile = new RejectsFile(reportsDir().resolve(name + ".rejects.csv"),
                    redactor);
                    DropSeen seenInDrop = new DropSeen(ledger.stateDir())) {
                this.rejects = rejectsFile;
                this.seen = seenInDrop;
                listId = lists.resolve(campaign.contactList());
                try (RowSource rows = RowSource.open(file, campaign.mapping())) {
                    try {
                        stream(rows);
                    } finally {
                        unmapped = rows.unmappedColumns().size();
                        sharedPhones = seen.sharedPhones();
                        awaitUploads();
                    }
                }
            } catch (DropException e) {
                unreadable = e.getMessage();
            } catch (RuntimeException e) {
                // Genesys refused or gave up, the ledger failed, or something unforeseen: the drop stops, what was
                // acknowledged is recorded, and the file stays for the next run
                genesysFailure = e;
            } catch (IOException e) {
                genesysFailure = new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                genesysFailure = new IllegalStateException("interrupted", e);
            }
            if (genesysFailure == null && uploadFailure.get() != null) {
                genesysFailure = uploadFailure.get();
            }
            return finish(unreadable, genesysFailure);
        }

        private void stream(RowSource rows) throws DropException, InterruptedException, IOException {
            RowNormaliser normaliser = normaliser();
            List<SourceRow> batch = new ArrayList<>(options.batchSize());
            for (SourceRow row = next(rows, normaliser, batch); row != null; row = next(rows, normaliser, batch)) {
                batch.add(row);
                if (batch.size() == options.batchSize()) {
                    handle(normaliser, batch);
                    batch = new ArrayList<>(options.batchSize());
                    progress(rows);
                }
                if (uploadFailure.get() != null) {
                    throw uploadFailure.get();
                }
            }
            handle(normaliser, batch);
        }

        /** The next row; when the file cannot be read further, the rows read before are still handled. */
        private SourceRow next(RowSource rows, RowNormaliser normaliser, List<SourceRow> batch)
                throws DropException, InterruptedException, IOException {
            try {
                return rows.next();
            } catch (DropException e) {
                handle(normaliser, batch);
                batch.clear();
                throw e;
            }
        }

        /** Checks a batch on every core, de-duplicates it, skips what is unchanged and sends the rest. */
        private void handle(RowNormaliser normaliser, List<SourceRow> batch) throws InterruptedException,
                IOException {
            if (batch.isEmpty()) {
                return;
            }
            counts.rowsRead += batch.size();
            List<NormalisedRow> checked = check(normaliser, batch);
            // in file order: the first occurrence of a contact wins; a row that withdraws it (no consent, do not
            // call) counts as an occurrence, so a later row cannot make the contact callable again in this drop,
            // and an earlier one is withdrawn after it was sent (withdraw, below)
            List<NormalisedRow> first = new ArrayList<>(checked.size());
            List<NormalisedRow> withdrawing = new ArrayList<>();
            for (NormalisedRow row : checked) {
                if (row.accepted()) {
                    if (seen.firstOccurrence(row.contactId(), row.phones().isEmpty() ? null : row.phones().get(0))) {
                        first.add(row);
                    } else {
                        reject(duplicate(row));
                    }
                } else {
                    reject(row);
                    if (Withdrawal.withdraws(row)) {
                        seen.firstOccurrence(row.contactId(), row.phones().isEmpty() ? null : row.phones().get(0));
                        withdrawing.add(row);
                    }
                }
            }
            Map<String, byte[]> known = ledger.hashes(listId, first.stream().map(NormalisedRow::contactId).toList());
            List<NormalisedRow> changed = new ArrayList<>(first.size());
            for (NormalisedRow row : first) {
                byte[] before = known.get(row.contactId());
                if (before != null && Arrays.equals(before, row.hash())) {
                    counts.unchanged++;
                } else {
                    changed.add(row);
                }
            }
            if (!changed.isEmpty()) {
                send(changed, ledger.withdrawnAmong(listId, changed.stream().map(NormalisedRow::contactId)
                        .toList()));
            }
            if (!withdrawing.isEmpty()) {
                withdraw(withdrawing);
            }
        }

        /**
         * Withdraws on the withdrawal thread once every upload sent before has finished, so a contact accepted
         * earlier in the drop is withdrawn after it was sent, never before; the reader goes on meanwhile.
         */
        private void withdraw(List<NormalisedRow> rows) {
            List<Future<?>> before = List.copyOf(uploads);
            uploads.add(withdrawals.submit(() -> {
                try {
                    for (Future<?> upload : before) {
                        upload.get();
                    }
                    makeUncallable(rows);
                } catch (ExecutionException e) {
                    // that upload's failure is recorded already; the drop stops and the next run withdraws
                    uploadFailure.compareAndSet(null, new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    uploadFailure.compareAndSet(null, e);
                }
            }));
        }

        /**
         * Makes the contacts Genesys has among withdrawing rows uncallable: their numbers on the DNC list first (so
         * no list of the org dials them), then the contacts {@code callable: false}; audited, and told to the CDP.
         */
        private void makeUncallable(List<NormalisedRow> rows) {
            Map<String, String[]> known = ledger.acknowledgedValues(listId, rows.stream()
                    .map(NormalisedRow::contactId).toList());
            int consent = campaign.mapping().consentColumn() == null ? -1
                    : campaign.contactList().columns().indexOf(campaign.mapping().consentColumn());
            int[] phones = campaign.contactList().phoneIndexes();
            Map<String, Withdrawal> withdrawals = new java.util.LinkedHashMap<>();
            for (NormalisedRow row : rows) {
                String[] acknowledged = known.get(row.contactId());
                if (acknowledged != null) {
                    withdrawals.put(row.contactId(), Withdrawal.of(row, acknowledged, consent, phones));
                }
            }
            if (withdrawals.isEmpty()) {
                return;
            }
            String dncListId = dncLists.resolve(campaign.contactList());
            java.util.Set<String> numbers = new java.util.TreeSet<>();
            withdrawals.values().forEach(w -> numbers.addAll(w.phones()));
            dncLists.add(dncListId, numbers);
            ledger.commitDncNumbers(dncListId, "withdrawal", numbers);
            ContactUploader.Withdrawn outcome = new ContactUploader(genesys, campaign.contactList().columns())
                    .withdraw(listId, List.copyOf(withdrawals.values()));
            Map<String, String[]> done = new java.util.LinkedHashMap<>();
            outcome.acknowledged().forEach(w -> done.put(w.contactId(), w.values()));
            ledger.commitWithdrawn(listId, done);
            synchronized (counts) {
                counts.withdrawn += done.size();
            }
            outcome.refused().forEach((w, why) -> LOG.error("{}: Genesys refused to make contact {} uncallable ({});"
                    + " its numbers are on the DNC list {}", name, w.contactId(), why, dncListId));
            List<Object> contacts = new ArrayList<>();
            for (Withdrawal w : withdrawals.values()) {
                String refused = outcome.refused().get(w);
                contacts.add(Details.of("contactId", w.contactId(), "phones", w.phones(), "reasons", w.reasons(),
                        "callable", refused == null ? false : null, "refused", refused));
            }
            audit.append("contacts.withdrawn", trigger, campaign.key() + "/" + name, outcome.refused().isEmpty()
                    ? "ok" : "partial", Details.of("contactListId", listId, "dncListId", dncListId, "contacts",
                    contacts));
            notifier.publish("cdp", "contacts.withdrawn", Details.of("campaign", campaign.key(), "file", name,
                    "contactListId", listId, "dncListId", dncListId, "contacts", contacts));
        }

        private List<NormalisedRow> check(RowNormaliser normaliser, List<SourceRow> batch)
                throws InterruptedException {
            int threads = Math.min(options.validationThreads(), Math.max(1, batch.size() / 250));
            int chunk = (batch.size() + threads - 1) / threads;
            List<Future<List<NormalisedRow>>> parts = new ArrayList<>(threads);
            for (int from = 0; from < batch.size(); from += chunk) {
                List<SourceRow> part = batch.subList(from, Math.min(batch.size(), from + chunk));
                parts.add(validators.submit(() -> {
                    List<NormalisedRow> out = new ArrayList<>(part.size());
                    for (SourceRow row : part) {
                        out.add(row.malformed() != null ? malformed(row) : normaliser.normalise(row.number(),
                                row.values()));
                    }
                    return out;
                }));
            }
            List<NormalisedRow> checked = new ArrayList<>(batch.size());
            for (Future<List<NormalisedRow>> part : parts) {
                try {
                    checked.addAll(part.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("checking rows failed: " + e.getCause(), e.getCause());
                }
            }
            return checked;
        }

        private NormalisedRow malformed(SourceRow row) {
            return new NormalisedRow(row.number(), normaliser().externalIdOf(row.values()), null, null, List.of(),
                    List.of(Reason.MALFORMED_ROW), List.of(row.malformed()), null);
        }

        /** The campaign's checks; made again when its do-not-call file changed. */
        private RowNormaliser normaliser() {
            return normalisers.computeIfAbsent(campaign.key() + "@" + DncFileSync.stamp(campaign.mapping().dncFile()),
                    k -> {
                DncNumbers dnc = DncNumbers.load(campaign.mapping().dncFile(),
                        new PhoneNumbers(campaign.mapping().defaultRegion()));
                if (dnc.unreadable() > 0) {
                    LOG.warn("Campaign {}: {} line(s) of the do-not-call file {} are not phone numbers of region {}"
                            + " and are ignored", campaign.key(), dnc.unreadable(), campaign.mapping().dncFile(),
                            campaign.mapping().defaultRegion());
                }
                return new RowNormaliser(campaign.mapping(), campaign.contactList(), dnc);
            });
        }

        private NormalisedRow duplicate(NormalisedRow row) {
            return row.rejected(Reason.DUPLICATE_IN_DROP, "contact " + row.contactId()
                    + " appeared earlier in this drop; the first occurrence is kept");
        }

        private void reject(NormalisedRow row) throws IOException {
            synchronized (counts) {
                counts.reject(row);
                rejects.write(row);
            }
        }

        /**
         * Uploads a batch on the upload pool; at most {@code uploadConcurrency} are in flight. Contacts made
         * uncallable before and accepted again are sent callable.
         */
        private void send(List<NormalisedRow> changed, java.util.Set<String> callableAgain)
                throws InterruptedException {
            inFlight.acquire();
            uploads.add(uploaders.submit(() -> {
                try {
                    ContactUploader.Outcome outcome = new ContactUploader(genesys, campaign.contactList().columns())
                            .upload(listId, changed, callableAgain);
                    ledger.commit(listId, outcome.acknowledged());
                    synchronized (counts) {
                        counts.uploaded += outcome.acknowledged().size();
                        counts.callableAgain += outcome.acknowledged().stream()
                                .filter(r -> callableAgain.contains(r.contactId())).count();
                        for (ContactUploader.Refused refused : outcome.refused()) {
                            reject(refused.row().rejected(Reason.API_REJECTED, refused.message()));
                        }
                    }
                } catch (RuntimeException e) {
                    uploadFailure.compareAndSet(null, e);
                } catch (IOException e) {
                    uploadFailure.compareAndSet(null, new UncheckedIOException(e));
                } finally {
                    inFlight.release();
                }
            }));
            uploads.removeIf(Future::isDone);
        }

        private void awaitUploads() throws InterruptedException {
            for (Future<?> upload : uploads) {
                try {
                    upload.get();
                } catch (ExecutionException e) {
                    uploadFailure.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
        }

        private void progress(RowSource rows) {
            long now = System.nanoTime();
            if ((now - lastProgress) / 1_000_000 < options.progressIntervalMs()) {
                return;
            }
            lastProgress = now;
            double seconds = (now - started) / 1e9;
            double perSecond = counts.rowsRead / Math.max(seconds, 0.001);
            double done = facts.size() == 0 ? 1 : (double) rows.bytesRead() / facts.size();
            long left = done <= 0 ? 0 : (long) (seconds / done - seconds);
            LOG.info("{}: {} rows, {} rows/s, about {} s left", name, counts.rowsRead, Math.round(perSecond), left);
        }

        private Status finish(String unreadable, RuntimeException genesysFailure) {
            long shared = sharedPhones;
            long accepted = counts.rowsRead - counts.rejected;
            Status status;
            String error = null;
            if (unreadable != null) {
                status = Status.FAILED;
                error = "The drop was stopped: " + unreadable;
            } else if (genesysFailure != null) {
                status = Status.FAILED;
                error = "Genesys did not take the contacts: " + genesysFailure.getMessage() + " The rows Genesys"
                        + " acknowledged are recorded; the file stays in the inbox and the next run sends the rest.";
            } else {
                status = counts.rejected > 0 ? Status.COMPLETED_WITH_REJECTS : Status.COMPLETED;
            }
            DropSummary summary = new DropSummary(status.name(), facts.sha256(), counts.rowsRead, accepted,
                    counts.rejected, new java.util.TreeMap<>(counts.byReason), counts.duplicates, counts.unchanged,
                    counts.uploaded, counts.withdrawn, listId, elapsedMs(started), campaign.key(), name, unmapped,
                    shared, error);
            String summaryJson = writeSummary(name, summary);
            ledger.finishDrop(dropId, status.name(), summaryJson);
            Path moved = null;
            if (unreadable != null) {
                moved = moveToFailed(file, unreadable);
            } else if (genesysFailure == null) {
                moved = move(file, processedDir());
            }
            if (shared > 0) {
                LOG.warn("{}: {} phone number(s) are shared by more than one contact", name, shared);
            }
            if (counts.callableAgain > 0) {
                LOG.warn("{}: {} contact(s) made uncallable before are accepted again and callable; their numbers stay"
                        + " on the DNC list '{}' until a person removes them", name, counts.callableAgain,
                        campaign.contactList().dncList());
            }
            LOG.info("{} of campaign {}: {} in {} ms: {} rows read, {} uploaded, {} unchanged, {} withdrawn, {}"
                    + " rejected{}", name, campaign.key(), status, summary.durationMs(), counts.rowsRead,
                    counts.uploaded, counts.unchanged, counts.withdrawn, counts.rejected, moved == null
                            ? "; the file stays in the inbox" : "; moved to " + moved);
            if (error != null) {
                LOG.warn("{}: {}", name, error);
            }
            audit.append("contacts.drop", trigger, campaign.key() + "/" + name,
                    status == Status.FAILED ? "failed" : "ok", Details.of("fileSha256", facts.sha256(),
                            "status", status.name(), "contactListId", listId, "rowsRead", counts.rowsRead,
                            "accepted", accepted, "rejected", counts.rejected, "rejectedByReason", counts.byReason,
                            "duplicatesInDrop", counts.duplicates, "unchanged", counts.unchanged,
                            "uploaded", counts.uploaded, "withdrawn", counts.withdrawn, "callableAgain",
                            counts.callableAgain, "sharedPhoneNumbers", shared, "error", error));
            if (status != Status.FAILED || counts.uploaded > 0 || counts.withdrawn > 0) {
                notifier.publish("cdp", "contacts.synced", Details.of("campaign", campaign.key(), "file", name,
                        "status", status.name(), "contactListId", listId, "rowsRead", counts.rowsRead,
                        "uploaded", counts.uploaded, "unchanged", counts.unchanged, "withdrawn", counts.withdrawn,
                        "rejected", counts.rejected));
            }
            return status;
        }
    }

    private String writeSummary(String name, DropSummary summary) {
        try {
            String json = JSON.writeValueAsString(summary);
            Path file = reportsDir().resolve(name + ".summary.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("The drop report could not be written to " + reportsDir(), e);
        }
    }

    private Path reportsDir() {
        return dataDir.resolve("reports");
    }

    private Path processedDir() {
        return dataDir.resolve("processed").resolve(LocalDate.now(clock).toString());
    }

    private Path moveToFailed(Path file, String why) {
        Path moved = move(file, dataDir.resolve("failed"));
        try {
            Files.writeString(moved.resolveSibling(moved.getFileName() + ".error.txt"), "The drop "
                    + file.getFileName() + " was not processed: " + why + ".\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("The reason file for {} could not be written: {}", moved, e.getMessage());
        }
        return moved;
    }

    /** Moves a file into a folder without overwriting: a taken name gets {@code -2}, {@code -3}… before its extension. */
    public static Path move(Path file, Path dir) {
        try {
            Files.createDirectories(dir);
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            String ext = dot > 0 ? name.substring(dot) : "";
            Path target = dir.resolve(name);
            for (int n = 2; Files.exists(target); n++) {
                target = dir.resolve(base + "-" + n + ext);
            }
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + file + " could not be moved to " + dir, e);
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        validators.shutdownNow();
        uploaders.shutdown();
        withdrawals.shutdown();
        try {
            uploaders.awaitTermination(30, TimeUnit.SECONDS);
            withdrawals.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
