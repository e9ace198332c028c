package io.outboundsync.contacts.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.Redactor;
import io.outboundsync.support.Current;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a reconciliation of a campaign's contact list with what Genesys really holds (the
 * {@code contacts-reconcile} route): the list is exported with the real API ({@code POST .../export}, then
 * {@code GET .../export} until the download URI is given: the route's loop), the CSV downloaded to a temporary file,
 * compared with the ledger ({@link ExportComparison}), repaired when asked, reported. Each step takes what it needs
 * and returns its result; the reconciliation under way is the read-only {@link Reconciling}.
 *
 * <p>{@code --repair} re-sends the missing and changed contacts with the ledger's last acknowledged values, through
 * the halving route ({@link RepairBatches}): never a withdrawn one (a contact withdrawn here that Genesys holds
 * callable is reported, not sent). Ids in the samples are scrubbed like every other report.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /**
     * The report: {@code reports/reconcile-<list>-<time>.json}. Counts and (scrubbed) contact ids only; {@code target}
     * says which Genesys was compared ({@code sandbox (embedded, no org)} or {@code live: <org> (<region>)}).
     */
    public record Report(String target, String campaign, String contactListId, String trigger, String at, long inGenesys,
            long inAgreement, long missingInGenesys, long changedInGenesys, long unknownToUs,
            long withdrawnButCallableInGenesys, boolean repair, long repaired, long repairRefused,
            Map<String, List<String>> samples) {
    }

    private final GenesysClient genesys;
    private final Current<Ledger> ledgers;
    private final Map<String, CampaignContacts> campaigns;
    private final Redactor redactor;
    private final Clock clock;
    private final Current<String> target;
    private final long timeoutMs;
    private final int batchSize;

    public Reconciler(GenesysClient genesys, Current<Ledger> ledgers, Map<String, CampaignContacts> campaigns,
            Redactor redactor, Clock clock, Current<String> target, long timeoutMs, int batchSize) {
        this.genesys = genesys;
        this.ledgers = ledgers;
        this.campaigns = campaigns;
        this.redactor = redactor;
        this.clock = clock;
        this.target = target;
        this.timeoutMs = timeoutMs;
        this.batchSize = batchSize;
    }

    /** The campaign keys a scheduled reconciliation goes through. */
    public List<String> campaignKeys() {
        return List.copyOf(campaigns.keySet());
    }

    /** Starts: the campaign's list (resolved, never created here) and its export asked for. */
    public Reconciling start(String campaign, Boolean repair, String trigger) {
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
        String listId = list.get("id").asText();
        genesys.post("/api/v2/outbound/contactlists/" + listId + "/export", null);
        return new Reconciling(campaign, listId, contacts.contactList(), contacts.addFlags(),
                Boolean.TRUE.equals(repair), trigger, clock.millis());
    }

    /**
     * One look at the export: {@code GET .../export} answers 404 until it is ready, then its download URI's path on
     * the API host. Null while not ready; past {@code contacts.reconcile.export-timeout-ms} since it was asked for,
     * the reconciliation stops with the fix.
     */
    public String exportReady(Reconciling run) {
        try {
            JsonNode uri = genesys.get("/api/v2/outbound/contactlists/" + run.listId() + "/export",
                    Map.of("download", "false"));
            String download = uri.path("uri").asText(null);
            if (download != null) {
                return URI.create(download).getRawPath();
            }
        } catch (GenesysApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        if (clock.millis() - run.exportAskedAtMs() >= timeoutMs) {
            throw new IllegalStateException("The export of contact list " + run.listId() + " was not ready after "
                    + timeoutMs + " ms. Fix: raise contacts.reconcile.export-timeout-ms, or try again later");
        }
        return null;
    }

    /**
     * Asks Genesys where the export's file is: {@code GET /api/v2/downloads/{id}?issueRedirect=false} answers a
     * {@code UrlResponse} whose {@code url} is signed for the storage host (without the flag it answers a redirect
     * there, which an HTTP client following it would take with our bearer token). Source: the official SDK,
     * {@code DownloadsApi.getDownload}, "issueRedirect (optional, default to true)". The URL is checked
     * ({@link SignedDownload}); it is a credential, never logged or reported.
     */
    public String locateDownload(Reconciling run, String path) {
        if (path == null || !path.startsWith("/api/v2/downloads/")) {
            throw new IllegalStateException("The export of contact list " + run.listId() + " gave no download of"
                    + " /api/v2/downloads/ (" + (path == null ? "no uri" : "a path of another kind") + "): refused");
        }
        JsonNode answer = genesys.get(path, Map.of("issueRedirect", "false"));
        return SignedDownload.of(answer.path("url").asText(null), run.listId()).toString();
    }

    /** The storage host of a signed URL: what a failed download is said with. */
    public String host(String signedUrl) {
        return URI.create(signedUrl).getHost();
    }

    /** The signed download failed: said with the storage host and the status only ({@link SignedDownload}). */
    public void downloadFailed(Reconciling run, String host, Exception failure) {
        throw SignedDownload.failed(host, run.listId(), failure);
    }

    /** Saves the downloaded export (the route's answer, a stream) to a temporary file beside the ledger. */
    public Path saveExport(Reconciling run, InputStream body) {
        try {
            Path export = Files.createTempFile(ledger().stateDir(), "reconcile-" + run.listId(), ".csv");
            try (InputStream in = body != null ? body : InputStream.nullInputStream()) {
                Files.copy(in, export, StandardCopyOption.REPLACE_EXISTING);
            }
            return export;
        } catch (IOException e) {
            throw new UncheckedIOException("The export of contact list " + run.listId() + " could not be saved", e);
        }
    }

    /** Compares the export with the ledger, streamed; the export file is removed after. */
    public Findings compare(Reconciling run, Path export) {
        Findings found = ExportComparison.compare(run, export, ledger());
        LOG.info("Reconciled {} (list {}): {} in Genesys, {} in agreement, {} missing in Genesys, {} changed in"
                + " Genesys, {} unknown to us, {} withdrawn here but callable there", run.campaign(), run.listId(),
                found.inGenesys(), found.agree(), found.missing(), found.changed(), found.unknown(),
                found.withdrawnButCallable());
        return found;
    }

    /** The batches a repair sends again: the missing and changed contacts, read lazily from the findings' file. */
    public RepairBatches repairBatches(Reconciling run, Findings findings) {
        return new RepairBatches(run, ledger(), findings.toRepair(), batchSize);
    }

    /** The outcome: what was found, and what a repair sent again ({@code null}: nothing, or no repair). */
    public Reconciliation outcome(Reconciling run, Findings findings, Repaired resent) {
        deleteQuietly(findings.toRepair());
        Repaired sent = resent == null ? Repaired.NOTHING : resent;
        if (run.repair()) {
            LOG.info("Repaired {} (list {}): {} contact(s) sent again with their last acknowledged values, {} refused"
                    + " by Genesys", run.campaign(), run.listId(), sent.acknowledged(), sent.refused());
        }
        return new Reconciliation(run, findings, sent);
    }

    /** The report of a finished reconciliation. */
    public Report report(Reconciliation done) {
        Reconciling run = done.run();
        Findings found = done.findings();
        Map<String, List<String>> samples = new LinkedHashMap<>();
        for (String kind : List.of(Findings.MISSING, Findings.CHANGED, Findings.UNKNOWN,
                Findings.WITHDRAWN_BUT_CALLABLE)) {
            samples.put(kind, found.samples().get(kind).stream().map(redactor::scrub).toList());
        }
        return new Report(target.get(), run.campaign(), run.listId(), run.trigger(), clock.instant().toString(),
                found.inGenesys(), found.agree(), found.missing(), found.changed(), found.unknown(),
                found.withdrawnButCallable(), run.repair(), done.resent().acknowledged(), done.resent().refused(),
                samples);
    }

    /** The report file's name: {@code reconcile-<list>-<time>.json}. */
    public String reportName(Reconciling run) {
        return "reconcile-" + run.listId() + "-" + clock.instant().toString().replace(':', '-') + ".json";
    }

    private Ledger ledger() {
        Ledger ledger = ledgers.get();
        if (ledger == null) {
            throw new IllegalStateException("The org's ledger is not open");
        }
        return ledger;
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", file, e);
            }
        }
    }
}
