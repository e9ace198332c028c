package io.outboundsync.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
            findings.add(SchemaFindings.of(message, lines));
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
}
