package io.outboundsync.contacts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a batch of contacts to {@code POST /api/v2/outbound/contactlists/{id}/contacts}, each with its contact id
 * (so a resend updates, never duplicates). A batch Genesys refuses with 400 is split in halves until the rows it
 * refuses are isolated; those come back with the service's message and the rest are still sent. Any other failure
 * (retries exhausted, credentials, a deleted list) fails the batch whole: nothing of it counts as synced.
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

    public Outcome upload(String listId, List<NormalisedRow> batch) {
        List<NormalisedRow> acknowledged = new ArrayList<>(batch.size());
        List<Refused> refused = new ArrayList<>();
        send(listId, batch, acknowledged, refused);
        return new Outcome(acknowledged, refused);
    }

    private void send(String listId, List<NormalisedRow> rows, List<NormalisedRow> acknowledged,
            List<Refused> refused) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            genesys.postIgnoringAnswer("/api/v2/outbound/contactlists/" + listId + "/contacts", body(listId, rows));
            acknowledged.addAll(rows);
        } catch (GenesysApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            if (rows.size() == 1) {
                refused.add(new Refused(rows.get(0), e.code() + ": " + e.serviceMessage()));
                return;
            }
            int half = rows.size() / 2;
            send(listId, rows.subList(0, half), acknowledged, refused);
            send(listId, rows.subList(half, rows.size()), acknowledged, refused);
        }
    }

    /** The request body, written straight to text: {@code [{"id", "contactListId", "data": {...}}]}. */
    public String body(String listId, List<NormalisedRow> rows) {
        StringWriter out = new StringWriter(rows.size() * 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (NormalisedRow row : rows) {
                json.writeStartObject();
                json.writeStringField("id", row.contactId());
                json.writeStringField("contactListId", listId);
                json.writeObjectFieldStart("data");
                String[] values = row.values();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        json.writeStringField(columns.get(i), values[i]);
                    }
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
