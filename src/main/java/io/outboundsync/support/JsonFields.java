package io.outboundsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading the fields of a JSON document that must be of a given shape (a Genesys request body, a contact list
 * filter), each failure an {@link InvalidJson} naming the field. Shared by the sandbox and the filter evaluator.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.isBinary()) {
            throw InvalidJson.badRequest("Field '" + field + "' must be a string.");
        }
        return value.asText();
    }

    public static String requireText(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw InvalidJson.badRequest("Field '" + field + "' is required" + where(where) + ".");
        }
        return value;
    }

    public static String optEnum(JsonNode node, String field, Set<String> allowed, String where) {
        String value = text(node, field);
        if (value != null && !allowed.contains(value)) {
            throw InvalidJson.invalidValue("Invalid value '" + value + "' for field '" + field + "'" + where(where)
                    + ". Allowed values: " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    public static String requireEnum(JsonNode node, String field, Set<String> allowed, String where) {
        requireText(node, field, where);
        return optEnum(node, field, allowed, where);
    }

    public static ArrayNode optArray(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw InvalidJson.badRequest("Field '" + field + "' must be an array" + where(where) + ".");
        }
        return (ArrayNode) value;
    }

    public static ArrayNode requireArray(JsonNode node, String field, String where) {
        ArrayNode value = optArray(node, field, where);
        if (value == null) {
            throw InvalidJson.badRequest("Field '" + field + "' is required" + where(where) + ".");
        }
        return value;
    }

    public static Boolean optBoolean(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw InvalidJson.badRequest("Field '" + field + "' must be true or false" + where(where) + ".");
        }
        return value.booleanValue();
    }

    private static String where(String where) {
        return where == null || where.isEmpty() ? "" : " in " + where;
    }

    public static List<String> strings(ArrayNode array, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw InvalidJson.badRequest("Field '" + field + "' must hold strings only.");
            }
            values.add(value.asText());
        }
        return values;
    }

    /**
     * An ISO-8601 date-time with an offset, a local date-time or a date (both read as UTC, which is enough for
     * comparing values given in one zone), or null when the text is none of these.
     */
    public static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: try the local shapes
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a local date-time either
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
