package io.outboundsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;
import io.outboundsync.config.CampaignSchema.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the JSON Schema validator says of a campaign file, in the words of the file's author: an unknown key at the
 * line it stands on with the key most likely meant, a wrong type or a value outside its enumeration with what is
 * allowed, a missing key with what it holds ({@link CampaignSchema}).
 */
final class SchemaFindings {

    private static final JsonNode SCHEMA_TREE = schemaTree();
    private static final Pattern ALTERNATIVES = Pattern.compile("\\^\\(([A-Za-z0-9_|]+)\\)\\$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");

    private SchemaFindings() {
    }

    static Finding of(ValidationMessage message, List<String> lines) {
        String path = CampaignSchema.key(message.getInstanceLocation().toString());
        JsonNode at = message.getInstanceNode();
        String schema = pointer(message.getSchemaLocation());
        String property = message.getProperty();
        return switch (message.getType()) {
            case "additionalProperties" -> unknownKey(path, at, property, parent(schema), lines);
            case "type" -> wrongType(path, at, keyword(schema));
            case "enum" -> notInEnum(path, at, keyword(schema));
            case "required" -> new Finding(CampaignSchema.line(at), CampaignSchema.column(at), join(path, property), "is missing",
                    "add " + property + ": <value>" + described(schema, property));
            default -> new Finding(CampaignSchema.line(at), CampaignSchema.column(at), path, message.getMessage().replaceFirst("^\\S*: ", ""),
                    "see " + CampaignSchema.SCHEMA + " for the allowed keys and values");
        };
    }

    /** An unknown key, reported where the key itself stands, with the known key it most likely meant. */
    private static Finding unknownKey(String path, JsonNode object, String property, JsonNode parent,
            List<String> lines) {
        JsonNode value = object == null ? null : object.get(property);
        int line = value != null ? CampaignSchema.line(value) : CampaignSchema.line(object);
        int column = CampaignSchema.column(value);
        // the key stands on the value's line, or above it (a list or mapping value starts on the next line)
        Pattern keyPattern = Pattern.compile("(^|[\\s{,-])[\"']?" + Pattern.quote(property) + "[\"']?\\s*:");
        for (int l = line; l > 0 && l <= lines.size() && l >= CampaignSchema.line(object); l--) {
            Matcher key = keyPattern.matcher(lines.get(l - 1));
            if (key.find()) {
                line = l;
                column = key.start() + key.group(1).length() + 1;
                break;
            }
        }
        List<String> known = new ArrayList<>();
        parent.path("properties").fieldNames().forEachRemaining(known::add);
        parent.path("patternProperties").fieldNames().forEachRemaining(p -> {
            Matcher m = ALTERNATIVES.matcher(p);
            if (m.matches()) {
                known.addAll(List.of(m.group(1).split("\\|")));
            }
        });
        String meant = DidYouMean.closest(property, known);
        String fix = meant != null ? "did you mean " + meant + "?"
                : known.isEmpty() ? "remove it" : "remove it, or use one of " + String.join(", ", known);
        return new Finding(line, column, join(path, property), "is not a key of " + owner(path), fix);
    }

    private static Finding wrongType(String path, JsonNode at, JsonNode typeNode) {
        List<String> expected = new ArrayList<>();
        if (typeNode.isArray()) {
            typeNode.forEach(t -> expected.add(t.asText()));
        } else {
            expected.add(typeNode.asText());
        }
        String wanted = expected.stream().map(SchemaFindings::typeName).collect(Collectors.joining(" or "));
        String name = path.substring(path.lastIndexOf('.') + 1);
        String fix;
        if (expected.equals(List.of("boolean")) && !name.contains("[")) {
            fix = "write " + name + ": true or " + name + ": false (unquoted)";
        } else if (expected.equals(List.of("string")) && at != null && at.isValueNode()) {
            fix = "quote it: '" + at.asText() + "'";
        } else {
            fix = "write it as " + wanted;
        }
        return new Finding(CampaignSchema.line(at), CampaignSchema.column(at), path, "is " + describe(at) + ", where " + wanted + " is expected",
                fix);
    }

    private static Finding notInEnum(String path, JsonNode at, JsonNode enumNode) {
        List<String> allowed = new ArrayList<>();
        enumNode.forEach(v -> allowed.add(v.asText()));
        String shown = allowed.stream().map(v -> WORD.matcher(v).matches() ? v : "'" + v + "'")
                .collect(Collectors.joining(", "));
        String given = at == null ? "" : at.asText();
        String meant = given.length() > 1 ? DidYouMean.closest(given, allowed) : null;
        return new Finding(CampaignSchema.line(at), CampaignSchema.column(at), path, "is '" + given + "', which is not one of " + shown,
                meant != null ? "did you mean " + meant + "?" : "use one of " + shown);
    }

    /** {@code the text 'maybe'}, {@code the number 17}, {@code a list}. */
    private static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "empty";
        }
        if (value.isTextual()) {
            return "the text '" + value.asText() + "'";
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText() + " (true or false)";
        }
        return value.isArray() ? "a list" : "a mapping";
    }

    private static String typeName(String type) {
        return switch (type) {
            case "boolean" -> "true or false";
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "array" -> "a list";
            case "object" -> "a mapping (key: value)";
            default -> type;
        };
    }

    /** {@code contacts.fields[4]} is "a field" (its schema's name), {@code contacts} is itself. */
    private static String owner(String path) {
        if ("(top level)".equals(path)) {
            return "a campaign file";
        }
        if (path.endsWith("]")) {
            String list = path.substring(0, path.lastIndexOf('['));
            String last = list.substring(list.lastIndexOf('.') + 1);
            return "a " + (last.endsWith("s") ? last.substring(0, last.length() - 1) : last);
        }
        return path;
    }

    private static String described(String requiredPointer, String property) {
        String description = parent(requiredPointer).path("properties").path(property).path("description").asText("");
        return description.isEmpty() ? "" : " (" + description + ")";
    }

    /** The pointer into the schema of the keyword that failed ({@code /$defs/contacts/additionalProperties}). */
    private static String pointer(SchemaLocation location) {
        String text = location.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? "" : text.substring(hash + 1);
    }

    /** The schema node of a keyword's value. */
    private static JsonNode keyword(String pointer) {
        return SCHEMA_TREE.at(pointer);
    }

    /** The schema object a keyword stands in. */
    private static JsonNode parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? SCHEMA_TREE : SCHEMA_TREE.at(pointer.substring(0, slash));
    }

    private static String join(String path, String property) {
        return "(top level)".equals(path) ? property : path + "." + property;
    }

    private static JsonNode schemaTree() {
        try (InputStream in = CampaignSchema.class.getClassLoader().getResourceAsStream(CampaignSchema.SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(CampaignSchema.SCHEMA + " is missing from the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
