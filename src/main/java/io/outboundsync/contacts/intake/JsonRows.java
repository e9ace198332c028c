package io.outboundsync.contacts.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.MappingSpec;
import io.outboundsync.contacts.SourceRow;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JSON drop read with Jackson's streaming parser: an array of objects, or one object per line (NDJSON). Values
 * are read as text; an object or array where a value belongs makes the row malformed.
 */
final class JsonRows implements RowSource {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Unmapped field names kept for the report, at most (a file with ever-new keys must not grow the heap). */
    private static final int MAX_UNMAPPED_NAMES = 1000;

    private final RowSource.CountingStream in;
    private final JsonParser parser;
    private final boolean array;
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    private final int width;
    private final Set<String> unmapped = new LinkedHashSet<>();
    private long row;
    private boolean done;

    JsonRows(RowSource.CountingStream in, MappingSpec mapping) throws IOException, DropException {
        this.in = in;
        this.parser = FACTORY.createParser(in); // detects UTF-8 and skips a byte order mark
        for (int f = 0; f < mapping.fields().size(); f++) {
            fieldIndex.put(mapping.fields().get(f).source(), f);
        }
        this.width = mapping.fields().size();
        JsonToken first = token();
        if (first == JsonToken.START_ARRAY) {
            array = true;
        } else if (first == JsonToken.START_OBJECT) {
            array = false;
        } else {
            throw new DropException("a JSON drop is an array of objects or one object per line, but this one starts"
                    + " with " + describe(first));
        }
    }

    @Override
    public SourceRow next() throws DropException {
        if (done) {
            return null;
        }
        JsonToken start;
        if (row == 0 && !array) {
            start = JsonToken.START_OBJECT; // already read by the constructor
        } else {
            start = token();
            if (start == null || (array && start == JsonToken.END_ARRAY)) {
                done = true;
                if (array && start == JsonToken.END_ARRAY && token() != null) {
                    throw new DropException("there is more after the closing ] of its array (after row " + row + ")");
                }
                return null;
            }
        }
        row++;
        String[] values = new String[width];
        if (start != JsonToken.START_OBJECT) {
            skip(start);
            return new SourceRow(row, values, "it is " + describe(start) + ", not an object");
        }
        String malformed = null;
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            if (t == null) {
                throw new DropException("it ends inside row " + row);
            }
            String name = currentName();
            JsonToken value = token();
            Integer index = fieldIndex.get(name);
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                skip(value);
                if (index != null && malformed == null) {
                    malformed = "field " + name + " holds " + describe(value) + ", not a value";
                }
            } else if (index != null) {
                values[index] = value == JsonToken.VALUE_NULL ? null : text();
            }
            if (index == null && unmapped.size() < MAX_UNMAPPED_NAMES) {
                unmapped.add(name);
            }
        }
        return new SourceRow(row, values, malformed);
    }

    private JsonToken token() throws DropException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new DropException("it is not valid JSON at row " + Math.max(row, 1) + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage() + "); that row and the rows after it were not read", e);
        } catch (IOException e) {
            throw new DropException("it cannot be read after row " + row + ": " + e.getMessage(), e);
        }
    }

    private String currentName() throws DropException {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw new DropException("it cannot be read at row " + row + ": " + e.getMessage(), e);
        }
    }

    private String text() throws DropException {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw new DropException("it cannot be read at row " + row + ": " + e.getMessage(), e);
        }
    }

    private void skip(JsonToken token) throws DropException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            try {
                parser.skipChildren();
            } catch (JsonProcessingException e) {
                throw new DropException("it is not valid JSON in row " + row + ": " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new DropException("it cannot be read at row " + row + ": " + e.getMessage(), e);
            }
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    @Override
    public long bytesRead() {
        return in.count();
    }

    @Override
    public Set<String> unmappedColumns() {
        return unmapped;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
