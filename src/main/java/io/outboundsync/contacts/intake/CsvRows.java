package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.MappingSpec;
import io.outboundsync.contacts.SourceRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV drop's rows from the records camel-csv reads (the route's {@code unmarshal: csv}, lazily): UTF-8 with or
 * without BOM, CRLF or LF, quoted fields holding delimiters, quotes and line breaks, delimiter {@code ,} or {@code ;}
 * (configured, or detected from the header line). The header must name every required CRM column once; a row with
 * another number of fields is malformed.
 */
public final class CsvRows implements RowSource {

    /**
     * How a drop's CSV is parsed (the delimiter set per drop): RFC 4180, empty lines skipped, and text after a
     * closing quote kept rather than failing the file ({@code "Lee" Jr.}).
     */
    public static final org.apache.commons.csv.CSVFormat FORMAT = org.apache.commons.csv.CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true).setTrailingData(true).get();

    private final RowSource.CountingStream in;
    private final CsvRecordFilter filter;
    private final Iterator<List<String>> records;
    private final int[] sourceIndex;
    private final int width;
    private final Set<String> unmapped = new LinkedHashSet<>();
    private long row;

    /**
     * @param in      the file's bytes, counted for progress
     * @param records its records as camel-csv's lazy unmarshalling gives them, the header first
     */
    CsvRows(RowSource.CountingStream in, Iterator<List<String>> records, char delimiter, MappingSpec mapping)
            throws DropException {
        this(in, null, records, delimiter, mapping);
    }

    /**
     * @param filter what the records came through, which numbers them as in the file (some are left out), or null
     *               when they are the file's every record
     */
    CsvRows(RowSource.CountingStream in, CsvRecordFilter filter, Iterator<List<String>> records, char delimiter,
            MappingSpec mapping) throws DropException {
        this.in = in;
        this.filter = filter;
        this.records = records;
        if (!hasNext()) {
            throw new DropException("it has no header line");
        }
        List<String> header = new ArrayList<>();
        records.next().forEach(h -> header.add(h == null ? "" : h.strip()));
        this.width = header.size();
        // a reason quotes no more of the header than the column names the mapping knows: a file that is not an
        // export at all (a link to a system file, say) must not have its first line copied into the reports
        Set<String> known = new java.util.HashSet<>();
        mapping.fields().forEach(f -> known.add(f.source()));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer earlier = position.put(header.get(i), i);
            if (earlier != null) {
                throw new DropException(known.contains(header.get(i))
                        ? "its header names the column '" + header.get(i) + "' twice"
                        : "its header gives columns " + (earlier + 1) + " and " + (i + 1) + " the same name");
            }
        }
        List<String> missing = new ArrayList<>();
        this.sourceIndex = new int[mapping.fields().size()];
        for (int f = 0; f < mapping.fields().size(); f++) {
            FieldSpec field = mapping.fields().get(f);
            sourceIndex[f] = position.getOrDefault(field.source(), -1);
            if (sourceIndex[f] < 0 && field.required()) {
                missing.add(field.source());
            }
        }
        if (!missing.isEmpty()) {
            List<String> found = header.stream().filter(known::contains).toList();
            throw new DropException("its header lacks the required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (the header, split at '" + delimiter + "', has " + header.size()
                    + " column" + (header.size() == 1 ? "" : "s") + (found.isEmpty() ? ", none of them mapped"
                            : "; mapped: " + String.join(", ", found)) + ")");
        }
        header.stream().filter(h -> !known.contains(h)).forEach(unmapped::add);
    }

    /** The delimiter of the header line: whichever of {@code ,} and {@code ;} occurs more outside quotes. */
    static char detectDelimiter(java.io.Reader reader) throws IOException {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int c = reader.read(), read = 1; c >= 0 && read < (1 << 16) - 1; c = reader.read(), read++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private boolean hasNext() throws DropException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreadable(e);
        }
    }

    @Override
    public SourceRow next() throws DropException {
        if (!hasNext()) {
            return null;
        }
        List<String> record;
        try {
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unreadable(e);
        }
        row = filter == null ? row + 1 : filter.nextRow();
        String[] values = new String[sourceIndex.length];
        for (int f = 0; f < sourceIndex.length; f++) {
            values[f] = sourceIndex[f] >= 0 && sourceIndex[f] < record.size() ? record.get(sourceIndex[f]) : null;
        }
        String malformed = record.size() == width ? null
                : "the row has " + record.size() + " field" + (record.size() == 1 ? "" : "s") + ", the header "
                        + width;
        return new SourceRow(row, values, malformed);
    }

    private DropException unreadable(RuntimeException e) {
        String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        return new DropException("it cannot be read at row " + (filter == null ? row + 1 : filter.peekRow()) + " (" + why + "); that row and the rows"
                + " after it were not read. An unbalanced quote is the usual cause", e);
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
        if (records instanceof java.io.Closeable closeable) {
            closeable.close();
        }
        in.close();
    }
}
