package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.checks.CheckContext;
import io.outboundsync.contacts.checks.DropSeen;
import io.outboundsync.contacts.checks.ListRoom;
import io.outboundsync.contacts.checks.Repeats;
import io.outboundsync.contacts.checks.RowNormaliser;
import io.outboundsync.contacts.checks.DropLines;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.UploadContext;
import io.outboundsync.contacts.upload.UploadWindow;
import java.nio.file.Path;

/**
 * A drop being read, as the {@code contacts-rows} and {@code contacts-upload} routes carry it (the exchange property
 * {@code drop}): what it is and what it is read with, fixed at its start. Nothing of what becomes of its rows is kept
 * here: the chunks carry their rows and counts ({@link Chunk}, {@link RowsRead}), and the uploads' outcomes come
 * back through its {@link UploadWindow}.
 *
 * @param admission  the file as the gate admitted it (campaign, size and checksum, stamp)
 * @param ledger     the ledger it is recorded in
 * @param dropId     its record there
 * @param listId     the contact list its contacts go to
 * @param normaliser the campaign's checks
 * @param seen       the contacts and phones seen so far in the drop (a table outside the heap)
 * @param room       what the list and the org still take of new contacts
 * @param repeats    the contacts the drop names in more than one row ({@link DropRepeats})
 * @param uploads    between its checks and its uploads
 * @param lines      its part in the list's line memo ({@link LineMemos}); null when it has none (a JSON drop, a
 *                   ledger that keeps no generation)
 */
public record Drop(Admission admission, long startedNanos, Ledger ledger, long dropId, String listId,
        RowNormaliser normaliser, DropSeen seen, ListRoom room, Repeats repeats, UploadWindow uploads,
        DropLines lines) implements CheckContext, UploadContext {

    /** A drop without a line memo. */
    public Drop(Admission admission, long startedNanos, Ledger ledger, long dropId, String listId,
            RowNormaliser normaliser, DropSeen seen, ListRoom room, Repeats repeats, UploadWindow uploads) {
        this(admission, startedNanos, ledger, dropId, listId, normaliser, seen, room, repeats, uploads, null);
    }

    /** How a drop ended. */
    public enum Status { COMPLETED, COMPLETED_WITH_REJECTS, FAILED, SKIPPED }

    /** The same drop, knowing its repeated contacts. */
    public Drop withRepeats(Repeats found) {
        return new Drop(admission, startedNanos, ledger, dropId, listId, normaliser, seen, room, found, uploads,
                lines);
    }

    /** The same drop, with its part in the list's line memo. */
    public Drop withLines(DropLines memo) {
        return new Drop(admission, startedNanos, ledger, dropId, listId, normaliser, seen, room, repeats, uploads,
                memo);
    }

    /** The same drop, bound to its list. */
    public Drop boundTo(String list, ListRoom listRoom, UploadWindow window) {
        return new Drop(admission, startedNanos, ledger, dropId, list, normaliser, seen, listRoom, repeats, window,
                lines);
    }

    public CampaignContacts campaign() {
        return admission.campaign();
    }

    public Path getFile() {
        return admission.file();
    }

    public String getName() {
        return admission.getName();
    }

    public String getCampaignKey() {
        return admission.campaignKey();
    }

    public String getTrigger() {
        return admission.trigger();
    }

    /** {@code csv} or {@code json}: how its rows are read. */
    public String getFormat() {
        return RowSource.isCsv(getName()) ? "csv" : "json";
    }


    /** The file's share read at this many bytes, 0 to 1. */
    double shareRead(long bytesRead) {
        long size = admission.facts() == null ? 0 : admission.facts().size();
        return size == 0 ? 1 : Math.min(1, (double) bytesRead / size);
    }
}
