package io.outboundsync.contacts.upload;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.AddFlags;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.checks.Chunk;
import io.outboundsync.contacts.checks.Withdrawal;
import io.outboundsync.notify.Notifier;
import io.outboundsync.support.Details;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code contacts-withdraw}: the contacts Genesys has among a drop's withdrawing rows have their
 * numbers put on the list's DNC list first (so no list of the org dials them), then are made uncallable
 * ({@code callable: false}, with their data), recorded, audited and told to the CDP.
 */
public final class WithdrawalSteps {

    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalSteps.class);

    private final DncLists dncLists;
    private final AuditLog audit;
    private final Notifier notifier;

    public WithdrawalSteps(DncLists dncLists, AuditLog audit, Notifier notifier) {
        this.dncLists = dncLists;
        this.audit = audit;
        this.notifier = notifier;
    }

    /** A chunk's withdrawing rows wait to be sent after the uploads before them. */
    public void hold(UploadContext drop, Chunk chunk) {
        drop.uploads().withdraw(chunk.getWithdrawing());
    }

    /** Whether a batch of withdrawals waits (or any, at the drop's end). */
    public boolean due(UploadContext drop, boolean end) {
        return drop.uploads().withdrawalsDue(end);
    }

    /** The waiting withdrawals, taken. */
    public List<NormalisedRow> take(UploadContext drop) {
        return drop.uploads().takeWithdrawals();
    }

    /**
     * The withdrawals of contacts Genesys has (per the ledger); rows of contacts never sent withdraw nothing, nor do
     * those of contacts Genesys already has uncallable with the same values (a re-sent export sends nothing again).
     */
    public List<Withdrawal> of(UploadContext drop, List<NormalisedRow> rows) {
        List<String> ids = rows.stream().map(NormalisedRow::contactId).toList();
        Map<String, String[]> known = drop.ledger().acknowledgedValues(drop.listId(), ids);
        Set<String> withdrawn = drop.ledger().withdrawnAmong(drop.listId(), ids);
        CampaignContacts campaign = drop.campaign();
        int consent = campaign.mapping().consentColumn() == null ? -1
                : campaign.contactList().columns().indexOf(campaign.mapping().consentColumn());
        int[] phones = campaign.contactList().phoneIndexes();
        Map<String, Withdrawal> withdrawals = new LinkedHashMap<>();
        for (NormalisedRow row : rows) {
            String[] acknowledged = known.get(row.contactId());
            if (acknowledged == null) {
                continue;
            }
            Withdrawal withdrawal = Withdrawal.of(row, acknowledged, consent, phones);
            if (withdrawn.contains(row.contactId()) && java.util.Arrays.equals(withdrawal.values(), acknowledged)) {
                withdrawals.remove(row.contactId());
            } else {
                withdrawals.put(row.contactId(), withdrawal);
            }
        }
        return new ArrayList<>(withdrawals.values());
    }

    /** Puts the withdrawals' numbers on the list's DNC list (made when missing); its id. */
    public String putOnDncList(UploadContext drop, List<Withdrawal> withdrawals) {
        String dncListId = dncLists.resolve(drop.campaign().contactList());
        Set<String> numbers = new TreeSet<>();
        withdrawals.forEach(w -> numbers.addAll(w.phones()));
        dncLists.add(dncListId, numbers);
        drop.ledger().commitDncNumbers(dncListId, "withdrawal", numbers);
        return dncListId;
    }

    /** The contacts as uncallable, with their data. */
    public Upsert upsert(UploadContext drop, List<Withdrawal> withdrawals) {
        List<String> columns = drop.campaign().contactList().columns();
        List<DialerContact> contacts = new ArrayList<>(withdrawals.size());
        for (Withdrawal w : withdrawals) {
            contacts.add(new DialerContact(w.contactId(), drop.listId(), columns, w.values(), Boolean.FALSE, w));
        }
        // never re-queued nor cleared, whatever the campaign file's contacts.upsert says: the contact is made
        // uncallable where it stands
        return new Upsert(drop.listId(), AddFlags.UPSERT, contacts);
    }

    /** Records what Genesys made uncallable, and tells the audit and the CDP. */
    public void landed(UploadContext drop, Upsert upsert, String dncListId) {
        Map<String, String[]> done = new LinkedHashMap<>();
        upsert.acknowledged().forEach(c -> done.put(c.id(), c.values()));
        drop.ledger().commitWithdrawn(drop.listId(), done);
        drop.uploads().withdrawn(done.size());
        Map<String, String> refused = new LinkedHashMap<>();
        upsert.refused().forEach((c, why) -> {
            refused.put(c.id(), why);
            LOG.error("{}: Genesys refused to make contact {} uncallable ({}); its numbers are on the DNC list {}",
                    drop.getName(), c.id(), why, dncListId);
        });
        List<Object> contacts = new ArrayList<>();
        for (DialerContact c : upsert.getContacts()) {
            Withdrawal w = (Withdrawal) c.source();
            String why = refused.get(c.id());
            contacts.add(Details.of("contactId", w.contactId(), "phones", w.phones(), "reasons", w.reasons(),
                    "callable", why == null ? false : null, "refused", why));
        }
        audit.append("contacts.withdrawn", drop.getTrigger(), drop.getCampaignKey() + "/" + drop.getName(),
                refused.isEmpty() ? "ok" : "partial", Details.of("contactListId", drop.listId(), "dncListId",
                        dncListId, "contacts", contacts));
        notifier.publish("cdp", "contacts.withdrawn", Details.of("campaign", drop.getCampaignKey(), "file",
                drop.getName(), "contactListId", drop.listId(), "dncListId", dncListId, "contacts", contacts));
    }
}
