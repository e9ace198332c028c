package io.outboundsync.contacts.upload;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.checks.Chunk;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.support.HttpFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The steps of the contacts upload ({@code contacts-upload} and {@code genesys-add-contacts}): a batch of rows as an
 * {@link Upsert} by contact id (a resend updates, never duplicates), and what Genesys acknowledged recorded in the
 * ledger; only acknowledged rows count as synced.
 */
public final class UploadSteps {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UploadSteps.class);

    /**
     * The batch as contacts to upsert. Contacts made uncallable before and accepted again are sent
     * {@code callable: true}.
     */
    public Upsert upsert(UploadContext drop, List<NormalisedRow> batch) {
        Set<String> callableAgain = drop.ledger().withdrawnAmong(drop.listId(), batch.stream()
                .map(NormalisedRow::contactId).toList());
        List<String> columns = drop.campaign().contactList().columns();
        List<DialerContact> contacts = new ArrayList<>(batch.size());
        for (NormalisedRow row : batch) {
            contacts.add(new DialerContact(row.contactId(), drop.listId(), columns, row.values(),
                    callableAgain.contains(row.contactId()) ? Boolean.TRUE : null, row));
        }
        return new Upsert(drop.listId(), drop.campaign().addFlags(), contacts);
    }

    /** The drop's checked rows join those waiting for a batch: the full batches among them, to upload now. */
    public List<List<NormalisedRow>> fullBatches(UploadContext drop, Chunk chunk) {
        return drop.uploads().add(chunk.getToSend());
    }

    /** Every row still waiting for a batch: the drop's end, or before withdrawals. */
    public List<List<NormalisedRow>> allBatches(UploadContext drop) {
        return drop.uploads().rest();
    }

    /** The rows Genesys refused since the last chunk join the chunk's rejected rows, for the rejects file. */
    public Chunk withRefused(UploadContext drop, Chunk chunk) {
        chunk.getRejected().addAll(drop.uploads().takeRefused());
        return chunk;
    }

    /** What Genesys refused since the last chunk, once the uploads landed: a chunk of rejected rows. */
    public Chunk refusedLeft(UploadContext drop) {
        Chunk chunk = Chunk.settled(List.of());
        if (drop.uploads() != null) {
            chunk.getRejected().addAll(drop.uploads().takeRefused());
        }
        return chunk;
    }

    /** The upload route took a batch: the drop waits for it before it ends. */
    public void handedOver(UploadContext drop) {
        drop.uploads().handedOver();
    }

    /**
     * Records what Genesys acknowledged (the ledger, the counts); the rows it refused are kept for the rejects file
     * as {@code API_REJECTED} with the service's message.
     */
    public void landed(UploadContext drop, Upsert upsert) {
        List<NormalisedRow> acknowledged = new ArrayList<>(upsert.acknowledged().size());
        long callableAgain = 0;
        for (DialerContact contact : upsert.acknowledged()) {
            acknowledged.add((NormalisedRow) contact.source());
            if (Boolean.TRUE.equals(contact.callable())) {
                callableAgain++;
            }
        }
        drop.ledger().commit(drop.listId(), acknowledged);
        if (drop.lines() != null) {
            // Genesys has them as they are: the same bytes next time are unchanged
            acknowledged.forEach(drop.lines()::accepted);
        }
        List<NormalisedRow> refused = new ArrayList<>(upsert.refused().size());
        upsert.refused().forEach((contact, why) -> refused.add(((NormalisedRow) contact.source())
                .rejected(Reason.API_REJECTED, why)));
        drop.uploads().landed(acknowledged.size(), callableAgain, refused);
    }

    /** Genesys took a request's contacts. */
    public void acknowledge(Upsert upsert) {
        upsert.acknowledge();
    }

    /** Waits until every upload the drop handed over has ended (the batches before a withdrawal, the drop's end). */
    public void awaitAll(UploadContext drop) {
        if (drop.uploads() != null) {
            drop.uploads().awaitLanded();
        }
    }

    /** A step of the reader failed: the drop stops, nothing more is read or sent. */
    public void stop(UploadContext drop, Exception failure) {
        drop.uploads().fail(failure);
    }

    /** An upload ended; a failure stops the drop at its next chunk. */
    public void ended(UploadContext drop, Exception failure) {
        drop.uploads().ended(failure);
    }

    /** Whether the drop's uploads failed: nothing more is sent, withdrawals wait for the next run. */
    public boolean failed(UploadContext drop) {
        return drop.uploads().isFailed();
    }

    /** Whether Genesys refused a request as a bad one (400): a batch is then halved until the culprits are found. */
    public boolean badRequest(Exception failure) {
        return HttpFailures.status(failure) == 400;
    }

    /** A contact Genesys refused on its own: kept with the service's code and message. */
    public void refuse(Upsert upsert, Exception failure) {
        GenesysApiException e = refusal(upsert, failure);
        upsert.refuse(e.code() + ": " + e.serviceMessage(), e.errorKind());
    }

    /**
     * Whether Genesys refused this half with the same kind of error (code and message template) as it refused the
     * whole of its first half: the error is the batch's (a full list, a column it will not take), not a contact's.
     */
    public boolean refusedLikeItsSibling(Upsert upsert, Exception failure) {
        return upsert.refusedLikeItsSibling(refusal(upsert, failure).errorKind());
    }

    /**
     * A half refused like its sibling: every contact of it refused with the service's message, not halved further
     * (a batch-wide 400 costs about two requests a halving, some 20 for a batch of 1,000, not one per contact).
     */
    public void refuseAll(Upsert upsert, Exception failure) {
        GenesysApiException e = refusal(upsert, failure);
        LOG.warn("Genesys refused {} contacts for list {} with the error it gave their batch's other half ({}: {}):"
                + " the error is the batch's, not one contact's, so they are refused without sending each alone",
                upsert.getContacts().size(), upsert.getListId(), e.code(), e.serviceMessage());
        upsert.refuse(e.code() + ": " + e.serviceMessage(), e.errorKind());
    }

    private static GenesysApiException refusal(Upsert upsert, Exception failure) {
        return GenesysClient.failure("POST", "/api/v2/outbound/contactlists/" + upsert.getListId() + "/contacts",
                failure, 1);
    }
}
