package io.outboundsync.contacts.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.DialerContact;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.Redactor;
import io.outboundsync.support.Current;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a campaign's contact list with what Genesys really holds (the {@code contacts-reconcile} route): the
 * list is exported with the real API ({@code POST .../export}, {@code GET .../export} until the download URI is
 * given, the CSV downloaded to a temporary file), then compared with the ledger row by row, streamed: each export
 * row is looked up in the ledger by its {@code inin-outbound-id}, the ids seen go to a temporary on-disk map, and
 * a pass over the ledger finds what Genesys no longer has. No copy of the list is held in the heap.
 *
 * <p>Outcome per contact: in agreement; missing in Genesys (acknowledged, callable, not in the export); changed in
 * Genesys (its values differ from the last acknowledged ones, or callable there though withdrawn here); present in
 * Genesys but unknown to us. {@code --repair} re-sends the missing and changed contacts with the ledger's last
 * acknowledged values: never a withdrawn one (a contact withdrawn here that Genesys holds callable is reported, not
 * sent). Ids in the samples are scrubbed like every other report.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final String ID_COLUMN = "inin-outbound-id";
    static final String CALLABLE_COLUMN = "ContactCallable";
    private static final int SAMPLE = 20;
    private static final int CHUNK = 1000;

    /** What one reconciliation found and did; the exchange property {@code reconciliation} while it runs. */
    public static final class Reconciliation {
        private final String campaign;
        private final String listId;
        private final boolean repair;
        private final String trigger;
        private final ContactListSpec spec;
        private String downloadUri;
        /** Where the file is: the storage host's signed URL, itself a credential (never logged, never reported). */
        private java.net.URI signedUrl;
        private Path export;
        private Path toRepair;
        long inGenesys;
        long agree;
        long missing;
        long changed;
        long unknown;
        long withdrawnButCallable;
        long repaired;
        final List<String> missingSample = new ArrayList<>();
        final List<String> changedSample = new ArrayList<>();
        final List<String> unknownSample = new ArrayList<>();
        final List<String> withdrawnButCallableSample = new ArrayList<>();

        Reconciliation(String campaign, String listId, ContactListSpec spec, boolean repair, String trigger) {
            this.campaign = campaign;
            this.listId = listId;
            this.spec = spec;
            this.repair = repair;
            this.trigger = trigger;
        }

        public String getCampaign() {
            return campaign;
        }

        public String getListId() {
            return listId;
        }

        public boolean isRepair() {
            return repair;
        }

        public String getTrigger() {
            return trigger;
        }

        public long getMissing() {
            return missing;
        }

        public long getChanged() {
            return changed;
        }

        public long getUnknown() {
            return unknown;
        }

        public long getAgree() {
            return agree;
        }

        public long getInGenesys() {
            return inGenesys;
        }

        public long getWithdrawnButCallable() {
            return withdrawnButCallable;
        }

        public long getRepaired() {
            return repaired;
        }

        /** The download URI's path on the API host ({@code /api/v2/downloads/...}). */
        public String getDownloadPath() {
            return downloadUri == null ? null : java.net.URI.create(downloadUri).getRawPath();
        }

        /** The signed URL the file is fetched from, with no header of ours (never the bearer token). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String getSignedUrl() {
            return signedUrl == null ? null : signedUrl.toString();
        }

        /** True when Genesys and the ledger agree on every contact. */
        public boolean isInAgreement() {
            return missing == 0 && changed == 0 && unknown == 0 && withdrawnButCallable == 0;
        }

        /** The audit record's outcome: {@code ok} when Genesys and the ledger agree, else {@code differences}. */
        public String getOutcome() {
            return isInAgreement() ? "ok" : "differences";
        }
    }

    /**
     * The report: {@code reports/reconcile-<list>-<time>.json}. Counts and (scrubbed) contact ids only; {@code target}
     * says which Genesys was compared ({@code sandbox (embedded, no org)} or {@code live: <org> (<region>)}).
     */
    public record Report(String target, String campaign, String contactListId, String trigger, String at, long inGenesys,
            long inAgreement, long missingInGenesys, long changedInGenesys, long unknownToUs,
            long withdrawnButCallableInGenesys, boolean repair, long repaired, Map<String, List<String>> samples) {
    }

    private final GenesysClient genesys;
    private final Current<Ledger> ledgers;
    private final Map<String, CampaignContacts> campaigns;
    private final Redactor redactor;
    private final Clock clock;
    private final Current<String> target;
    private final long pollMs;
    private final long timeoutMs;
    private final int batchSize;

    public Reconciler(GenesysClient genesys, Current<Ledger> ledgers, Map<String, CampaignContacts> campaigns, Redactor redactor, Clock clock,
            Current<String> target, long pollMs, long timeoutMs, int batchSize) {
        this.genesys = genesys;
        this.ledgers = ledgers;
        this.campaigns = campaigns;
        this.redactor = redactor;
        this.clock = clock;
        this.target = target;
        this.pollMs = pollMs;
        this.timeoutMs = timeoutMs;
        this.batchSize = batchSize;
    }

    /** The campaign keys a scheduled reconciliation goes through. */
    public List<String> campaignKeys() {
        return List.copyOf(campaigns.keySet());
    }

    /** Starts: the campaign's list (resolved, never created here) and its export. */
    public Reconciliation start(String campaign, Boolean repair, String trigger) {
        CampaignContacts contacts = campaigns.get(campaign);
        if (contacts == null) {
            throw new IllegalArgumentException("There is no campaign '" + campaign + "' (config/campaigns: "
                    + String.join(", ", campaigns.keySet()) + ")");
        }
        JsonNode list = genesys.findByName("/api/v2/outbound/contactlists", contacts.contactList().name());
        if (list == null) {
            throw new IllegalStateException("Campaign " + campaign + " has no contact list '"
                    + contacts.contactList().name() + "' in Genesys yet: nothing to reconcile (a first drop creates"
                    + " it)");
        }
        Reconciliation run = new Reconciliation(campaign, list.get("id").asText(), contacts.contactList(),
                Boolean.TRUE.equals(repair), trigger);
        genesys.post("/api/v2/outbound/contactlists/" + run.listId + "/export", null);
        return run;
    }

    /** Waits for the export: {@code GET .../export} answers 404 until it is ready, then its download URI. */
    public void awaitExport(Reconciliation run) throws InterruptedException {
        long deadline = clock.millis() + timeoutMs;
        while (true) {
            try {
                JsonNode uri = genesys.get("/api/v2/outbound/contactlists/" + run.listId + "/export",
                        Map.of("download", "false"));
                run.downloadUri = uri.path("uri").asText(null);
                if (run.downloadUri != null) {
                    return;
                }
            } catch (GenesysApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            if (clock.millis() >= deadline) {
                throw new IllegalStateException("The export of contact list " + run.listId + " was not ready after "
                        + timeoutMs + " ms. Fix: raise contacts.reconcile.export-timeout-ms, or try again later");
            }
            Thread.sleep(pollMs);
        }
    }

    /**
     * Asks Genesys where the export's file is: {@code GET /api/v2/downloads/{id}?issueRedirect=false} answers a
     * {@code UrlResponse} whose {@code url} is signed for the storage host (without the flag it answers a redirect
     * there, which an HTTP client following it would take with our bearer token). Source: the official SDK,
     * {@code DownloadsApi.getDownload}, "issueRedirect (optional, default to true)". The URL is checked
     * ({@link SignedDownload}).
     */
    public void locateDownload(Reconciliation run) {
        String path = run.getDownloadPath();
        if (path == null || !path.startsWith("/api/v2/downloads/")) {
            throw new IllegalStateException("The export of contact list " + run.listId + " gave no download of"
                    + " /api/v2/downloads/ (" + (path == null ? "no uri" : "a path of another kind") + "): refused");
        }
        JsonNode answer = genesys.get(path, Map.of("issueRedirect", "false"));
        run.signedUrl = SignedDownload.of(answer.path("url").asText(null), run.listId);
    }

    /** The signed download failed: said with the storage host and the status only ({@link SignedDownload}). */
    public void downloadFailed(Reconciliation run, Exception failure) {
        throw SignedDownload.failed(run.signedUrl, run.listId, failure);
    }

    /** Saves the downloaded export (the route's answer, a stream) to a temporary file beside the ledger. */
    public void saveExport(Reconciliation run, InputStream body) {
        try {
            run.export = Files.createTempFile(ledger().stateDir(), "reconcile-" + run.listId, ".csv");
            try (InputStream in = body != null ? body : InputStream.nullInputStream()) {
                Files.copy(in, run.export, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The export of contact list " + run.listId + " could not be saved", e);
        }
    }

    /** Compares the export with the ledger, streamed. */
    public void compare(Reconciliation run) {
        Ledger ledger = ledger();
        List<String> columns = run.spec.columns();
        Path seenFile = null;
        MVStore seenStore = null;
        try {
            seenFile = Files.createTempFile(ledger.stateDir(), "reconcile-seen", ".mv");
            Files.delete(seenFile);
            seenStore = new MVStore.Builder().fileName(seenFile.toString()).cacheSize(8).open();
            MVMap<String, Boolean> seen = seenStore.openMap("seen");
            run.toRepair = Files.createTempFile(ledger.stateDir(), "reconcile-repair", ".txt");
            try (BufferedReader reader = Files.newBufferedReader(run.export, StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(reader);
                    BufferedWriter repair = Files.newBufferedWriter(run.toRepair, StandardCharsets.UTF_8)) {
                Map<String, Integer> header = csv.getHeaderMap();
                if (!header.containsKey(ID_COLUMN)) {
                    throw new IllegalStateException("The export of contact list " + run.listId + " has no "
                            + ID_COLUMN + " column");
                }
                List<CSVRecord> chunk = new ArrayList<>(CHUNK);
                for (CSVRecord record : csv) {
                    chunk.add(record);
                    if (chunk.size() == CHUNK) {
                        compareChunk(run, ledger, columns, header, chunk, seen, repair);
                        chunk.clear();
                    }
                }
                compareChunk(run, ledger, columns, header, chunk, seen, repair);
                // what the ledger holds (callable) and Genesys does not
                ledger.forEachContact(run.listId, (id, values) -> {
                    if (!seen.containsKey(id)) {
                        run.missing++;
                        sample(run.missingSample, id);
                        write(repair, id);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The export of contact list " + run.listId + " could not be read", e);
        } finally {
            if (seenStore != null) {
                seenStore.closeImmediately();
            }
            deleteQuietly(seenFile);
            deleteQuietly(run.export);
        }
        LOG.info("Reconciled {} (list {}): {} in Genesys, {} in agreement, {} missing in Genesys, {} changed in"
                + " Genesys, {} unknown to us, {} withdrawn here but callable there", run.campaign, run.listId,
                run.inGenesys, run.agree, run.missing, run.changed, run.unknown, run.withdrawnButCallable);
    }

    private void compareChunk(Reconciliation run, Ledger ledger, List<String> columns, Map<String, Integer> header,
            List<CSVRecord> chunk, MVMap<String, Boolean> seen, BufferedWriter repair) {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(chunk.size());
        chunk.forEach(r -> ids.add(r.get(ID_COLUMN)));
        Map<String, String[]> acknowledged = ledger.acknowledgedValues(run.listId, ids);
        Set<String> withdrawn = ledger.withdrawnAmong(run.listId, ids);
        Integer callableAt = header.get(CALLABLE_COLUMN);
        for (CSVRecord record : chunk) {
            String id = record.get(ID_COLUMN);
            run.inGenesys++;
            seen.put(id, Boolean.TRUE);
            String[] ours = acknowledged.get(id);
            boolean callable = callableAt == null || !"0".equals(record.get(callableAt.intValue()));
            if (withdrawn.contains(id)) {
                if (callable) {
                    run.withdrawnButCallable++;
                    sample(run.withdrawnButCallableSample, id);
                } else {
                    run.agree++;
                }
            } else if (ours == null) {
                run.unknown++;
                sample(run.unknownSample, id);
            } else if (sameValues(ours, columns, header, record) && callable) {
                run.agree++;
            } else {
                run.changed++;
                sample(run.changedSample, id);
                write(repair, id);
            }
        }
    }

    /** The ledger's values (one per list column, null for none) against the export row's (empty for none). */
    static boolean sameValues(String[] ours, List<String> columns, Map<String, Integer> header, CSVRecord record) {
        for (int i = 0; i < columns.size(); i++) {
            Integer at = header.get(columns.get(i));
            String theirs = at == null || !record.isSet(at) ? "" : record.get(at.intValue());
            String mine = i < ours.length && ours[i] != null ? ours[i] : "";
            if (!Objects.equals(mine, theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Re-sends the missing and changed contacts with the ledger's last acknowledged values, in batches. */
    public void repair(Reconciliation run) {
        Ledger ledger = ledger();
        List<String> columns = run.spec.columns();
        String path = "/api/v2/outbound/contactlists/" + run.listId + "/contacts";
        try (BufferedReader ids = Files.newBufferedReader(run.toRepair, StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>(batchSize);
            for (String id = ids.readLine(); id != null; id = ids.readLine()) {
                batch.add(id);
                if (batch.size() == batchSize) {
                    run.repaired += send(ledger, run, columns, path, batch);
                    batch.clear();
                }
            }
            run.repaired += send(ledger, run, columns, path, batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Repaired {} (list {}): {} contact(s) sent again with their last acknowledged values", run.campaign,
                run.listId, run.repaired);
    }

    private int send(Ledger ledger, Reconciliation run, List<String> columns, String path, List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<String, String[]> values = ledger.acknowledgedValues(run.listId, ids);
        Set<String> withdrawn = ledger.withdrawnAmong(run.listId, ids);
        List<DialerContact> contacts = new ArrayList<>(ids.size());
        for (String id : ids) {
            String[] row = values.get(id);
            if (row != null && !withdrawn.contains(id)) {
                contacts.add(new DialerContact(id, run.listId, columns, Arrays.copyOf(row, columns.size()), null,
                        null));
            }
        }
        if (!contacts.isEmpty()) {
            genesys.postIgnoringAnswer(path, campaigns.get(run.campaign).addFlags().query(), contacts);
        }
        return contacts.size();
    }

    /** The report of a finished reconciliation, and the temporary id file removed. */
    public Report report(Reconciliation run) {
        deleteQuietly(run.toRepair);
        Map<String, List<String>> samples = new LinkedHashMap<>();
        samples.put("missingInGenesys", scrubbed(run.missingSample));
        samples.put("changedInGenesys", scrubbed(run.changedSample));
        samples.put("unknownToUs", scrubbed(run.unknownSample));
        samples.put("withdrawnButCallableInGenesys", scrubbed(run.withdrawnButCallableSample));
        return new Report(target.get(), run.campaign, run.listId, run.trigger, clock.instant().toString(), run.inGenesys,
                run.agree, run.missing, run.changed, run.unknown, run.withdrawnButCallable, run.repair, run.repaired,
                samples);
    }

    /** The report file's name: {@code reconcile-<list>-<time>.json}. */
    public String reportName(Reconciliation run) {
        return "reconcile-" + run.listId + "-" + clock.instant().toString().replace(':', '-') + ".json";
    }

    private List<String> scrubbed(List<String> ids) {
        return ids.stream().map(redactor::scrub).toList();
    }

    private static void sample(List<String> sample, String id) {
        if (sample.size() < SAMPLE) {
            sample.add(id);
        }
    }

    private static void write(BufferedWriter out, String id) {
        try {
            out.write(id);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Ledger ledger() {
        Ledger ledger = ledgers.get();
        if (ledger == null) {
            throw new IllegalStateException("The org's ledger is not open");
        }
        return ledger;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", file, e);
            }
        }
    }
}
