package io.outboundsync.contacts.reconcile;

import io.outboundsync.contacts.AddFlags;
import io.outboundsync.contacts.ContactListSpec;

/**
 * One reconciliation under way, read-only: the campaign, its list in Genesys, what it may send there, whether to
 * repair, what started it and when the export was asked for (its wait is timed from then). The route's property
 * {@code reconcile}; each step returns its own result.
 */
public record Reconciling(String campaign, String listId, ContactListSpec spec, AddFlags flags, boolean repair,
        String trigger, long exportAskedAtMs) {
}
