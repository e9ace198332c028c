package io.outboundsync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.ContactConfig.Errors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code contactList} section of a campaign file: the list's name, columns (each once, at most
 * {@value #MAX_COLUMNS}), phone and e-mail columns (each one of the columns) and its DNC list; every mistake noted
 * at its line ({@link ContactConfig}).
 */
final class ContactListConfig {

    /** The most columns a contact list takes. */
    static final int MAX_COLUMNS = 50;

    private ContactListConfig() {
    }

    static ContactListSpec read(JsonNode node, Errors errors) {
        if (node == null || !node.isObject()) {
            errors.add("contactList", "is missing", "add contactList with name, columns and phoneColumns");
            return new ContactListSpec("", List.of(), List.of(), List.of(), "");
        }
        String name = ContactConfig.text(node, "name", "contactList.name", errors, true);
        List<String> columns = ContactConfig.strings(node.get("columns"), "contactList.columns", errors);
        if (columns.isEmpty()) {
            errors.add("contactList.columns", "is missing or empty", "list the contact list's column names");
        }
        if (columns.size() > MAX_COLUMNS) {
            errors.add("contactList.columns", "has " + columns.size() + " columns", "a contact list takes at most "
                    + MAX_COLUMNS);
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                errors.add("contactList.columns", "names " + column + " twice", "name each column once");
            }
        }
        List<ContactListSpec.PhoneColumn> phones = new ArrayList<>();
        JsonNode phoneNodes = node.get("phoneColumns");
        if (phoneNodes == null || !phoneNodes.isArray() || phoneNodes.isEmpty()) {
            errors.add("contactList.phoneColumns", "is missing", "name at least one phone column, e.g."
                    + " [{column: phone, type: cell}]");
        } else {
            for (int i = 0; i < phoneNodes.size(); i++) {
                String at = "contactList.phoneColumns[" + i + "]";
                String column = column(phoneNodes.get(i), "column", at, columns, errors, true);
                String type = ContactConfig.text(phoneNodes.get(i), "type", at + ".type", errors, true);
                String zone = column(phoneNodes.get(i), "timeZoneColumn", at, columns, errors, false);
                phones.add(new ContactListSpec.PhoneColumn(column, type, zone));
            }
        }
        List<ContactListSpec.EmailColumn> emails = new ArrayList<>();
        JsonNode emailNodes = node.get("emailColumns");
        if (emailNodes != null && emailNodes.isArray()) {
            for (int i = 0; i < emailNodes.size(); i++) {
                String at = "contactList.emailColumns[" + i + "]";
                emails.add(new ContactListSpec.EmailColumn(column(emailNodes.get(i), "column", at, columns, errors,
                        true), ContactConfig.text(emailNodes.get(i), "type", at + ".type", errors, true)));
            }
        }
        String dncList = ContactConfig.text(node, "dncList", "contactList.dncList", errors, false);
        if (dncList != null && dncList.length() > 200) {
            errors.add("contactList.dncList", "is " + dncList.length() + " characters long", "use at most 200");
        }
        return new ContactListSpec(name, columns, phones, emails, dncList != null ? dncList
                : ContactListSpec.defaultDncList(name == null ? "" : name));
    }

    private static String column(JsonNode node, String field, String at, List<String> columns, Errors errors,
            boolean required) {
        String column = ContactConfig.text(node, field, at + "." + field, errors, required);
        if (column != null && !columns.contains(column)) {
            errors.add(at + "." + field, "names " + column + ", which is not in contactList.columns",
                    "add it to columns or correct the name");
        }
        return column;
    }
}
