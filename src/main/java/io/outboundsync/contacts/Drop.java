package io.outboundsync.contacts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One drop while the {@code contacts-inbox} route carries it (the exchange property {@code drop}): what it is, how
 * far it got and what became of its rows. The route's steps read and write it; it holds no logic of its own beyond
 * keeping its counts consistent across the upload threads.
 */
public final class Drop {

    /** How a drop ended. */
    public enum Status { COMPLETED, COMPLETED_WITH_REJECTS, FAILED, SKIPPED }

    private final String campaignKey;
    private final Path file;
    private final String trigger;
    private final long startedNanos = System.nanoTime();
    private final DropSummary.Counts counts = new DropSummary.Counts();
    /** Uploads handed to the upload route and not finished yet (the reader registers, the uploader arrives). */
    private final Phaser inFlight = new Phaser(1);
    private final AtomicReference<Exception> uploadFailure = new AtomicReference<>();
    private final List<NormalisedRow> pendingUpload = new ArrayList<>();
    private final List<NormalisedRow> pendingWithdrawals = new ArrayList<>();
    private Set<String> repeated = Set.of();
    private final List<NormalisedRow> heldRepeated = new ArrayList<>();
    /** Rows Genesys refused (from the upload threads), until the route writes them to the rejects file. */
    private final List<NormalisedRow> refusedByGenesys = new ArrayList<>();
    private CampaignContacts campaign;
    private DropFile facts;
    private DropFile.Stamp stamp;
    private String changedWhileRead;
    private String refusal;
    private Ledger.PreviousDrop previous;
    private Ledger ledger;
    private long dropId;
    private String listId;
    private DropSeen seen;
    private RowNormaliser normaliser;
    private RowSource rows;
    private RowSource.CountingStream opened;
    private long unmapped;
    private long sharedPhones;
    private long lastProgressNanos = startedNanos;
    private String unreadable;
    private Exception genesysFailure;
    private Status status;

    Drop(String campaignKey, Path file, String trigger) {
        this.campaignKey = campaignKey;
        this.file = file;
        this.trigger = trigger;
    }

    public String getCampaignKey() {
        return campaignKey;
    }

    public Path getFile() {
        return file;
    }

    public String getName() {
        return file.getFileName().toString();
    }

    public String getTrigger() {
        return trigger;
    }

    /** Why the gate refused the file whole, or null. */
    public String getRefusal() {
        return refusal;
    }

    /** The earlier drop with the same name and content, when this one is skipped; else null. */
    public Ledger.PreviousDrop getPrevious() {
        return previous;
    }

    /** {@code csv} or {@code json}: how its rows are read. */
    public String getFormat() {
        return RowSource.isCsv(getName()) ? "csv" : "json";
    }

    public String getListId() {
        return listId;
    }

    public boolean isUnreadable() {
        return unreadable != null;
    }

    /** True once an upload failed: the reader stops at the next chunk. */
    public boolean isUploadFailed() {
        return uploadFailure.get() != null;
    }

    public Status getStatus() {
        return status;
    }

    /**
     * How far a drop in progress has come (the status page): its counts so far, read under their lock, and the
     * file's share read. Counts and names only.
     */
    public record Progress(String file, String campaign, long rowsRead, long rejected, long uploaded, long unchanged,
            long withdrawn, java.util.Map<String, Long> rejectedByReason, double shareRead, double seconds) {
    }

    public Progress progress() {
        synchronized (counts) {
            return new Progress(getName(), campaignKey, counts.rowsRead, counts.rejected, counts.uploaded,
                    counts.unchanged, counts.withdrawn, new java.util.TreeMap<>(counts.byReason), shareRead(),
                    (System.nanoTime() - startedNanos) / 1e9);
        }
    }

    void refuse(String why) {
        this.refusal = why;
        this.unreadable = why;
    }

    /** The file's stamp when its content was inspected (its checksum), to compare with before it is moved. */
    void stamped(DropFile.Stamp stamp) {
        this.stamp = stamp;
    }

    /**
     * Compares the file with its stamp at admission, once: how it changed while it was read, or null. A file
     * that changed is not the file that was synced: it stays in the inbox and is taken again as a new drop.
     */
    String checkUnchanged() {
        if (changedWhileRead == null && stamp != null) {
            changedWhileRead = stamp.changeTo(DropFile.Stamp.of(file));
        }
        return changedWhileRead;
    }

    /** Whether the file changed while it was read ({@link #checkUnchanged()} found it). */
    public boolean isChangedWhileRead() {
        return changedWhileRead != null;
    }

    private volatile ListRoom room;

    void admitted(CampaignContacts campaign, DropFile facts) {
        this.campaign = campaign;
        this.facts = facts;
    }

    void skip(Ledger.PreviousDrop previous) {
        this.previous = previous;
        this.status = Status.SKIPPED;
    }

    void started(Ledger ledger, long dropId, DropSeen seen, RowNormaliser normaliser) {
        this.ledger = ledger;
        this.dropId = dropId;
        this.seen = seen;
        this.normaliser = normaliser;
    }

    void listResolved(String listId) {
        this.listId = listId;
    }

    /** What the list and the org still take of this drop's new contacts (Genesys' limits), known at its start. */
    void roomIs(ListRoom room) {
        this.room = room;
    }

    ListRoom room() {
        return room == null ? ListRoom.unlimited() : room;
    }

    void opened(RowSource.CountingStream in) {
        this.opened = in;
    }

    RowSource.CountingStream opened() {
        return opened;
    }

    /** The file's share read so far, 0 to 1. */
    double shareRead() {
        return opened == null || facts == null || facts.size() == 0 ? 1 : (double) opened.count() / facts.size();
    }

    void reading(RowSource rows) {
        this.rows = rows;
    }

    CampaignContacts campaign() {
        return campaign;
    }

    DropFile facts() {
        return facts;
    }

    Ledger ledger() {
        return ledger;
    }

    long dropId() {
        return dropId;
    }

    DropSeen seen() {
        return seen;
    }

    RowNormaliser normaliser() {
        return normaliser;
    }

    RowSource rows() {
        return rows;
    }

    DropSummary.Counts counts() {
        return counts;
    }

    List<NormalisedRow> pendingUpload() {
        return pendingUpload;
    }

    List<NormalisedRow> pendingWithdrawals() {
        return pendingWithdrawals;
    }

    /** The contacts the drop names in more than one row, found before its rows are read ({@link DropRepeats}). */
    public void repeatedAre(Set<String> contactIds) {
        this.repeated = Set.copyOf(contactIds);
    }

    Set<String> repeated() {
        return repeated;
    }

    /** A row of a repeated contact, held until the drop is read. */
    void holdRepeated(NormalisedRow row) {
        heldRepeated.add(row);
    }

    /** The held rows, in file order, taken. */
    List<NormalisedRow> takeRepeated() {
        List<NormalisedRow> rows = new ArrayList<>(heldRepeated);
        heldRepeated.clear();
        return rows;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Returns true when a progress line is due (at most one per interval). */
    private volatile boolean barShown;

    /** A progress bar was drawn on the terminal for this drop (its end starts a new line). */
    void barShown() {
        barShown = true;
    }

    boolean isBarShown() {
        return barShown;
    }

    boolean progressDue(long intervalMs) {
        long now = System.nanoTime();
        if ((now - lastProgressNanos) / 1_000_000 < intervalMs) {
            return false;
        }
        lastProgressNanos = now;
        return true;
    }

    void refusedByGenesys(NormalisedRow row) {
        synchronized (refusedByGenesys) {
            refusedByGenesys.add(row);
        }
    }

    /** The rows Genesys refused since the last call, taken. */
    List<NormalisedRow> takeRefusedByGenesys() {
        synchronized (refusedByGenesys) {
            List<NormalisedRow> taken = new ArrayList<>(refusedByGenesys);
            refusedByGenesys.clear();
            return taken;
        }
    }

    void uploadHandedOver() {
        inFlight.register();
    }

    void uploadEnded(Exception failure) {
        if (failure != null) {
            uploadFailure.compareAndSet(null, failure);
        }
        inFlight.arriveAndDeregister();
    }

    /** Waits until every upload handed over has ended. */
    void awaitUploads() {
        inFlight.arriveAndAwaitAdvance();
    }

    Exception uploadFailure() {
        return uploadFailure.get();
    }

    void readingEnded() {
        if (rows != null) {
            unmapped = rows.unmappedColumns().size();
        }
        if (seen != null) {
            sharedPhones = seen.sharedPhones();
        }
    }

    void stopUnreadable(String why) {
        if (unreadable == null) {
            unreadable = why;
        }
    }

    void stopByGenesys(Exception failure) {
        if (genesysFailure == null) {
            genesysFailure = failure;
        }
    }

    String unreadableReason() {
        return unreadable;
    }

    Exception genesysFailure() {
        return genesysFailure != null ? genesysFailure : uploadFailure.get();
    }

    long unmapped() {
        return unmapped;
    }

    long sharedPhones() {
        return sharedPhones;
    }

    void ended(Status status) {
        this.status = status;
    }
}
