package io.outboundsync.contacts.upload;

import io.outboundsync.contacts.AddFlags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of the {@code genesys-add-contacts} route: contacts to upsert into a list by id, and what became of
 * them. A batch Genesys refuses with 400 is cut in {@link #halves()} that share the parent's outcome, until the
 * refused contacts are isolated; a second half refused with the same kind of error as its first half, refused
 * whole, is not halved further ({@link #refusedLikeItsSibling}): the error is the batch's, not a contact's.
 */
public final class Upsert {

    private final String listId;
    private final AddFlags flags;
    private final List<DialerContact> contacts;
    private final List<DialerContact> acknowledged;
    private final Map<DialerContact, String> refused;
    /** Per refused contact, the kind of error ({@code GenesysApiException.errorKind()}). */
    private final Map<DialerContact, String> refusedKinds;
    /** The first half, for a second half; else null. */
    private final Upsert sibling;

    public Upsert(String listId, AddFlags flags, List<DialerContact> contacts) {
        this(listId, flags, contacts, Collections.synchronizedList(new ArrayList<>(contacts.size())),
                Collections.synchronizedMap(new LinkedHashMap<>()), Collections.synchronizedMap(new LinkedHashMap<>()),
                null);
    }

    private Upsert(String listId, AddFlags flags, List<DialerContact> contacts, List<DialerContact> acknowledged,
            Map<DialerContact, String> refused, Map<DialerContact, String> refusedKinds, Upsert sibling) {
        this.refusedKinds = refusedKinds;
        this.sibling = sibling;
        this.listId = listId;
        this.flags = flags;
        this.contacts = contacts;
        this.acknowledged = acknowledged;
        this.refused = refused;
    }

    public String getListId() {
        return listId;
    }

    /** The add's query: its flags, every one given ({@code priority=false&clearSystemData=false&doNotQueue=true}). */
    public String getQuery() {
        return flags.queryString();
    }

    public List<DialerContact> getContacts() {
        return contacts;
    }

    /** Genesys took these contacts. */
    public void acknowledge() {
        acknowledged.addAll(contacts);
    }

    /**
     * Genesys refused these contacts (a 400 for a batch of one, or a batch refused like its sibling), with the
     * service's message and the kind of error.
     */
    public void refuse(String why, String kind) {
        for (DialerContact contact : contacts) {
            refused.put(contact, why);
            refusedKinds.put(contact, kind);
        }
    }

    /**
     * Whether this is a second half whose first half Genesys refused whole, every contact with this same kind of
     * error: then the error is not one contact's, and halving further would only repeat it.
     */
    public boolean refusedLikeItsSibling(String kind) {
        if (sibling == null) {
            return false;
        }
        for (DialerContact contact : sibling.contacts) {
            if (!kind.equals(refusedKinds.get(contact))) {
                return false;
            }
        }
        return true;
    }

    /** The two halves of a refused batch, sharing this one's outcome; the second knows the first. */
    public List<Upsert> halves() {
        int half = contacts.size() / 2;
        Upsert first = new Upsert(listId, flags, contacts.subList(0, half), acknowledged, refused, refusedKinds, null);
        return List.of(first, new Upsert(listId, flags, contacts.subList(half, contacts.size()), acknowledged,
                refused, refusedKinds, first));
    }

    public List<DialerContact> acknowledged() {
        return acknowledged;
    }

    public Map<DialerContact, String> refused() {
        return refused;
    }
}
