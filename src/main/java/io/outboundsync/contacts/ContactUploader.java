package io.outboundsync.contacts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Sends a batch of contacts to {@code POST /api/v2/outbound/contactlists/{id}/contacts}, each with its contact id
 * (so a resend updates, never duplicates). A batch Genesys refuses with 400 is split in halves until the rows it
 * refuses are isolated; those come back with the service's message and the rest are still sent. Any other failure
 * (retries exhausted, credentials, a deleted list) fails the batch whole: nothing of it counts as synced. The same
 * upsert makes contacts uncallable ({@code callable: false}) when their consent is withdrawn, and callable again
 * when a later row accepts them.
 */
public final class ContactUploader {

    /** What a batch came to: the rows Genesys acknowledged and those it refused, with why. */
    public record Outcome(List<NormalisedRow> acknowledged, List<Refused> refused) {
    }

    /** A row Genesys refused on its own. */
    public record Refused(NormalisedRow row, String message) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final GenesysClient genesys;
    private final List<String> columns;

    public ContactUploader(GenesysClient genesys, List<String> columns) {
        this.genesys = genesys;
        this.columns = columns;
    }

    /** Sends accepted rows; those of {@code callableAgain} (made uncallable before) are sent {@code callable: true}. */
    public Outcome upload(String listId, List<NormalisedRow> batch, Set<String> callableAgain) {
        List<NormalisedRow> acknowledged = new ArrayList<>(batch.size());
        List<Refused> refused = new ArrayList<>();
        send(listId, batch, rows -> body(listId, rows, callableAgain), acknowledged,
                (row, why) -> refused.add(new Refused(row, why)));
        return new Outcome(acknowledged, refused);
    }

    public Outcome upload(String listId, List<NormalisedRow> batch) {
        return upload(listId, batch, Set.of());
    }

    /** What became of withdrawals: those Genesys acknowledged as uncallable, and those it refused, with why. */
    public record Withdrawn(List<Withdrawal> acknowledged, Map<Withdrawal, String> refused) {
    }

    /** Makes contacts uncallable: the same upsert by contact id, with {@code callable: false} and their data. */
    public Withdrawn withdraw(String listId, List<Withdrawal> withdrawals) {
        List<Withdrawal> acknowledged = new ArrayList<>(withdrawals.size());
        Map<Withdrawal, String> refused = new LinkedHashMap<>();
        send(listId, withdrawals, part -> withdrawalBody(listId, part), acknowledged, refused::put);
        return new Withdrawn(acknowledged, refused);
    }

    /**
     * Sends items in one request; a 400 splits them in halves until the refused ones are isolated (each reported
     * with the service's message), the rest still sent. Any other failure fails them all.
     */
    private <T> void send(String listId, List<T> items, Function<List<T>, String> body, List<T> acknowledged,
            BiConsumer<T, String> refused) {
        if (items.isEmpty()) {
            return;
        }
        try {
            genesys.postIgnoringAnswer("/api/v2/outbound/contactlists/" + listId + "/contacts", body.apply(items));
            acknowledged.addAll(items);
        } catch (GenesysApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            if (items.size() == 1) {
                refused.accept(items.get(0), e.code() + ": " + e.serviceMessage());
                return;
            }
            int half = items.size() / 2;
            send(listId, items.subList(0, half), body, acknowledged, refused);
            send(listId, items.subList(half, items.size()), body, acknowledged, refused);
        }
    }

    /** One contact of a request body. */
    private record Contact(String id, String[] values, Boolean callable) {
    }

    /** The request body, written straight to text: {@code [{"id", "contactListId", "data": {...}}]}. */
    public String body(String listId, List<NormalisedRow> rows) {
        return body(listId, rows, Set.of());
    }

    /** The body of an upload; the rows of {@code callableAgain} carry {@code callable: true}. */
    public String body(String listId, List<NormalisedRow> rows, Set<String> callableAgain) {
        return write(listId, rows, row -> new Contact(row.contactId(), row.values(),
                callableAgain.contains(row.contactId()) ? Boolean.TRUE : null));
    }

    /** The body that makes contacts uncallable: {@code callable: false} with their data. */
    public String withdrawalBody(String listId, List<Withdrawal> withdrawals) {
        return write(listId, withdrawals, w -> new Contact(w.contactId(), w.values(), Boolean.FALSE));
    }

    private <T> String write(String listId, List<T> items, Function<T, Contact> contact) {
        StringWriter out = new StringWriter(items.size() * 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (T item : items) {
                Contact c = contact.apply(item);
                json.writeStartObject();
                json.writeStringField("id", c.id());
                json.writeStringField("contactListId", listId);
                json.writeObjectFieldStart("data");
                String[] values = c.values();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        json.writeStringField(columns.get(i), values[i]);
                    }
                }
                json.writeEndObject();
                if (c.callable() != null) {
                    json.writeBooleanField("callable", c.callable());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
