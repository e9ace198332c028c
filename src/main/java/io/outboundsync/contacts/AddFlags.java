package io.outboundsync.contacts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Genesys does with a contact it already holds when we add it again: the query flags of
 * {@code POST /api/v2/outbound/contactlists/{id}/contacts}, sent on every add, so the outcome never rests on the
 * service's defaults (which are not documented). From a campaign file's {@code contacts.upsert}; by default a
 * contact keeps its place in the dialing queue and its attempts, so one already dialed is not dialed again when the
 * CRM sends it again.
 *
 * <p>Source: the official SDK, {@code OutboundApi.postOutboundContactlistContacts(contactListId, body, priority,
 * clearSystemData, doNotQueue)}. {@code priority}: "True means the contact(s) will be dialed next; false means the
 * contact will go to the end of the contact queue." {@code clearSystemData}: "True means the system columns
 * (attempts, callable status, etc) stored on the contact will be cleared if the contact already exists; false
 * means they won't." {@code doNotQueue}: "True means that updated contacts will not have their positions in the
 * queue altered, so contacts that have already been dialed will not be redialed. For new contacts, this parameter
 * has no effect; False means that updated contacts will be re-queued, according to the 'priority' parameter."
 *
 * @param priority        new (and re-queued) contacts go to the front of the queue instead of its end
 * @param clearSystemData an updated contact's attempts and callable status are cleared
 * @param doNotQueue      an updated contact keeps its place in the queue (one dialed is not dialed again)
 */
public record AddFlags(boolean priority, boolean clearSystemData, boolean doNotQueue) {

    /** The default: to the end of the queue, system columns kept, an updated contact's place kept. */
    public static final AddFlags UPSERT = new AddFlags(false, false, true);

    /** The flags as the add's query parameters, every one given. */
    public Map<String, Object> query() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("priority", priority);
        query.put("clearSystemData", clearSystemData);
        query.put("doNotQueue", doNotQueue);
        return query;
    }

    /** The query as the route sends it: {@code priority=false&clearSystemData=false&doNotQueue=true}. */
    public String queryString() {
        return "priority=" + priority + "&clearSystemData=" + clearSystemData + "&doNotQueue=" + doNotQueue;
    }
}
