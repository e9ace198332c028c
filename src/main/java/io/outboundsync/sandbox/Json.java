package io.outboundsync.sandbox;

import io.outboundsync.support.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading and checking request bodies the way the service does: a missing or wrong field is a 400 naming it. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ObjectNode requireObject(JsonNode body, String what) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("The request body must be a JSON object (" + what + ").");
        }
        return (ObjectNode) body;
    }

    static ArrayNode requireArray(JsonNode body, String what) {
        if (body == null || !body.isArray()) {
            throw ApiError.badRequest("The request body must be a JSON array (" + what + ").");
        }
        return (ArrayNode) body;
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    static String text(JsonNode node, String field) {
        return JsonFields.text(node, field);
    }

    static String requireText(JsonNode node, String field, String where) {
        return JsonFields.requireText(node, field, where);
    }

    static String optEnum(JsonNode node, String field, Set<String> allowed, String where) {
        return JsonFields.optEnum(node, field, allowed, where);
    }

    static String requireEnum(JsonNode node, String field, Set<String> allowed, String where) {
        return JsonFields.requireEnum(node, field, allowed, where);
    }

    static ArrayNode optArray(JsonNode node, String field, String where) {
        return JsonFields.optArray(node, field, where);
    }

    static ArrayNode requireArray(JsonNode node, String field, String where) {
        return JsonFields.requireArray(node, field, where);
    }

    static Boolean optBoolean(JsonNode node, String field, String where) {
        return JsonFields.optBoolean(node, field, where);
    }

    static Long optLong(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw ApiError.badRequest("Field '" + field + "' must be a whole number" + where(where) + ".");
        }
        return value.longValue();
    }

    static Double optNumber(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiError.badRequest("Field '" + field + "' must be a number" + where(where) + ".");
        }
        return value.doubleValue();
    }

    /** The id of a {@code DomainEntityRef} field, or null when the field is absent. */
    static String refId(JsonNode node, String field, String where) {
        JsonNode ref = node.get(field);
        if (ref == null || ref.isNull()) {
            return null;
        }
        if (!ref.isObject()) {
            throw ApiError.badRequest("Field '" + field + "' must be an entity reference {\"id\": ...}"
                    + where(where) + ".");
        }
        return requireText(ref, "id", field + where(where));
    }

    static List<String> refIds(JsonNode node, String field, String where) {
        ArrayNode refs = optArray(node, field, where);
        List<String> ids = new ArrayList<>();
        if (refs != null) {
            for (int i = 0; i < refs.size(); i++) {
                JsonNode ref = refs.get(i);
                if (!ref.isObject()) {
                    throw ApiError.badRequest("Field '" + field + "[" + i + "]' must be an entity reference"
                            + where(where) + ".");
                }
                ids.add(requireText(ref, "id", field + "[" + i + "]" + where(where)));
            }
        }
        return ids;
    }

    static List<String> strings(ArrayNode array, String field) {
        return JsonFields.strings(array, field);
    }

    static void requireZone(String zone, String field) {
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw ApiError.invalidValue("Field '" + field + "' holds '" + zone + "', which is not an IANA time zone"
                    + " (for example America/Chicago).");
        }
    }

    static Instant instant(String value) {
        return JsonFields.instant(value);
    }

    static ObjectNode ref(String id, String name, String selfUri) {
        ObjectNode ref = object();
        ref.put("id", id);
        if (name != null) {
            ref.put("name", name);
        }
        if (selfUri != null) {
            ref.put("selfUri", selfUri);
        }
        return ref;
    }

    private static String where(String where) {
        return where == null || where.isEmpty() ? "" : " in " + where;
    }
}
