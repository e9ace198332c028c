package io.outboundsync.contacts.upload;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.checks.DncNumbers;
import io.outboundsync.contacts.checks.PhoneNumbers;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.support.Details;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes each campaign's internal do-not-call file to its list's internal DNC list in Genesys, so Genesys refuses
 * to dial those numbers from any list the campaign dials: at start-up and whenever the file changes. Only numbers
 * not sent before are added; numbers sent before and since removed from the file are reported, never removed from
 * Genesys (taking a number off a DNC list is a person's decision).
 */
public final class DncFileSync {

    private static final Logger LOG = LoggerFactory.getLogger(DncFileSync.class);
    static final String SOURCE = "file";
    /** The most numbers an audit record lists (as pseudonyms); a larger push is audited by its counts. */
    static final int LISTED = 1000;

    private final Map<String, CampaignContacts> campaigns;
    private final java.util.function.Supplier<Ledger> ledger;
    private final DncLists lists;
    private final AuditLog audit;
    /** The file stamp last pushed, per campaign. */
    private final Map<String, String> pushed = new ConcurrentHashMap<>();

    public DncFileSync(Map<String, CampaignContacts> campaigns, java.util.function.Supplier<Ledger> ledger,
            DncLists lists, AuditLog audit) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.lists = lists;
        this.audit = audit;
    }

    /** A file's modification time and size, to tell a changed file; "none" when there is no file. */
    public static String stamp(Path file) {
        if (file == null) {
            return "none";
        }
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** The campaigns whose do-not-call file changed since it was last pushed (every one at first). */
    public List<String> changed() {
        List<String> changed = new ArrayList<>();
        for (CampaignContacts campaign : campaigns.values()) {
            Path file = campaign.mapping().dncFile();
            if (file != null && !stamp(file).equals(pushed.get(campaign.key()))) {
                changed.add(campaign.key());
            }
        }
        return changed;
    }

    /** Pushes every changed file (at start-up: every file). */
    public void pushChanged(String trigger) {
        changed().forEach(campaign -> tryPush(campaign, trigger));
    }

    /**
     * Pushes one campaign's file; a failure is logged and audited, and the file is tried again at the next look
     * (it still counts as changed).
     *
     * @return whether it was pushed
     */
    public boolean tryPush(String campaignKey, String trigger) {
        try {
            push(campaignKey, trigger);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Campaign {}: the do-not-call file could not be pushed to Genesys: {}; tried again at the next"
                    + " look", campaignKey, e.getMessage());
            audit.append("contacts.dnc.file", trigger, campaignKey, "failed", Details.of("error", e.getMessage()));
            return false;
        }
    }

    /** Pushes one campaign's file: the numbers not sent before are added to its DNC list. */
    public void push(String campaignKey, String trigger) {
        CampaignContacts campaign = campaigns.get(campaignKey);
        Path file = campaign.mapping().dncFile();
        String stamp = stamp(file);
        DncNumbers numbers = DncNumbers.load(file, new PhoneNumbers(campaign.mapping().defaultRegion()));
        String dncListId = lists.resolve(campaign.contactList());
        Set<String> sent = ledger.get().dncNumbersSent(dncListId, SOURCE);
        Set<String> added = new TreeSet<>(numbers.numbers());
        added.removeAll(sent);
        Set<String> removed = new TreeSet<>(sent);
        removed.removeAll(numbers.numbers());
        lists.add(dncListId, added);
        ledger.get().commitDncNumbers(dncListId, SOURCE, added);
        pushed.put(campaignKey, stamp);
        if (!added.isEmpty() || !removed.isEmpty()) {
            LOG.info("Campaign {}: {} number(s) of the do-not-call file added to the DNC list '{}'", campaignKey,
                    added.size(), campaign.contactList().dncList());
            audit.append("contacts.dnc.file", trigger, campaignKey, "ok", Details.of("dncListId", dncListId,
                    "inFile", numbers.numbers().size(), "added", added.size(), "removedFromFile", removed.size(),
                    "addedNumbers", added.size() <= LISTED ? added : null,
                    "removedNumbers", removed.size() <= LISTED ? removed : null));
        }
        if (!removed.isEmpty()) {
            LOG.warn("Campaign {}: {} number(s) were removed from the do-not-call file but stay on the DNC list '{}'"
                    + " ({}): remove them there by hand if they may be called again", campaignKey, removed.size(),
                    campaign.contactList().dncList(), dncListId);
        }
    }
}
