package io.outboundsync.contacts;

import io.outboundsync.notify.AuditLog;
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
     *
     * @param drop the drop, or null when the gate itself failed
     */
    public Drop broke(String absolutePath, Drop drop, Exception why) {
        Drop failed = drop != null ? drop : new Drop("(unknown)", Path.of(absolutePath), "inbox");
        failed.ended(Drop.Status.FAILED);
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        for (Throwable cause = why.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException && cause.getMessage() != null) {
                reason = reason + " (" + cause.getMessage() + ")";
                break;
            }
        }
        if (toldBroken.add(absolutePath + "\n" + reason)) {
            LOG.error("Drop {} could not be ended: {}. It stays in the inbox and is taken again at the next look;"
                    + " /observe/health says what is wrong with the storage.", failed.getName(), reason);
        }
        return failed;
    }

    /** What the drop came to ({@code reports/<file>.summary.json}); decides its status. */
    public DropSummary summary(Drop drop) {
        drop.readingEnded();
        DropSummary.Counts counts = drop.counts();
        String error = null;
        Drop.Status status;
        String changed = drop.getRefusal() == null ? drop.checkUnchanged() : null;
        if (drop.getRefusal() != null) {
            status = Drop.Status.FAILED;
            error = "The file cannot be processed: " + drop.getRefusal();
        } else if (changed != null) {
            status = Drop.Status.FAILED;
            error = "The file changed while it was read (" + changed + "): it was still being written, or was"
                    + " replaced. The rows read were synced as they were read; the file stays in the inbox and is"
                    + " taken again, as a new drop, once it has been quiet for contacts.inbox.quiet-ms. Fix: write"
                    + " an export under a temporary name (.tmp, .part or a leading dot) and rename it into the inbox"
                    + " when it is complete, or use contacts.inbox.completion = done-file.";
        } else if (drop.isUnreadable()) {
            status = Drop.Status.FAILED;
            error = "The drop was stopped: " + drop.unreadableReason();
        } else if (drop.genesysFailure() != null) {
            status = Drop.Status.FAILED;
            error = "Genesys did not take the contacts: " + drop.genesysFailure().getMessage() + " The rows Genesys"
                    + " acknowledged are recorded; the file stays in the inbox and the next run sends the rest.";
        } else {
            status = counts.rejected > 0 ? Drop.Status.COMPLETED_WITH_REJECTS : Drop.Status.COMPLETED;
        }
        drop.ended(status);
        DropFile facts = drop.facts();
        synchronized (counts) {
            return new DropSummary(status.name(), facts == null ? null : facts.sha256(), counts.rowsRead,
                    counts.rowsRead - counts.rejected, counts.rejected, new TreeMap<>(counts.byReason),
                    counts.duplicates, counts.unchanged, counts.uploaded, counts.withdrawn, drop.getListId(),
                    (System.nanoTime() - drop.startedNanos()) / 1_000_000, drop.getCampaignKey(), drop.getName(),
                    drop.unmapped(), drop.sharedPhones(), counts.recognised, error, target.get());
        }
    }

    /** The file cannot be read (further): the rows before are handled, the file goes to {@code failed/}. */
    public void unreadable(Drop drop, Exception why) {
        DropException unreadable = io.outboundsync.support.Causes.find(why, DropException.class);
        drop.stopUnreadable(unreadable != null ? unreadable.getMessage() : why.getMessage());
    }

    /**
     * Genesys refused or gave up, the ledger failed, or something unforeseen: the drop stops, what was acknowledged
     * is recorded, and the file stays for the next run.
     */
    public void genesysFailed(Drop drop, Exception why) {
        Exception upload = drop.uploadFailure();
        drop.stopByGenesys(upload != null ? upload : why);
    }

    /** The drop's end recorded in the ledger (a started drop), with its summary. */
    public void recorded(Drop drop, String summaryJson) {
        if (drop.rows() != null) {
            try {
                drop.rows().close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed", drop.getName(), e);
            }
        }
        if (drop.ledger() != null) {
            drop.ledger().finishDrop(drop.dropId(), drop.getStatus().name(), summaryJson);
        }
        if (drop.seen() != null) {
            drop.seen().close();
        }
    }

    /** To {@code processed/<date>/}. */
    public Path toProcessed(Drop drop) {
        return FileMoves.move(drop.getFile(), dataDir.resolve("processed").resolve(LocalDate.now(clock).toString()));
    }

    /** To {@code failed/}, with {@code <name>.error.txt} saying why. */
    public Path toFailed(Drop drop) {
        Path moved = FileMoves.move(drop.getFile(), dataDir.resolve("failed"));
        try {
            Files.writeString(moved.resolveSibling(moved.getFileName() + ".error.txt"), "The drop " + drop.getName()
                    + " was not processed: " + drop.unreadableReason() + ".\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("The reason file for {} could not be written: {}", moved, e.getMessage());
        }
        return moved;
    }

    /** The log lines, the audit record and (unless nothing reached Genesys of a failed drop) the CDP event. */
    public void tell(Drop drop, DropSummary summary, Path movedTo) {
        ChunkSteps.endBar(drop);
        if (summary.sharedPhoneNumbers() > 0) {
            LOG.warn("{}: {} phone number(s) are shared by more than one contact", drop.getName(),
                    summary.sharedPhoneNumbers());
        }
        if (drop.counts().callableAgain > 0) {
            LOG.warn("{}: {} contact(s) made uncallable before are accepted again and callable; their numbers stay on"
                    + " the DNC list '{}' until a person removes them", drop.getName(), drop.counts().callableAgain,
                    drop.campaign().contactList().dncList());
        }
        if (drop.getRefusal() != null) {
            LOG.warn("Drop {} of campaign {} cannot be processed: {}; moved to {}", drop.getName(),
                    drop.getCampaignKey(), drop.getRefusal(), movedTo);
            audit.append("contacts.drop", drop.getTrigger(), drop.getCampaignKey() + "/" + drop.getName(), "failed",
                    Details.of("fileSha256", summary.fileSha256(), "error", drop.getRefusal()));
            return;
        }
        LOG.info("{} of campaign {}: {} in {} ms: {} rows read, {} uploaded, {} unchanged, {} withdrawn, {} rejected{}",
                drop.getName(), drop.getCampaignKey(), summary.status(), summary.durationMs(), summary.rowsRead(),
                summary.uploaded(), summary.unchanged(), summary.withdrawn(), summary.rejected(), movedTo == null
                        ? "; the file stays in the inbox" : "; moved to " + movedTo);
        if (summary.error() != null) {
            LOG.warn("{}: {}", drop.getName(), summary.error());
        }
        boolean failed = drop.getStatus() == Drop.Status.FAILED;
        audit.append("contacts.drop", drop.getTrigger(), drop.getCampaignKey() + "/" + drop.getName(),
                failed ? "failed" : "ok", Details.of("fileSha256", summary.fileSha256(), "status", summary.status(),
                        "contactListId", summary.contactListId(), "rowsRead", summary.rowsRead(),
                        "accepted", summary.accepted(), "rejected", summary.rejected(),
                        "rejectedByReason", summary.rejectedByReason(), "duplicatesInDrop", summary.duplicatesInDrop(),
                        "unchanged", summary.unchanged(), "uploaded", summary.uploaded(),
                        "withdrawn", summary.withdrawn(), "callableAgain", drop.counts().callableAgain,
                        "sharedPhoneNumbers", summary.sharedPhoneNumbers(), "error", summary.error(),
                        "errorRate", summary.rowsRead() == 0 ? 0.0 : Math.round(1000.0 * summary.rejected()
                                / summary.rowsRead()) / 1000.0, "latencyMs", summary.durationMs(),
                        "target", summary.target()));
        if (!failed || summary.uploaded() > 0 || summary.withdrawn() > 0) {
            notifier.publish("cdp", "contacts.synced", Details.of("campaign", drop.getCampaignKey(), "file",
                    drop.getName(), "status", summary.status(), "contactListId", summary.contactListId(),
                    "rowsRead", summary.rowsRead(), "uploaded", summary.uploaded(), "unchanged", summary.unchanged(),
                    "withdrawn", summary.withdrawn(), "rejected", summary.rejected()));
        }
    }

    /** A drop already processed with the same content: moved on, logged and audited, nothing sent. */
    public Path skipped(Drop drop) {
        Path moved = toProcessed(drop);
        Ledger.PreviousDrop previous = drop.getPrevious();
        LOG.info("Drop {} of campaign {} was already processed on {} with the same content (sha256 {}); skipped,"
                + " moved to {}", drop.getName(), drop.getCampaignKey(), previous.finishedAt(), drop.facts().sha256(),
                moved);
        audit.append("contacts.drop.skipped", drop.getTrigger(), drop.getCampaignKey() + "/" + drop.getName(),
                "skipped", Details.of("fileSha256", drop.facts().sha256(), "previousDrop", previous.id(), "reason",
                        "already processed with the same content"));
        return moved;
    }
}
