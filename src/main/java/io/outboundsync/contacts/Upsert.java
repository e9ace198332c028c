package io.outboundsync.contacts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of the {@code genesys-add-contacts} route: contacts to upsert into a list by id, and what became of
 * them. A batch Genesys refuses with 400 is cut in {@link #halves()} that share the parent's outcome, until the
 * refused contacts are isolated.
 */
public final class Upsert {

    private final String listId;
    private final AddFlags flags;
    private final List<DialerContact> contacts;
    private final List<DialerContact> acknowledged;
    private final Map<DialerContact, String> refused;

    public Upsert(String listId, AddFlags flags, List<DialerContact> contacts) {
        this(listId, flags, contacts, Collections.synchronizedList(new ArrayList<>(contacts.size())),
                Collections.synchronizedMap(new LinkedHashMap<>()));
    }

    private Upsert(String listId, AddFlags flags, List<DialerContact> contacts, List<DialerContact> acknowledged,
            Map<DialerContact, String> refused) {
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

    /** Genesys refused this one contact (a 400 for a batch of one), with the service's message. */
    public void refuse(String why) {
        refused.put(contacts.get(0), why);
    }

    /** The two halves of a refused batch, sharing this one's outcome. */
    public List<Upsert> halves() {
        int half = contacts.size() / 2;
        return List.of(new Upsert(listId, flags, contacts.subList(0, half), acknowledged, refused),
                new Upsert(listId, flags, contacts.subList(half, contacts.size()), acknowledged, refused));
    }

    public List<DialerContact> acknowledged() {
        return acknowledged;
    }

    public Map<DialerContact, String> refused() {
        return refused;
    }
}
