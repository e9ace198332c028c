package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Contact lists and their contacts: {@code /api/v2/outbound/contactlists}, add (upsert by id), get, bulk get,
 * delete, clear and import status.
 */
final class ContactListsApi {

    static final int MAX_COLUMNS = 50;
    static final int MAX_VALUE_LENGTH = 512;
    /** Contact list column names: at most 128 characters (Genesys Resource Center, as third-party wikis quote it). */
    static final int MAX_COLUMN_NAME_LENGTH = 128;
    /**
     * The largest add-contacts body: 512,000 bytes as the Genesys community quotes the gateway's limit (no official
     * figure found; the answer's code is this emulator's, the status the gateway's 413).
     */
    static final int MAX_REQUEST_BYTES = 512_000;
    private static final String BASE = "/api/v2/outbound/contactlists";

    private final Org org;
    private final SandboxSettings settings;
    private final CrudApi crud;
    /** Contact ids the emulated service refuses with 400 (a test control), or null. */
    private volatile java.util.regex.Pattern refused;

    ContactListsApi(Org org, SandboxSettings settings, Downloads downloads) {
        this.org = org;
        this.settings = settings;
        this.downloads = downloads;
        this.crud = new CrudApi(org, org.contactLists, this::validate, this::guardDelete, this::view,
                List.of("importStatus", "size"));
    }

    void register(Router router) {
        crud.register(router, "contactListId");
        router.add("DELETE", BASE, this::deleteMany)
                .add("GET", BASE + "/{contactListId}/importstatus", this::importStatus)
                .add("POST", BASE + "/{contactListId}/contacts", this::addContacts)
                .add("DELETE", BASE + "/{contactListId}/contacts", this::deleteContacts)
                .add("POST", BASE + "/{contactListId}/contacts/bulk", this::getContactsBulk)
                .add("GET", BASE + "/{contactListId}/contacts/{contactId}", this::getContact)
                .add("PUT", BASE + "/{contactListId}/contacts/{contactId}", this::updateContact)
                .add("DELETE", BASE + "/{contactListId}/contacts/{contactId}", this::deleteContact)
                .add("POST", BASE + "/{contactListId}/clear", this::clear)
                .add("PUT", "/sandbox/contactlists/{contactListId}/importstatus", this::forceImportStatus)
                .add("PUT", "/sandbox/contacts/refuse", this::refuse)
                .add("POST", BASE + "/{contactListId}/export", this::startExport)
                .add("GET", BASE + "/{contactListId}/export", this::exportUri);
    }

    // ---- export: POST starts it, GET gives the download URI once it is ready, the download is a CSV

    /** An export of a list: its download id, when it is ready, its file. */
    private record Export(String downloadId, long readyAt, java.nio.file.Path file, String exportedAt) {
    }

    private final java.util.Map<String, Export> exports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Downloads downloads;

    /**
     * {@code POST .../{id}/export}: writes the list as Genesys exports it, {@code inin-outbound-id}, the list's
     * columns, then {@code ContactCallable}, {@code ZipCodeAutomaticTimeZone} and for each phone column
     * {@code CallRecordLastAttempt-}, {@code CallRecordLastResult-}, {@code CallRecordLastAgentWrapup-} and
     * {@code Callable-} (the system columns as real exports show them; their full set is not documented), and answers
     * a {@code DomainEntityRef}. The download URI comes after {@code sandbox.export-delay-ms}.
     */
    private Reply startExport(Call call) {
        String id = call.param("contactListId");
        ObjectNode list;
        synchronized (org) {
            list = org.contactLists.get(id);
        }
        ContactData data = store(list);
        List<String> phones = new java.util.ArrayList<>();
        list.path("phoneColumns").forEach(c -> phones.add(c.path("columnName").asText()));
        String downloadId = java.util.UUID.randomUUID().toString();
        java.nio.file.Path file;
        try {
            file = java.nio.file.Files.createTempFile("sandbox-export-" + downloadId, ".csv");
            file.toFile().deleteOnExit();
            List<String> header = new java.util.ArrayList<>();
            header.add("inin-outbound-id");
            header.addAll(data.columns);
            header.add("ContactCallable");
            header.add("ZipCodeAutomaticTimeZone");
            for (String phone : phones) {
                header.addAll(List.of("CallRecordLastAttempt-" + phone, "CallRecordLastResult-" + phone,
                        "CallRecordLastAgentWrapup-" + phone, "Callable-" + phone));
            }
            try (var writer = java.nio.file.Files.newBufferedWriter(file);
                    var csv = new CSVPrinter(writer, CSVFormat.DEFAULT
                            .builder().setHeader(header.toArray(String[]::new)).get())) {
                for (ContactData.Contact contact : data.snapshot()) {
                    List<String> row = new java.util.ArrayList<>(header.size());
                    row.add(contact.id());
                    for (int i = 0; i < data.columns.size(); i++) {
                        row.add(contact.value(i) == null ? "" : contact.value(i));
                    }
                    row.add(contact.callable() ? "1" : "0");
                    row.add("");
                    for (int i = 0; i < phones.size(); i++) {
                        row.addAll(List.of("", "", "", contact.callable() ? "1" : "0"));
                    }
                    csv.printRecord(row);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Export export = new Export(downloadId, org.clock.millis() + settings.exportDelayMs(), file,
                org.clock.instant().toString());
        Export previous = exports.put(id, export);
        if (previous != null) {
            downloads.remove(previous.downloadId());
        }
        downloads.put(downloadId, file);
        ObjectNode ref = Json.object();
        ref.put("id", downloadId);
        ref.put("selfUri", BASE + "/" + id + "/export");
        return Reply.ok(ref);
    }

    /** {@code GET .../{id}/export}: the {@code ExportUri} once the export is ready; 404 before. */
    private Reply exportUri(Call call) {
        String id = call.param("contactListId");
        synchronized (org) {
            org.contactLists.get(id);
        }
        Export export = exports.get(id);
        if (export == null) {
            throw new ApiError(404, "not.found", "No export of contact list " + id + " was requested.");
        }
        if (org.clock.millis() < export.readyAt()) {
            throw new ApiError(404, "not.found", "The export of contact list " + id + " is not ready yet.");
        }
        ObjectNode uri = Json.object();
        uri.put("uri", "http://" + call.header("Host") + "/api/v2/downloads/" + export.downloadId());
        uri.put("exportTimestamp", export.exportedAt());
        return Reply.ok(uri);
    }

    // ---- the list itself

    private void validate(ObjectNode body, ObjectNode existing) {
        String where = "ContactList";
        // Resource Center, "Create a new contact list": "The contact lists per organization limit is 1000."
        if (existing == null && org.contactLists.all().size() >= settings.contactLists()) {
            throw ApiError.badRequest("The organization has " + org.contactLists.all().size() + " contact lists; it"
                    + " may have at most " + settings.contactLists() + ".");
        }
        Json.requireText(body, "name", where);
        Org.defaultDivision(body);
        List<String> columns = Json.strings(Json.requireArray(body, "columnNames", where), "columnNames");
        if (columns.isEmpty()) {
            throw ApiError.badRequest("Field 'columnNames' must name at least one column.");
        }
        if (columns.size() > MAX_COLUMNS) {
            throw ApiError.badRequest("A contact list may have at most " + MAX_COLUMNS + " columns; "
                    + columns.size() + " were given.");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isBlank()) {
                throw ApiError.badRequest("Field 'columnNames' holds an empty column name.");
            }
            if (column.length() > MAX_COLUMN_NAME_LENGTH) {
                throw ApiError.badRequest("Column name '" + column.substring(0, 20) + "...' is " + column.length()
                        + " characters long; a column name may have at most " + MAX_COLUMN_NAME_LENGTH + ".");
            }
            if (!seen.add(column.toLowerCase(java.util.Locale.ROOT))) {
                throw ApiError.badRequest("Column '" + column + "' appears twice in 'columnNames'.");
            }
        }
        boolean autoZone = Boolean.TRUE.equals(Json.optBoolean(body, "automaticTimeZoneMapping", where));
        checkTypedColumns(body, "phoneColumns", columns, autoZone);
        checkTypedColumns(body, "emailColumns", columns, false);
        String preview = Json.text(body, "previewModeColumnName");
        if (preview != null && !columns.contains(preview)) {
            throw ApiError.badRequest("previewModeColumnName '" + preview + "' is not one of the list's columns.");
        }
        String zip = Json.text(body, "zipCodeColumnName");
        if (zip != null && (!autoZone || !columns.contains(zip))) {
            throw ApiError.badRequest("zipCodeColumnName must name a column and is only allowed when"
                    + " automaticTimeZoneMapping is true.");
        }
        if (existing != null) {
            if (!existing.get("columnNames").equals(body.get("columnNames"))
                    || !columnSet(existing, "phoneColumns").equals(columnSet(body, "phoneColumns"))) {
                throw ApiError.badRequest("The columns and phone columns of contact list "
                        + existing.get("id").asText() + " cannot be changed after it is created.");
            }
        }
    }

    private static void checkTypedColumns(ObjectNode body, String field, List<String> columns, boolean autoZone) {
        ArrayNode typed = Json.optArray(body, field, "ContactList");
        if (typed == null) {
            return;
        }
        for (int i = 0; i < typed.size(); i++) {
            JsonNode column = typed.get(i);
            String where = field + "[" + i + "]";
            String name = Json.requireText(column, "columnName", where);
            Json.requireText(column, "type", where);
            if (!columns.contains(name)) {
                throw ApiError.badRequest("Column '" + name + "' in " + where + " is not one of the list's"
                        + " columnNames.");
            }
            String zone = Json.text(column, "callableTimeColumn");
            if (zone != null && (autoZone || !columns.contains(zone))) {
                throw ApiError.badRequest("callableTimeColumn in " + where + " must name a column and is not allowed"
                        + " with automaticTimeZoneMapping.");
            }
        }
    }

    private static Set<String> columnSet(JsonNode list, String field) {
        Set<String> set = new HashSet<>();
        list.path(field).forEach(c -> set.add(c.path("columnName").asText() + "|" + c.path("type").asText()));
        return set;
    }

    private void guardDelete(ObjectNode list) {
        String id = list.get("id").asText();
        for (ObjectNode campaign : org.campaigns.all()) {
            if (id.equals(campaign.path("contactList").path("id").asText())) {
                throw ApiError.badRequest("Contact list " + id + " is in use by campaign "
                        + campaign.get("id").asText() + " and cannot be deleted.");
            }
        }
        org.filters.all().stream()
                .filter(f -> id.equals(f.path("contactList").path("id").asText()))
                .findFirst()
                .ifPresent(f -> {
                    throw ApiError.badRequest("Contact list " + id + " is in use by contact list filter "
                            + f.get("id").asText() + " and cannot be deleted.");
                });
        org.contacts.remove(id);
        org.imports.remove(id);
    }

    /** The list's contacts; the store is made on first use, with the list's (unchangeable) columns. */
    private ContactData store(ObjectNode list) {
        return org.contacts.computeIfAbsent(list.get("id").asText(),
                k -> new ContactData(Json.strings((ArrayNode) list.get("columnNames"), "columnNames")));
    }

    private ObjectNode view(Call call, ObjectNode list) {
        String id = list.get("id").asText();
        ContactData data = store(list);
        ObjectNode out = list.deepCopy();
        if (call.queryFlag("includeImportStatus")) {
            out.set("importStatus", importStatusOf(id));
        }
        if (call.queryFlag("includeSize")) {
            out.put("size", data.size());
        }
        return out;
    }

    private Reply deleteMany(Call call) {
        List<String> ids = call.queryList("id");
        if (ids.isEmpty()) {
            throw ApiError.badRequest("Query parameter 'id' naming the contact lists to delete is required.");
        }
        synchronized (org) {
            ids.forEach(org.contactLists::get);
            for (String id : ids) {
                ObjectNode existing = org.contactLists.get(id);
                guardDelete(existing);
                org.contactLists.delete(id);
                org.audit.record(call.clientId, "Delete", "ContactList", existing, null);
            }
        }
        return Reply.status(204);
    }

    // ---- import status

    private Reply importStatus(Call call) {
        String id = call.param("contactListId");
        synchronized (org) {
            org.contactLists.get(id);
        }
        return Reply.ok(importStatusOf(id));
    }

    /**
     * The list's {@code ImportStatus}: {@code IN_PROGRESS} while a simulated import runs, {@code FAILED} when one
     * was made to fail; once an import is finished there is no state, only the finished counts.
     */
    ObjectNode importStatusOf(String contactListId) {
        ObjectNode status = Json.object();
        Org.Import current = org.imports.get(contactListId);
        long now = org.clock.millis();
        ContactData data = org.contacts.get(contactListId);
        int size = data == null ? 0 : data.size();
        if (current != null && current.failureReason() != null) {
            status.put("state", "FAILED");
            status.put("totalRecords", current.totalRecords());
            status.put("completedRecords", 0);
            status.put("percentComplete", 0);
            status.put("failureReason", current.failureReason());
        } else if (current != null && now < current.endsAt()) {
            long span = Math.max(1, current.endsAt() - current.startedAt());
            int percent = (int) Math.min(99, (now - current.startedAt()) * 100 / span);
            status.put("state", "IN_PROGRESS");
            status.put("totalRecords", current.totalRecords());
            status.put("completedRecords", current.totalRecords() * percent / 100);
            status.put("percentComplete", percent);
        } else {
            status.put("totalRecords", size);
            status.put("completedRecords", size);
            status.put("percentComplete", 100);
        }
        return status;
    }

    /**
     * Sandbox control: {@code {"state": "IN_PROGRESS", "durationMs": N}} starts an import that runs N ms,
     * {@code {"state": "FAILED", "failureReason": "..."}} makes the last import fail, {@code {"state": null}}
     * clears both.
     */
    private Reply forceImportStatus(Call call) {
        String id = call.param("contactListId");
        ObjectNode body = Json.requireObject(call.json(), "import status");
        String state = Json.optEnum(body, "state", Set.of("IN_PROGRESS", "FAILED"), "import status");
        synchronized (org) {
            ContactData data = store(org.contactLists.get(id));
            long now = org.clock.millis();
            if (state == null) {
                org.imports.remove(id);
            } else if ("FAILED".equals(state)) {
                String reason = Json.text(body, "failureReason");
                org.imports.put(id, new Org.Import(data.size(), now, now, reason == null ? "Import failed" : reason));
            } else {
                Long duration = Json.optLong(body, "durationMs", "import status");
                if (duration == null || duration < 1) {
                    throw ApiError.badRequest("Field 'durationMs' (at least 1) is required for IN_PROGRESS.");
                }
                org.imports.put(id, new Org.Import(data.size(), now, now + duration, null));
            }
        }
        return Reply.ok(importStatusOf(id));
    }

    /** Sandbox control: {@code {"pattern": "CRM-1000[37]"}} makes contacts with matching ids refused (null clears). */
    private Reply refuse(Call call) {
        String pattern = Json.text(Json.requireObject(call.json(), "refuse rule"), "pattern");
        try {
            refused = pattern == null || pattern.isEmpty() ? null : java.util.regex.Pattern.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw ApiError.badRequest("Field 'pattern' is not a regular expression: " + e.getDescription());
        }
        return Reply.status(204);
    }

    // ---- contacts

    private record Lookup(ObjectNode list, ContactData data) {
    }

    private Lookup lookup(String contactListId) {
        synchronized (org) {
            ObjectNode list = org.contactLists.get(contactListId);
            return new Lookup(list, store(list));
        }
    }

    private Reply addContacts(Call call) {
        String listId = call.param("contactListId");
        if (call.body != null && call.body.length > MAX_REQUEST_BYTES) {
            throw new ApiError(413, "request.entity.too.large", "The request body is " + call.body.length
                    + " bytes; at most " + MAX_REQUEST_BYTES + " are accepted.");
        }
        boolean priority = call.queryFlag("priority");
        boolean clearSystemData = call.queryFlag("clearSystemData");
        boolean doNotQueue = call.queryFlag("doNotQueue");
        String now = Instant.now(org.clock).truncatedTo(ChronoUnit.MILLIS).toString();
        Lookup target = null;
        List<ContactData.Incoming> batch = null;
        boolean listExists;
        synchronized (org) {
            listExists = org.contactLists.find(listId) != null;
        }
        if (listExists && call.jsonBody() != null) {
            // the plain body every client sends, read without a tree; anything else is read below
            target = lookup(listId);
            batch = PlainContacts.read(call.body, listId, target.data, now, settings.maxContactsPerRequest(), refused);
        }
        if (batch == null) {
            ArrayNode body = Json.requireArray(call.json(), "array of contacts");
            if (body.isEmpty()) {
                throw ApiError.badRequest("The request must carry at least one contact.");
            }
            if (body.size() > settings.maxContactsPerRequest()) {
                throw ApiError.badRequest("A request may add at most " + settings.maxContactsPerRequest()
                        + " contacts; this one carries " + body.size() + ".");
            }
            target = lookup(listId);
            batch = new ArrayList<>(body.size());
            Set<String> idsInRequest = new HashSet<>();
            for (int i = 0; i < body.size(); i++) {
                batch.add(unique(parseContact(body.get(i), "contact[" + i + "]", listId, target.data, now),
                        idsInRequest));
            }
        } else {
            Set<String> idsInRequest = new HashSet<>();
            batch.forEach(contact -> unique(contact, idsInRequest));
        }
        ContactData data = target.data;
        checkRoom(listId, data, batch);
        data.upsert(batch, new ContactData.AddFlags(priority, clearSystemData, doNotQueue));
        if (settings.importDurationMs() > 0) {
            long start = org.clock.millis();
            org.imports.put(listId, new Org.Import(data.size(), start, start + settings.importDurationMs(), null));
        }
        List<String> phones = Org.phoneColumns(target.list);
        List<ContactData.Contact> stored = data.getAll(batch.stream().map(ContactData.Incoming::id).toList());
        Boolean overrides = priority || clearSystemData || doNotQueue ? priority : null;
        return Reply.ok(data.answer(stored, listId, phones, overrides));
    }

    /**
     * Genesys' contact limits (Resource Center, "Create a new contact list"): a list holds at most 1,000,000
     * contacts, the org's lists 5,000,000 together; an add past either is refused whole. The status and the message
     * follow the service's 400s; the exact code of this refusal is not documented.
     */
    private void checkRoom(String listId, ContactData data, List<ContactData.Incoming> batch) {
        long added = data.countNew(batch.stream().map(ContactData.Incoming::id).toList());
        if (added == 0) {
            return;
        }
        long inList = data.size();
        if (inList + added > settings.contactsPerList()) {
            throw ApiError.withParams(400, "bad.request", "Adding {added} contacts would put contact list {listId} at"
                    + " {total} contacts; a contact list holds at most {limit}.", Map.of("added", String.valueOf(added),
                            "listId", listId, "total", String.valueOf(inList + added),
                            "limit", String.valueOf(settings.contactsPerList())));
        }
        long inOrg = org.contacts.values().stream().mapToLong(ContactData::size).sum();
        if (inOrg + added > settings.contactsPerOrg()) {
            throw ApiError.withParams(400, "bad.request", "Adding {added} contacts would put the organization at"
                    + " {total} contacts; an organization holds at most {limit}.", Map.of("added",
                            String.valueOf(added), "total", String.valueOf(inOrg + added),
                            "limit", String.valueOf(settings.contactsPerOrg())));
        }
    }

    /** The contact, if no earlier one of the request had its id. */
    private static ContactData.Incoming unique(ContactData.Incoming contact, Set<String> idsInRequest) {
        if (!idsInRequest.add(contact.id())) {
            throw ApiError.badRequest("Contact id '" + contact.id() + "' appears twice in the request.");
        }
        return contact;
    }

    /** One contact of a request: every data key a column, every value a string of at most 512 characters. */
    private ContactData.Incoming parseContact(JsonNode node, String where, String listId, ContactData data,
            String now) {
        if (!node.isObject()) {
            throw ApiError.badRequest(where + " must be a JSON object.");
        }
        String id = Json.text(node, "id");
        if (id != null && (id.isBlank() || id.length() > 128)) {
            throw ApiError.badRequest("Contact id in " + where + " must be 1 to 128 characters.");
        }
        String label = id == null ? where : "contact '" + id + "' (" + where + ")";
        java.util.regex.Pattern refusedIds = refused;
        if (id != null && refusedIds != null && refusedIds.matcher(id).matches()) {
            throw ApiError.badRequest("The service refused " + label + " (the sandbox's refuse rule).");
        }
        String contactListId = Json.text(node, "contactListId");
        if (contactListId == null) {
            throw ApiError.badRequest("Field 'contactListId' is required in " + label + ".");
        }
        if (!contactListId.equals(listId)) {
            throw ApiError.badRequest("Field 'contactListId' of " + label + " is " + contactListId
                    + " but the contacts are being added to " + listId + ".");
        }
        JsonNode fields = node.get("data");
        if (fields == null || !fields.isObject()) {
            throw ApiError.badRequest("Field 'data' (an object of column values) is required in " + label + ".");
        }
        String[] values = new String[data.columns.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Integer column = data.column(field.getKey());
            if (column == null) {
                throw ApiError.badRequest("Column '" + field.getKey() + "' of " + label
                        + " is not a column of contact list " + listId + ".");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw ApiError.badRequest("Column '" + field.getKey() + "' of " + label + " must hold a string.");
            }
            String text = value.asText();
            if (text.length() > MAX_VALUE_LENGTH) {
                throw ApiError.badRequest("Column '" + field.getKey() + "' of " + label + " holds " + text.length()
                        + " characters; the most a value may hold is " + MAX_VALUE_LENGTH + ".");
            }
            values[column] = text;
        }
        Boolean callable = Json.optBoolean(node, "callable", label);
        return new ContactData.Incoming(id == null ? UUID.randomUUID().toString().replace("-", "") : id, values, now,
                callable);
    }

    private Reply getContactsBulk(Call call) {
        Lookup target = lookup(call.param("contactListId"));
        List<String> ids = Json.strings(Json.requireArray(call.json(), "array of contact ids"), "contact ids");
        List<String> phones = Org.phoneColumns(target.list);
        ArrayNode out = Json.array();
        for (ContactData.Contact contact : target.data.getAll(ids)) {
            out.add(target.data.view(contact, target.list.get("id").asText(), phones));
        }
        return Reply.ok(out);
    }

    private Reply getContact(Call call) {
        Lookup target = lookup(call.param("contactListId"));
        ContactData.Contact contact = target.data.get(call.param("contactId"));
        if (contact == null) {
            throw ApiError.notFound("contact", call.param("contactId"));
        }
        return Reply.ok(target.data.view(contact, call.param("contactListId"), Org.phoneColumns(target.list)));
    }

    private Reply updateContact(Call call) {
        String listId = call.param("contactListId");
        String contactId = call.param("contactId");
        Lookup target = lookup(listId);
        ContactData.Contact existing = target.data.get(contactId);
        if (existing == null) {
            throw ApiError.notFound("contact", contactId);
        }
        ObjectNode body = Json.requireObject(call.json(), "DialerContact").deepCopy();
        body.put("id", contactId);
        ContactData.Incoming updated = parseContact(body, "the contact", listId, target.data,
                existing.dateCreated());
        target.data.upsert(List.of(updated), ContactData.AddFlags.KEEP);
        return Reply.ok(target.data.view(target.data.get(contactId), listId, Org.phoneColumns(target.list)));
    }

    private Reply deleteContact(Call call) {
        Lookup target = lookup(call.param("contactListId"));
        if (!target.data.remove(call.param("contactId"))) {
            throw ApiError.notFound("contact", call.param("contactId"));
        }
        return Reply.status(204);
    }

    private Reply deleteContacts(Call call) {
        Lookup target = lookup(call.param("contactListId"));
        List<String> ids = call.queryList("contactIds");
        if (ids.isEmpty()) {
            throw ApiError.badRequest("Query parameter 'contactIds' is required.");
        }
        ids.forEach(target.data::remove);
        return Reply.status(204);
    }

    private Reply clear(Call call) {
        Lookup target = lookup(call.param("contactListId"));
        target.data.clear();
        return Reply.status(204);
    }
}
