package io.outboundsync.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.utils.JsonNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A campaign file ({@code config/campaigns/<key>.yaml}) read and checked against the JSON Schema shipped in the jar
 * ({@code schema/campaign.schema.json}), where every object is closed: an unknown key, a value of the wrong type or
 * outside its enumeration is a finding with its YAML path, line:column and the fix (the key or value most likely
 * meant), never a default. The contacts flow and the campaigns flow read the same findings, each for its sections.
 */
public final class CampaignSchema {

    /** The schema, also shipped for editors: {@code $schema} in a campaign file may point at it. */
    public static final String SCHEMA = "schema/campaign.schema.json";

    /** The key of a finding about the file as a whole (it cannot be read as YAML). */
    public static final String FILE = "(file)";

    private static final JsonNodeReader READER = JsonNodeReader.builder().locationAware().build();
    private static final JsonSchema VALIDATOR = JsonSchemaFactory
            .getInstance(SpecVersion.VersionFlag.V202012, builder -> builder.jsonNodeReader(READER))
            .getSchema(SchemaLocation.of("classpath:" + SCHEMA),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    private static final JsonNode SCHEMA_TREE = schemaTree();
    private static final Pattern ALTERNATIVES = Pattern.compile("\\^\\(([A-Za-z0-9_|]+)\\)\\$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");

    /** One mistake: where (line and column, 1-based, 0 when unknown; the YAML path), what, and the fix. */
    public record Finding(int line, int column, String key, String message, String fix) {

        /** {@code line 25:3, contacts.requireConsnet: is not a key of contacts. Fix: ...}. */
        @Override
        public String toString() {
            return "line " + (line > 0 ? line + (column > 0 ? ":" + column : "") : "?") + ", " + key + ": " + message
                    + (fix == null ? "" : ". Fix: " + fix);
        }

        /** Whether it concerns the section {@code top} ({@code contacts}, {@code contactList}) or the whole file. */
        public boolean in(String top) {
            return key.equals(FILE) || key.equals(top) || key.startsWith(top + ".") || key.startsWith(top + "[");
        }
    }

    /** The file's tree (null when it is not YAML) and every finding, in the order of the file. */
    public record Checked(JsonNode root, List<Finding> findings) {
    }

    private CampaignSchema() {
    }

    /** Reads a campaign file with the location of every node, and checks it against the schema. */
    public static Checked read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Checked(null, List.of(new Finding(0, 0, FILE, "cannot be read: " + e.getMessage(),
                    "make it a readable UTF-8 file")));
        }
        JsonNode root;
        try {
            root = READER.readTree(text, InputFormat.YAML);
        } catch (IOException e) {
            return new Checked(null, List.of(syntax(e)));
        } catch (IllegalArgumentException e) {
            // the location-aware reader wraps the parser's exception
            return new Checked(null, List.of(syntax(e.getCause() instanceof IOException io ? io
                    : new IOException(e.getMessage(), e))));
        }
        if (root == null || !root.isObject()) {
            return new Checked(root, List.of(new Finding(1, 1, FILE, "is not a YAML mapping",
                    "write the sections as keys: contactList:, contacts:, campaign: ...")));
        }
        List<String> lines = text.lines().toList();
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage message : VALIDATOR.validate(root)) {
            findings.add(finding(message, lines));
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return new Checked(root, List.copyOf(findings));
    }

    /**
     * {@code <file>: 2 mistakes:} and one line a finding, {@code   demo.yaml line 25:3, contacts.trim: ... Fix: ...}:
     * the form every campaign-file refusal takes.
     */
    public static String describe(Path file, List<Finding> findings) {
        return file + ": " + findings.size() + " mistake" + (findings.size() == 1 ? "" : "s") + ":\n"
                + findings.stream().map(f -> "  " + file.getFileName() + " " + sentence(f.toString()))
                        .collect(Collectors.joining("\n"));
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("?") ? text : text + ".";
    }

    /**
     * The node at a key ({@code contacts.fields[2].to}) of a tree read by {@link #read}, or the nearest enclosing one
     * that is there (a missing key is reported where it belongs); null for a tree that could not be read.
     */
    public static JsonNode locate(JsonNode root, String key) {
        JsonNode at = root;
        for (String part : key.split("\\.")) {
            Matcher indexed = Pattern.compile("([^\\[]+)((?:\\[\\d+])*)").matcher(part);
            if (at == null || !indexed.matches()) {
                break;
            }
            JsonNode next = at.get(indexed.group(1));
            Matcher index = Pattern.compile("\\[(\\d+)]").matcher(indexed.group(2));
            while (next != null && index.find()) {
                next = next.get(Integer.parseInt(index.group(1)));
            }
            if (next == null) {
                break;
            }
            at = next;
        }
        return at;
    }

    /** The 1-based line of a node read by {@link #read}, 0 when unknown. */
    public static int line(JsonNode node) {
        JsonLocation location = node == null ? null : JsonNodes.tokenLocationOf(node);
        return location == null ? 0 : location.getLineNr();
    }

    /** The 1-based column of a node read by {@link #read}, 0 when unknown. */
    public static int column(JsonNode node) {
        JsonLocation location = node == null ? null : JsonNodes.tokenLocationOf(node);
        return location == null ? 0 : location.getColumnNr();
    }

    /** A YAML syntax error at the parser's problem mark, with what it was parsing and where that began. */
    private static Finding syntax(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark context = marked.getContextMark();
                String during = marked.getContext() == null ? "" : " (" + marked.getContext()
                        + (context == null ? "" : " that starts at line " + (context.getLine() + 1) + ":"
                                + (context.getColumn() + 1)) + ")";
                return new Finding(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1,
                        FILE, "is not valid YAML: " + marked.getProblem() + during,
                        "correct the YAML syntax at the position given");
            }
        }
        int line = 0;
        int column = 0;
        String message = e.getMessage();
        if (e instanceof JsonProcessingException parse) {
            message = parse.getOriginalMessage();
            if (parse.getLocation() != null) {
                line = parse.getLocation().getLineNr();
                column = parse.getLocation().getColumnNr();
            }
        }
        String first = message == null ? "" : message.lines().map(String::strip).filter(l -> !l.isEmpty())
                .findFirst().orElse("");
        return new Finding(line, column, FILE, "is not valid YAML: " + first,
                "correct the YAML syntax at the position given");
    }

    private static Finding finding(ValidationMessage message, List<String> lines) {
        String path = key(message.getInstanceLocation().toString());
        JsonNode at = message.getInstanceNode();
        String schema = pointer(message.getSchemaLocation());
        String property = message.getProperty();
        return switch (message.getType()) {
            case "additionalProperties" -> unknownKey(path, at, property, parent(schema), lines);
            case "type" -> wrongType(path, at, keyword(schema));
            case "enum" -> notInEnum(path, at, keyword(schema));
            case "required" -> new Finding(line(at), column(at), join(path, property), "is missing",
                    "add " + property + ": <value>" + described(schema, property));
            default -> new Finding(line(at), column(at), path, message.getMessage().replaceFirst("^\\S*: ", ""),
                    "see " + SCHEMA + " for the allowed keys and values");
        };
    }

    /** An unknown key, reported where the key itself stands, with the known key it most likely meant. */
    private static Finding unknownKey(String path, JsonNode object, String property, JsonNode parent,
            List<String> lines) {
        JsonNode value = object == null ? null : object.get(property);
        int line = value != null ? line(value) : line(object);
        int column = column(value);
        // the key stands on the value's line, or above it (a list or mapping value starts on the next line)
        Pattern keyPattern = Pattern.compile("(^|[\\s{,-])[\"']?" + Pattern.quote(property) + "[\"']?\\s*:");
        for (int l = line; l > 0 && l <= lines.size() && l >= line(object); l--) {
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
        String wanted = expected.stream().map(CampaignSchema::typeName).collect(Collectors.joining(" or "));
        String name = path.substring(path.lastIndexOf('.') + 1);
        String fix;
        if (expected.equals(List.of("boolean")) && !name.contains("[")) {
            fix = "write " + name + ": true or " + name + ": false (unquoted)";
        } else if (expected.equals(List.of("string")) && at != null && at.isValueNode()) {
            fix = "quote it: '" + at.asText() + "'";
        } else {
            fix = "write it as " + wanted;
        }
        return new Finding(line(at), column(at), path, "is " + describe(at) + ", where " + wanted + " is expected",
                fix);
    }

    private static Finding notInEnum(String path, JsonNode at, JsonNode enumNode) {
        List<String> allowed = new ArrayList<>();
        enumNode.forEach(v -> allowed.add(v.asText()));
        String shown = allowed.stream().map(v -> WORD.matcher(v).matches() ? v : "'" + v + "'")
                .collect(Collectors.joining(", "));
        String given = at == null ? "" : at.asText();
        String meant = given.length() > 1 ? DidYouMean.closest(given, allowed) : null;
        return new Finding(line(at), column(at), path, "is '" + given + "', which is not one of " + shown,
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

    /** {@code /segments/groups/0/conditions/1} → {@code segments.groups[0].conditions[1]}. */
    public static String key(String instanceLocation) {
        StringBuilder key = new StringBuilder();
        for (String part : instanceLocation.replaceFirst("^[$/]", "").split("[/.]")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                key.append('[').append(part).append(']');
            } else if (part.matches("[^\\[]+(\\[\\d+])+")) {
                key.append(key.length() == 0 ? "" : ".").append(part);
            } else {
                key.append(key.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return key.length() == 0 ? "(top level)" : key.toString();
    }

    private static String join(String path, String property) {
        return "(top level)".equals(path) ? property : path + "." + property;
    }

    private static JsonNode schemaTree() {
        try (InputStream in = CampaignSchema.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
