package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a Genesys object this project manages: the fields the desired object sets, minus what the service
 * owns (id, version, dates, selfUri). Both sides are normalised before they are compared or hashed: references
 * become their id, numbers their plain decimal form, object keys are sorted, nulls dropped.
 */
final class ManagedFields {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SERVICE_OWNED = Set.of("id", "version", "dateCreated", "dateModified",
            "selfUri", "campaignStatus", "division");
    private static final Set<String> REFERENCE_KEYS = Set.of("id", "name", "selfUri");

    private ManagedFields() {
    }

    /** The managed fields of the desired object, normalised. */
    static ObjectNode desired(Object desired) {
        ObjectNode node = JSON.valueToTree(desired);
        ObjectNode managed = JsonNodeFactory.instance.objectNode();
        for (String field : new TreeSet<>(fieldNames(node))) {
            if (!SERVICE_OWNED.contains(field) && !node.get(field).isNull()) {
                managed.set(field, normalise(node.get(field)));
            }
        }
        return managed;
    }

    /** The same fields of a live object, normalised (missing ones absent). */
    static ObjectNode live(ObjectNode desiredManaged, JsonNode live) {
        ObjectNode managed = JsonNodeFactory.instance.objectNode();
        for (String field : fieldNames(desiredManaged)) {
            JsonNode value = live.get(field);
            if (value != null && !value.isNull()) {
                managed.set(field, normalise(value));
            }
        }
        return managed;
    }

    /** The fields whose values differ. */
    static List<String> changed(ObjectNode desired, ObjectNode live) {
        List<String> changed = new ArrayList<>();
        for (String field : fieldNames(desired)) {
            if (!desired.get(field).equals(live.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** The differing fields' values in Genesys (from) and in the file (to), for a plan to show. */
    static List<CampaignSync.FieldChange> values(ObjectNode desired, ObjectNode live, List<String> fields) {
        List<CampaignSync.FieldChange> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            values.add(new CampaignSync.FieldChange(field, shorten(live.get(field)), shorten(desired.get(field))));
        }
        return values;
    }

    /** A value as compact JSON, at most {@link #SHOWN} characters (longer ones end in an ellipsis); null: absent. */
    static String shorten(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 1) + "…";
    }

    static final int SHOWN = 72;

    static String hash(JsonNode normalised) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(normalised)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode normalise(JsonNode node) {
        if (node.isObject()) {
            if (node.has("id") && REFERENCE_KEYS.containsAll(fieldNames(node))) {
                return JsonNodeFactory.instance.objectNode().put("id", node.get("id").asText());
            }
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String field : new TreeSet<>(fieldNames(node))) {
                if (!node.get(field).isNull()) {
                    sorted.set(field, normalise(node.get(field)));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(normalise(element)));
            return array;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
