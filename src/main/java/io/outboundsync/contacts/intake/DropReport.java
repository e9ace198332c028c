package io.outboundsync.contacts.intake;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.DropSummary;
import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.UploadWindow;
import io.outboundsync.notify.Notifier;
import io.outboundsync.support.Details;
import io.outboundsync.support.FileMoves;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a drop in the {@code contacts-inbox} route: its outcome and summary, the ledger's record, where the
 * file goes ({@code processed/<date>/}, {@code failed/} with a reason file, or nowhere: a drop Genesys failed stays
 * in the inbox for the next run), the log line, the audit record and the CDP event.
 */
public final class DropReport {

    private static final Logger LOG = LoggerFactory.getLogger(DropReport.class);

    private final Path dataDir;
    private final io.outboundsync.support.Current<String> target;
    private final AuditLog audit;
    private final Notifier notifier;
    private final Clock clock;

    public DropReport(Path dataDir, AuditLog audit, Notifier notifier, Clock clock) {
        this(dataDir, audit, notifier, clock, () -> null);
    }

    /** @param target which Genesys the drops go to (known once the org is), for their summaries */
    public DropReport(Path dataDir, AuditLog audit, Notifier notifier, Clock clock,
            io.outboundsync.support.Current<String> target) {
        this.target = target;
        this.dataDir = dataDir;
        this.audit = audit;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** The broken ends already told (file and reason), so a drop retried at every poll says it once. */
    private final java.util.Set<String> toldBroken = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A drop whose end could not be reached (its summary, the ledger or the move failed: a full disk, a folder made
     * read-only): said once per file and reason, FAILED, and the file stays in the inbox to be taken again.
     */
    public Drop.Status broke(String absolutePath, Exception why) {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        for (Throwable cause = why.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException && cause.getMessage() != null) {
                reason = reason + " (" + cause.getMessage() + ")";
                break;
            }
        }
        if (toldBroken.add(absolutePath + "\n" + reason)) {
            LOG.error("Drop {} could not be ended: {}. It stays in the inbox and is taken again at the next look;"
                    + " /observe/health says what is wrong with the storage.", Path.of(absolutePath).getFileName(),
                    reason);
        }
        return Drop.Status.FAILED;
    }

    /** A file the gate refused whole: FAILED, to {@code failed/} with the reason. */
    public DropEnd refused(Admission admission) {
        DropFile facts = admission.facts();
        DropSummary summary = new DropSummary(Drop.Status.FAILED.name(), facts == null ? null : facts.sha256(), 0, 0,
                0, new TreeMap<>(), 0, 0, 0, 0, null, 0, admission.campaignKey(), admission.getName(), 0, 0, 0,
                "The file cannot be processed: " + admission.reason(), target.get());
        return new DropEnd(admission, null, summary, DropEnd.Ending.UNREADABLE, admission.reason(), 0);
    }

    /** The file cannot be read (further) before its rows: why, from the {@link DropException} found. */
    public RowsRead unreadable(Exception why) {
        DropException unreadable = io.outboundsync.support.Causes.find(why, DropException.class);
        return RowsRead.NONE.unreadableFor(unreadable != null ? unreadable.getMessage() : why.getMessage());
    }

    /**
     * What the drop came to ({@code reports/<file>.summary.json}) from what its rows came to and what Genesys took,
     * and where its file goes: changed while it was read, it stays to be taken again; unreadable, to
     * {@code failed/}; stopped by Genesys (or the ledger, or a step), it stays for the next run.
     */
    public DropEnd summary(Drop drop, RowsRead read) {
        Admission admission = drop.admission();
        UploadWindow uploads = drop.uploads();
        Exception failure = read.failure() != null ? read.failure() : uploads == null ? null : uploads.failure();
        String changed = admission.stamp() == null ? null
                : admission.stamp().changeTo(DropFile.Stamp.of(admission.file()));
        String error = null;
        Drop.Status status = Drop.Status.FAILED;
        DropEnd.Ending ending;
        if (changed != null) {
            ending = DropEnd.Ending.CHANGED;
            error = "The file changed while it was read (" + changed + "): it was still being written, or was"
                    + " replaced. The rows read were synced as they were read; the file stays in the inbox and is"
                    + " taken again, as a new drop, once it has been quiet for contacts.inbox.quiet-ms. Fix: write"
                    + " an export under a temporary name (.tmp, .part or a leading dot) and rename it into the inbox"
                    + " when it is complete, or use contacts.inbox.completion = done-file.";
        } else if (read.unreadable() != null) {
            ending = DropEnd.Ending.UNREADABLE;
            error = "The drop was stopped: " + read.unreadable();
        } else if (failure != null) {
            ending = DropEnd.Ending.RETRY;
            error = "Genesys did not take the contacts: " + failure.getMessage() + " The rows Genesys"
                    + " acknowledged are recorded; the file stays in the inbox and the next run sends the rest.";
        } else {
            ending = DropEnd.Ending.PROCESSED;
            status = read.rejected() > 0 ? Drop.Status.COMPLETED_WITH_REJECTS : Drop.Status.COMPLETED;
        }
        long uploaded = uploads == null ? 0 : uploads.uploaded();
        DropSummary summary = new DropSummary(status.name(), admission.facts().sha256(), read.rowsRead(),
                read.rowsRead() - read.rejected(), read.rejected(), new TreeMap<>(read.byReason()), read.duplicates(),
                read.unchanged(), uploaded, uploads == null ? 0 : uploads.withdrawn(), drop.listId(),
                (System.nanoTime() - drop.startedNanos()) / 1_000_000, drop.getCampaignKey(), drop.getName(),
                read.unmappedColumns(), drop.seen() == null ? 0 : drop.seen().sharedPhones(), read.recognised(),
                error, target.get());
        return new DropEnd(admission, drop, summary, ending, read.unreadable(),
                uploads == null ? 0 : uploads.callableAgain());
    }

    /** The drop's end recorded in the ledger (a started drop), with its summary. */
    public void recorded(DropEnd end, String summaryJson) {
        Drop drop = end.drop();
        if (drop == null) {
            return;
        }
        drop.ledger().finishDrop(drop.dropId(), end.summary().status(), summaryJson);
        if (drop.seen() != null) {
            drop.seen().close();
        }
        if (drop.lines() != null) {
            drop.lines().close();
        }
    }

    /** To {@code processed/<date>/}. */
    public Path toProcessed(DropEnd end) {
        return toProcessed(end.admission());
    }

    private Path toProcessed(Admission admission) {
        return FileMoves.move(admission.file(), dataDir.resolve("processed").resolve(LocalDate.now(clock).toString()));
    }

    /** To {@code failed/}, with {@code <name>.error.txt} saying why. */
    public Path toFailed(DropEnd end) {
        Path moved = FileMoves.move(end.admission().file(), dataDir.resolve("failed"));
        try {
            Files.writeString(moved.resolveSibling(moved.getFileName() + ".error.txt"), "The drop " + end.getName()
                    + " was not processed: " + end.reason() + ".\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("The reason file for {} could not be written: {}", moved, e.getMessage());
        }
        return moved;
    }

    /** The log lines, the audit record and (unless nothing reached Genesys of a failed drop) the CDP event. */
    public void tell(DropEnd end, Path movedTo) {
        Admission drop = end.admission();
        DropSummary summary = end.summary();
        if (summary.sharedPhoneNumbers() > 0) {
            LOG.warn("{}: {} phone number(s) are shared by more than one contact", drop.getName(),
                    summary.sharedPhoneNumbers());
        }
        if (end.callableAgain() > 0) {
            LOG.warn("{}: {} contact(s) made uncallable before are accepted again and callable; their numbers stay on"
                    + " the DNC list '{}' until a person removes them", drop.getName(), end.callableAgain(),
                    drop.campaign().contactList().dncList());
        }
        if (drop.verdict() == Admission.Verdict.REFUSED) {
            LOG.warn("Drop {} of campaign {} cannot be processed: {}; moved to {}", drop.getName(),
                    drop.campaignKey(), drop.reason(), movedTo);
            audit.append("contacts.drop", drop.trigger(), drop.campaignKey() + "/" + drop.getName(), "failed",
                    Details.of("fileSha256", summary.fileSha256(), "error", drop.reason()));
            return;
        }
        LOG.info("{} of campaign {}: {} in {} ms: {} rows read, {} uploaded, {} unchanged, {} withdrawn, {} rejected{}",
                drop.getName(), drop.campaignKey(), summary.status(), summary.durationMs(), summary.rowsRead(),
                summary.uploaded(), summary.unchanged(), summary.withdrawn(), summary.rejected(), movedTo == null
                        ? "; the file stays in the inbox" : "; moved to " + movedTo);
        if (summary.error() != null) {
            LOG.warn("{}: {}", drop.getName(), summary.error());
        }
        boolean failed = end.getStatus() == Drop.Status.FAILED;
        audit.append("contacts.drop", drop.trigger(), drop.campaignKey() + "/" + drop.getName(),
                failed ? "failed" : "ok", Details.of("fileSha256", summary.fileSha256(), "status", summary.status(),
                        "contactListId", summary.contactListId(), "rowsRead", summary.rowsRead(),
                        "accepted", summary.accepted(), "rejected", summary.rejected(),
                        "rejectedByReason", summary.rejectedByReason(), "duplicatesInDrop", summary.duplicatesInDrop(),
                        "unchanged", summary.unchanged(), "uploaded", summary.uploaded(),
                        "withdrawn", summary.withdrawn(), "callableAgain", end.callableAgain(),
                        "sharedPhoneNumbers", summary.sharedPhoneNumbers(), "error", summary.error(),
                        "errorRate", summary.rowsRead() == 0 ? 0.0 : Math.round(1000.0 * summary.rejected()
                                / summary.rowsRead()) / 1000.0, "latencyMs", summary.durationMs(),
                        "target", summary.target()));
        if (!failed || summary.uploaded() > 0 || summary.withdrawn() > 0) {
            notifier.publish("cdp", "contacts.synced", Details.of("campaign", drop.campaignKey(), "file",
                    drop.getName(), "status", summary.status(), "contactListId", summary.contactListId(),
                    "rowsRead", summary.rowsRead(), "uploaded", summary.uploaded(), "unchanged", summary.unchanged(),
                    "withdrawn", summary.withdrawn(), "rejected", summary.rejected()));
        }
    }

    /** A drop already processed with the same content: moved on, logged and audited, nothing sent. */
    public Drop.Status skipped(Admission drop) {
        Path moved = toProcessed(drop);
        Ledger.PreviousDrop previous = drop.previous();
        LOG.info("Drop {} of campaign {} was already processed on {} with the same content (sha256 {}); skipped,"
                + " moved to {}", drop.getName(), drop.campaignKey(), previous.finishedAt(), drop.facts().sha256(),
                moved);
        audit.append("contacts.drop.skipped", drop.trigger(), drop.campaignKey() + "/" + drop.getName(),
                "skipped", Details.of("fileSha256", drop.facts().sha256(), "previousDrop", previous.id(), "reason",
                        "already processed with the same content"));
        return Drop.Status.SKIPPED;
    }
}
