package io.outboundsync.contacts.upload;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ledger.Ledger;

/** What the uploads and withdrawals need of the drop they send (the intake's {@code Drop} is one). */
public interface UploadContext {

    /** The ledger, where what Genesys acknowledged is recorded. */
    Ledger ledger();

    /** The contact list the contacts go to. */
    String listId();

    /** The campaign: its list's columns, its add flags, its DNC list. */
    CampaignContacts campaign();

    /** The window between the drop's checks and its uploads. */
    UploadWindow uploads();

    /** The drop file's name (for the log, the audit and the CDP event). */
    String getName();

    String getCampaignKey();

    /** What started the drop: {@code once}, {@code run}. */
    String getTrigger();

    /** Its part in the list's line memo; null when it has none. */
    default io.outboundsync.contacts.checks.DropLines lines() {
        return null;
    }
}
