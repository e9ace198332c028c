package io.outboundsync.contacts.upload;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.ledger.Ledger;
import java.nio.file.Path;
import java.util.List;

/** A drop of the demo campaign as the upload stage sees it, for the upload tests: its context and its rows. */
record UploadDrop(Ledger ledger, String listId, CampaignContacts campaign, UploadWindow uploads, String getName,
        String getCampaignKey, String getTrigger) implements UploadContext {

    static final String LIST = "list-1";
    static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"), Path.of("config/campaigns/demo.yaml"));

    /** The demo campaign's drop {@code drop.csv} on the list {@link #LIST}, with its own upload window. */
    static UploadDrop of(Ledger ledger, UploadWindow window) {
        return new UploadDrop(ledger, LIST, DEMO, window, "drop.csv", "demo", "test");
    }

    /** An upload window for the demo list: batches of 1,000. */
    static UploadWindow window() {
        return new UploadWindow(new Batching(1000, () -> 1000, Batching.MAX_REQUEST_BYTES)
                .forList(DEMO.contactList().columns(), LIST));
    }

    /** An accepted row of the contact {@code id} (its id in the first column). */
    static NormalisedRow row(long number, String id) {
        String[] values = new String[DEMO.contactList().columns().size()];
        values[0] = id;
        return new NormalisedRow(number, id, id, values, List.of(), List.of(), List.of(), ContactKeys.rowHash(values));
    }

    /** A row of the contact {@code id} that withdraws it, for {@code reason}, with a phone number. */
    static NormalisedRow withdrawing(long number, String id, Reason reason, String phone) {
        String[] values = new String[DEMO.contactList().columns().size()];
        values[0] = id;
        int phoneAt = DEMO.contactList().phoneIndexes()[0];
        values[phoneAt] = phone;
        return new NormalisedRow(number, id, id, values, List.of(phone), List.of(reason), List.of(), null);
    }
}
