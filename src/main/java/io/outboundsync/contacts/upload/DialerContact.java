package io.outboundsync.contacts.upload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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

    /**
     * Writes the contact as Genesys reads it. The column names are encoded once per list (a request repeats them a
     * thousand times), kept for the columns object last seen.
     */
    static final class Writer extends JsonSerializer<DialerContact> {
        private static final SerializedString ID = new SerializedString("id");
        private static final SerializedString CONTACT_LIST_ID = new SerializedString("contactListId");
        private static final SerializedString DATA = new SerializedString("data");
        private static final SerializedString CALLABLE = new SerializedString("callable");

        private record Names(List<String> columns, SerializedString[] encoded) {
        }

        private volatile Names names = new Names(List.of(), new SerializedString[0]);

        @Override
        public void serialize(DialerContact contact, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeStartObject();
            json.writeFieldName(ID);
            json.writeString(contact.id());
            json.writeFieldName(CONTACT_LIST_ID);
            json.writeString(contact.contactListId());
            json.writeFieldName(DATA);
            json.writeStartObject();
            SerializedString[] columns = names(contact.columns());
            String[] values = contact.values();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    json.writeFieldName(columns[i]);
                    json.writeString(values[i]);
                }
            }
            json.writeEndObject();
            if (contact.callable() != null) {
                json.writeFieldName(CALLABLE);
                json.writeBoolean(contact.callable());
            }
            json.writeEndObject();
        }

        private SerializedString[] names(List<String> columns) {
            Names known = names;
            if (known.columns() != columns) {
                known = new Names(columns, columns.stream().map(SerializedString::new)
                        .toArray(SerializedString[]::new));
                names = known;
            }
            return known.encoded();
        }
    }
}
