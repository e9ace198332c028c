package io.outboundsync.sandbox;

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

    record Contact(String id, String[] values, String dateCreated) {
        String value(int column) {
            return values[column];
        }
    }

    final List<String> columns;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Map<String, Contact> contacts = new LinkedHashMap<>();

    ContactData(List<String> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
    }

    Integer column(String name) {
        return columnIndex.get(name);
    }

    synchronized int size() {
        return contacts.size();
    }

    /** Inserts or replaces all the given contacts at once. */
    synchronized void upsert(List<Contact> batch) {
        for (Contact contact : batch) {
            Contact previous = contacts.get(contact.id);
            contacts.put(contact.id, previous == null ? contact
                    : new Contact(contact.id, contact.values, previous.dateCreated));
        }
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
        ObjectNode node = Json.object();
        node.put("id", contact.id);
        node.put("contactListId", contactListId);
        ObjectNode data = node.putObject("data");
        for (int i = 0; i < columns.size(); i++) {
            if (contact.values[i] != null) {
                data.put(columns.get(i), contact.values[i]);
            }
        }
        node.put("callable", true);
        ObjectNode phoneStatus = node.putObject("phoneNumberStatus");
        for (String phone : phoneColumns) {
            Integer index = columnIndex.get(phone);
            if (index != null && contact.values[index] != null) {
                phoneStatus.putObject(phone).put("callable", true);
            }
        }
        node.put("dateCreated", contact.dateCreated);
        node.put("selfUri", "/api/v2/outbound/contactlists/" + contactListId + "/contacts/" + contact.id);
        return node;
    }

    /** Looks a contact's values up by column name, for filter evaluation. */
    Function<String, String> lookup(Contact contact) {
        return name -> {
            Integer index = columnIndex.get(name);
            return index == null ? null : contact.values[index];
        };
    }
}
