package io.outboundsync.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of an add-contacts request read straight from its bytes with Jackson's streaming parser, when it is the
 * plain shape every client sends: an array of objects with {@code id}, {@code contactListId} (this list), a
 * {@code data} object of the list's columns with string (or null) values of at most 512 characters, and an optional
 * boolean {@code callable}; no id refused by the sandbox's refuse rule. Building a JSON tree of a thousand contacts
 * first was two fifths of the emulator's time in a benchmark; a body of any other shape is left to the tree reader,
 * which says what is wrong with it (so both give the same answers).
 */
final class PlainContacts {

    private PlainContacts() {
    }

    /** The contacts of a plain body, or null when the body is anything else. */
    static List<ContactData.Incoming> read(byte[] body, String listId, ContactData data, String now, int most,
            Pattern refused) {
        try (JsonParser json = Json.MAPPER.getFactory().createParser(body)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<ContactData.Incoming> contacts = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token != JsonToken.START_OBJECT || contacts.size() == most) {
                    return null;
                }
                ContactData.Incoming contact = contact(json, listId, data, now, refused);
                if (contact == null) {
                    return null;
                }
                contacts.add(contact);
            }
            return json.nextToken() == null && !contacts.isEmpty() ? contacts : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ContactData.Incoming contact(JsonParser json, String listId, ContactData data, String now,
            Pattern refused) throws IOException {
        String id = null;
        boolean listGiven = false;
        String[] values = null;
        Boolean callable = null;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "id" -> {
                    if (value != JsonToken.VALUE_STRING || id != null) {
                        return null;
                    }
                    id = json.getText();
                }
                case "contactListId" -> {
                    if (value != JsonToken.VALUE_STRING || listGiven || !listId.equals(json.getText())) {
                        return null;
                    }
                    listGiven = true;
                }
                case "data" -> {
                    if (value != JsonToken.START_OBJECT || values != null) {
                        return null;
                    }
                    values = values(json, data);
                    if (values == null) {
                        return null;
                    }
                }
                case "callable" -> {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE || callable != null) {
                        return null;
                    }
                    callable = value == JsonToken.VALUE_TRUE;
                }
                default -> {
                    return null;
                }
            }
        }
        if (id == null || id.isBlank() || id.length() > 128 || !listGiven || values == null
                || refused != null && refused.matcher(id).matches()) {
            return null;
        }
        return new ContactData.Incoming(id, values, now, callable);
    }

    private static String[] values(JsonParser json, ContactData data) throws IOException {
        String[] values = new String[data.columns.size()];
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
            Integer column = data.column(json.currentName());
            JsonToken value = json.nextToken();
            if (column == null || value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                return null;
            }
            if (value == JsonToken.VALUE_STRING) {
                String text = json.getText();
                if (text.length() > ContactListsApi.MAX_VALUE_LENGTH) {
                    return null;
                }
                values[column] = text;
            }
        }
        return values;
    }
}
