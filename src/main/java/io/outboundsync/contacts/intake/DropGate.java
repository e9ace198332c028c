package io.outboundsync.contacts.intake;

import io.outboundsync.config.CampaignFileException;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.checks.DncNumbers;
import io.outboundsync.contacts.checks.DropSeen;
import io.outboundsync.contacts.checks.Repeats;
import io.outboundsync.contacts.checks.ListRoom;
import io.outboundsync.contacts.checks.PhoneNumbers;
import io.outboundsync.contacts.checks.RowNormaliser;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.Batching;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.contacts.upload.DncFileSync;
import io.outboundsync.contacts.upload.UploadWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of the {@code contacts-inbox} route: whether a file found in the inbox is a drop this process can take
 * (a regular file, of a known campaign, CSV or JSON, readable UTF-8 text, not processed before with the same
 * content), and the start of one that is (recorded in the ledger, its contact list found or made).
 */
public final class DropGate {

    private static final Logger LOG = LoggerFactory.getLogger(DropGate.class);

    private final Map<String, CampaignContacts> campaigns;
    private final Path inboxRoot;
    private final Supplier<Ledger> ledgers;
    private final ContactListResolver lists;
    private final String trigger;
    /** The campaigns' checks, made again when a do-not-call file changed. */
    private final Map<String, RowNormaliser> normalisers = new ConcurrentHashMap<>();

    /** The campaigns refused for their files' mistakes, by key: their drops wait in the inbox. */
    private final Map<String, CampaignFileException> refused = new java.util.HashMap<>();
    /** The drops already said to wait for their campaign's file (said once, not at every poll). */
    private final java.util.Set<Path> toldWaiting = ConcurrentHashMap.newKeySet();

    public DropGate(Map<String, CampaignContacts> campaigns, Path inboxRoot, Supplier<Ledger> ledgers,
            ContactListResolver lists, String trigger) {
        this(campaigns, java.util.List.of(), inboxRoot, ledgers, lists, trigger);
    }

    public DropGate(Map<String, CampaignContacts> campaigns, java.util.List<CampaignFileException> refused,
            Path inboxRoot, Supplier<Ledger> ledgers, ContactListResolver lists, String trigger) {
        refused.forEach(r -> this.refused.put(r.key(), r));
        this.campaigns = campaigns;
        this.inboxRoot = inboxRoot.toAbsolutePath().normalize();
        this.ledgers = ledgers;
        this.lists = lists;
        this.trigger = trigger;
    }

    /** Why a file of the inbox cannot be opened, with the fix where the reason is known. */
    static String cannotOpen(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "cannot be read: permission denied for the user " + System.getProperty("user.name") + ". Fix: give"
                    + " that user read access to the file (and write access to its folder, which it is moved out of)";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "is gone (moved or deleted while it was looked at)";
        }
        return "cannot be opened now (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                + e.getMessage()) + ")";
    }

    /**
     * A file of the inbox, admitted or not: refused with its reason, skipped as processed before with the same
     * content, waiting in the inbox, or admitted with its campaign and its checksum.
     *
     * @param absolutePath the file (Camel's {@code CamelFilePath})
     */
    public Admission admit(String absolutePath) {
        Path file = Path.of(absolutePath).toAbsolutePath().normalize();
        Path parent = file.getParent();
        String key = parent.equals(inboxRoot) ? "(none)" : inboxRoot.relativize(parent).toString();
        String name = file.getFileName().toString();
        String notRegular = DropFile.notRegular(file);
        if (notRegular != null) {
            return Admission.refused(file, key, trigger, notRegular, null, null);
        }
        CampaignContacts campaign = campaigns.get(key);
        CampaignFileException broken = refused.get(key);
        if (campaign == null && broken != null) {
            // not the drop's fault: it waits, whole, for its campaign's file to be fixed
            if (toldWaiting.add(file)) {
                LOG.warn("Drop {} waits in the inbox: its campaign {} is refused until {} is fixed ({} mistake(s);"
                        + " the first: {}); restart once it is", name, key, broken.file().getFileName(),
                        broken.findings().size(), broken.findings().get(0));
            }
            return Admission.waiting(file, key, trigger);
        }
        if (campaign == null) {
            return Admission.refused(file, key, trigger, "there is no campaign '" + key + "' with a contacts section"
                    + " in config/campaigns/ (known: " + campaigns.keySet() + ")", null, null);
        }
        String unsupported = RowSource.unsupported(file);
        if (unsupported != null) {
            return Admission.refused(file, key, trigger, unsupported, campaign, null);
        }
        DropFile facts;
        DropFile.Stamp before = DropFile.Stamp.of(file);
        try {
            facts = DropFile.inspect(file);
        } catch (IOException e) {
            if (toldWaiting.add(file)) {
                LOG.warn("Drop {} {}; it stays in the inbox", name, cannotOpen(e));
            }
            return Admission.waiting(file, key, trigger);
        }
        String changed = before == null ? "it is gone" : before.changeTo(DropFile.Stamp.of(file));
        if (changed != null) {
            LOG.warn("Drop {} is still being written ({} while its checksum was taken); it stays in the inbox until"
                    + " it has been quiet for contacts.inbox.quiet-ms", name, changed);
            return Admission.waiting(file, key, trigger);
        }
        if (!facts.readable()) {
            return Admission.refused(file, key, trigger, facts.problem(), campaign, facts);
        }
        Optional<Ledger.PreviousDrop> previous = ledgers.get().finishedWithSameContent(key, name, facts.sha256());
        return new Admission(file, key, trigger, previous.isPresent() ? Admission.Verdict.SKIPPED
                : Admission.Verdict.ADMITTED, null, campaign, facts, before, previous.orElse(null));
    }

    /**
     * Starts an admitted drop: recorded in the ledger as running, its in-drop table opened, its campaign's checks
     * made. Its list comes next ({@link #bindList}).
     */
    public Drop start(Admission admission) {
        long started = System.nanoTime();
        Ledger ledger = ledgers.get();
        CampaignContacts campaign = admission.campaign();
        long dropId = ledger.startDrop(campaign.key(), admission.getName(), admission.facts().sha256());
        return new Drop(admission, started, ledger, dropId, null, normaliser(campaign),
                new DropSeen(ledger.stateDir(), admission.facts().size()), null, Repeats.NONE, null);
    }

    /**
     * The drop bound to its contact list, found or made, with what the list and the org still take and the window
     * its uploads go through. A list that exists with other columns stops the drop (a {@link DropException}).
     */
    public Drop bindList(Drop drop) {
        CampaignContacts campaign = drop.campaign();
        String listId = lists.resolve(campaign.contactList());
        ListRoom room = lists.room(listId, campaign.contactList().name(), limits.perList(), limits.perOrg());
        return drop.boundTo(listId, room, new UploadWindow(batching.forList(campaign.contactList().columns(),
                listId)));
    }

    /** Genesys' contact limits ({@code genesys.limits.*}): 1,000,000 a list, 5,000,000 an org. */
    public record Limits(long perList, long perOrg) {
        public static final Limits GENESYS = new Limits(1_000_000, 5_000_000);
    }

    private Limits limits = Limits.GENESYS;
    private Batching batching = new Batching(1000, () -> 1000, Batching.MAX_REQUEST_BYTES);

    /** How the drops' rows are cut into requests. */
    public DropGate batchedBy(Batching batching) {
        this.batching = batching;
        return this;
    }

    /** The contact limits the drops keep to (the shipped settings are Genesys'). */
    public DropGate limitedTo(Limits limits) {
        this.limits = limits;
        return this;
    }

    private RowNormaliser normaliser(CampaignContacts campaign) {
        return normalisers.computeIfAbsent(campaign.key() + "@" + DncFileSync.stamp(campaign.mapping().dncFile()),
                k -> {
            DncNumbers dnc = DncNumbers.load(campaign.mapping().dncFile(),
                    new PhoneNumbers(campaign.mapping().defaultRegion()));
            if (dnc.unreadable() > 0) {
                LOG.warn("Campaign {}: {} line(s) of the do-not-call file {} are not phone numbers of region {} and"
                        + " are ignored", campaign.key(), dnc.unreadable(), campaign.mapping().dncFile(),
                        campaign.mapping().defaultRegion());
            }
            return new RowNormaliser(campaign.mapping(), campaign.contactList(), dnc);
        });
    }
}
