package io.outboundsync.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The contacts of one contact list: per contact its id, one value per list column (held as an array, so memory
 * grows with the contacts and their values only) and when it was added. Thread-safe.
 */
final class ContactData {

    /**
     * A stored contact.
     *
     * @param callable    false once someone made the contact uncallable: the dialer skips it, a filter preview leaves
     *                    it out
     * @param queued      its place in the dialing queue (lower is sooner), or {@link #DIALED} once the dialer has
     *                    taken it: a contact dialed is not dialed again unless an add re-queues it
     * @param attempts    the system column of its dial attempts (an add with {@code clearSystemData} clears it)
     */
    record Contact(String id, String[] values, String dateCreated, boolean callable, long queued, int attempts) {
        String value(int column) {
            return values[column];
        }

        boolean inQueue() {
            return queued != DIALED;
        }
    }

    /** {@link Contact#queued} of a contact the dialer has taken. */
    static final long DIALED = Long.MAX_VALUE;

    /**
     * How an add treats contacts it updates: the query flags of {@code POST .../contacts} (SDK,
     * {@code postOutboundContactlistContacts(contactListId, body, priority, clearSystemData, doNotQueue)}).
     * {@code priority}: "True means the contact(s) will be dialed next; false means the contact will go to the end
     * of the contact queue." {@code clearSystemData}: "True means the system columns (attempts, callable status,
     * etc) stored on the contact will be cleared if the contact already exists". {@code doNotQueue}: "True means
     * that updated contacts will not have their positions in the queue altered, so contacts that have already been
     * dialed will not be redialed. For new contacts, this parameter has no effect; False means that updated contacts
     * will be re-queued, according to the 'priority' parameter." What the service does when a flag is left out is
     * not documented: the sandbox reads it as false, the reading that redials.
     */
    record AddFlags(boolean priority, boolean clearSystemData, boolean doNotQueue) {
        /** What {@code PUT .../contacts/{id}} does: the contact's place and system columns stay. */
        static final AddFlags KEEP = new AddFlags(false, false, true);
    }

    /**
     * A contact as a request gives it.
     *
     * @param callable the request's {@code callable}, or null to keep the stored contact's (a new one is callable)
     */
    record Incoming(String id, String[] values, String dateCreated, Boolean callable) {
    }

    final List<String> columns;
    /** The column names as JSON writes them, encoded once (a thousand contacts answer an add). */
    private final SerializedString[] columnNames;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Map<String, Contact> contacts = new LinkedHashMap<>();

    ContactData(List<String> columns) {
        this.columns = List.copyOf(columns);
        this.columnNames = columns.stream().map(SerializedString::new).toArray(SerializedString[]::new);
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
    }

    Integer column(String name) {
        return columnIndex.get(name);
    }

    /** How many of these ids the list does not hold yet (an add would make them new contacts). */
    synchronized long countNew(Collection<String> ids) {
        long fresh = 0;
        for (String id : ids) {
            if (!contacts.containsKey(id)) {
                fresh++;
            }
        }
        return fresh;
    }

    synchronized int size() {
        return contacts.size();
    }

    /** Queue places: the end of the queue counts up, the front (an add with {@code priority}) counts down. */
    private long queueBack;
    private long queueFront;

    /**
     * Inserts or replaces all the given contacts at once; a contact replaced keeps its creation time, and its
     * {@code callable} unless the request sets it. A new contact joins the queue (at its front with
     * {@code priority}); a replaced one keeps its place and system columns unless the flags say otherwise.
     */
    synchronized void upsert(List<Incoming> batch, AddFlags flags) {
        for (Incoming contact : batch) {
            Contact previous = contacts.get(contact.id());
            boolean cleared = previous == null || flags.clearSystemData();
            boolean callable = contact.callable() != null ? contact.callable() : cleared || previous.callable;
            long queued = previous != null && flags.doNotQueue() ? previous.queued
                    : flags.priority() ? --queueFront : ++queueBack;
            contacts.put(contact.id(), new Contact(contact.id(), contact.values(),
                    previous == null ? contact.dateCreated() : previous.dateCreated, callable, queued,
                    cleared ? 0 : previous.attempts));
        }
    }

    /** The dialer took this contact: one more attempt, and out of the queue. */
    synchronized Contact dialed(String id) {
        Contact contact = contacts.get(id);
        Contact dialed = new Contact(id, contact.values, contact.dateCreated, contact.callable, DIALED,
                contact.attempts + 1);
        contacts.put(id, dialed);
        return dialed;
    }

    synchronized Contact get(String id) {
        return contacts.get(id);
    }

    synchronized List<Contact> getAll(Collection<String> ids) {
        List<Contact> found = new ArrayList<>();
        for (String id : ids) {
            Contact contact = contacts.get(id);
            if (contact != null) {
                found.add(contact);
            }
        }
        return found;
    }

    synchronized boolean remove(String id) {
        return contacts.remove(id) != null;
    }

    synchronized void clear() {
        contacts.clear();
    }

    /** A consistent copy of the contacts, in the order they were first added. */
    synchronized List<Contact> snapshot() {
        return new ArrayList<>(contacts.values());
    }

    /** A contact as the service returns it ({@code DialerContact}). */
    ObjectNode view(Contact contact, String contactListId, List<String> phoneColumns) {
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            write(buffer, contact, contactListId, phoneColumns, null);
            return (ObjectNode) Json.MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Contacts as the service returns them, as a body that writes itself to the response when it is sent (no tree
     * is built: an add of a thousand contacts answers with all of them).
     */
    JsonNode answer(List<Contact> stored, String contactListId, List<String> phoneColumns, Boolean priority) {
        return new POJONode(new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeStartArray();
                for (Contact contact : stored) {
                    write(json, contact, contactListId, phoneColumns, priority);
                }
                json.writeEndArray();
            }

            @Override
            public void serializeWithType(JsonGenerator json, SerializerProvider provider, TypeSerializer type)
                    throws IOException {
                serialize(json, provider);
            }
        });
    }

    /**
     * Writes a contact as the service returns it ({@code DialerContact}) straight to a generator: answering an
     * add of a thousand contacts this way costs a third of building the tree first.
     *
     * @param priority the {@code configurationOverrides.priority} of an add that set overrides, else null
     */
    void write(JsonGenerator json, Contact contact, String contactListId, List<String> phoneColumns,
            Boolean priority) throws IOException {
        json.writeStartObject();
        json.writeFieldName(ID);
        json.writeString(contact.id);
        json.writeFieldName(CONTACT_LIST_ID);
        json.writeString(contactListId);
        json.writeFieldName(DATA);
        json.writeStartObject();
        for (int i = 0; i < columnNames.length; i++) {
            if (contact.values[i] != null) {
                json.writeFieldName(columnNames[i]);
                json.writeString(contact.values[i]);
            }
        }
        json.writeEndObject();
        json.writeFieldName(CALLABLE);
        json.writeBoolean(contact.callable);
        json.writeFieldName(PHONE_NUMBER_STATUS);
        json.writeStartObject();
        for (String phone : phoneColumns) {
            Integer index = columnIndex.get(phone);
            if (index != null && contact.values[index] != null) {
                json.writeFieldName(columnNames[index]);
                json.writeStartObject();
                json.writeFieldName(CALLABLE);
                json.writeBoolean(true);
                json.writeEndObject();
            }
        }
        json.writeEndObject();
        if (priority != null) {
            json.writeObjectFieldStart("configurationOverrides");
            json.writeBooleanField("priority", priority);
            json.writeEndObject();
        }
        json.writeFieldName(DATE_CREATED);
        json.writeString(contact.dateCreated);
        json.writeFieldName(SELF_URI);
        json.writeString("/api/v2/outbound/contactlists/" + contactListId + "/contacts/" + contact.id);
        json.writeEndObject();
    }

    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString CONTACT_LIST_ID = new SerializedString("contactListId");
    private static final SerializedString DATA = new SerializedString("data");
    private static final SerializedString CALLABLE = new SerializedString("callable");
    private static final SerializedString PHONE_NUMBER_STATUS = new SerializedString("phoneNumberStatus");
    private static final SerializedString DATE_CREATED = new SerializedString("dateCreated");
    private static final SerializedString SELF_URI = new SerializedString("selfUri");

    /** Looks a contact's values up by column name, for filter evaluation. */
    Function<String, String> lookup(Contact contact) {
        return name -> {
            Integer index = columnIndex.get(name);
            return index == null ? null : contact.values[index];
        };
    }
}
