package io.outboundsync.contacts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.List;

/**
 * One contact of an add-contacts request ({@code WritableDialerContact}: {@code id}, {@code contactListId},
 * {@code data}, {@code callable}), written by the route's camel-jackson marshal straight from the row's values: no
 * map is built per contact. {@code callable} is left out unless set.
 *
 * @param columns the list's columns, the names of {@code values} (shared by all contacts of a list)
 * @param source  the row or withdrawal it came from (not sent)
 */
@JsonSerialize(using = DialerContact.Writer.class)
public record DialerContact(String id, String contactListId, List<String> columns, String[] values,
        Boolean callable, Object source) {

    /** Writes the contact as Genesys reads it. */
    static final class Writer extends JsonSerializer<DialerContact> {
        @Override
        public void serialize(DialerContact contact, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeStartObject();
            json.writeStringField("id", contact.id());
            json.writeStringField("contactListId", contact.contactListId());
            json.writeObjectFieldStart("data");
            String[] values = contact.values();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    json.writeStringField(contact.columns().get(i), values[i]);
                }
            }
            json.writeEndObject();
            if (contact.callable() != null) {
                json.writeBooleanField("callable", contact.callable());
            }
            json.writeEndObject();
        }
    }
}
