package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.MappingSpec;
import io.outboundsync.contacts.SourceRow;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** The rows of a drop file, streamed: memory does not grow with the file. */
public interface RowSource extends AutoCloseable {

    /** The next row, or null at the end; a file that cannot be read further throws, naming the row. */
    SourceRow next() throws DropException;

    /** Bytes consumed so far, for progress. */
    long bytesRead();

    /** The CRM columns of the file that no field maps (counted, then ignored). */
    Set<String> unmappedColumns();

    @Override
    void close() throws IOException;

    /** Why a file's name says it is no drop, or null when it is a CSV or JSON file. */
    static String unsupported(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return isCsv(name) || isJson(name) ? null
                : "it is neither a CSV (.csv, .txt) nor a JSON (.json, .ndjson, .jsonl) file";
    }

    /** Whether a file's name says CSV ({@code .csv}, {@code .txt}); else it is read as JSON. */
    static boolean isCsv(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".txt");
    }

    private static boolean isJson(String name) {
        return name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    /**
     * Opens a drop without Camel, reading a CSV with the format the route's camel-csv unmarshalling uses
     * ({@link CsvRows#FORMAT}, the delimiter configured or detected): for tools and benchmarks that time the row
     * logic alone ({@code bench/src/StageCost.java}).
     */
    static RowSource open(Path file, MappingSpec mapping) throws IOException {
        CountingStream in = new CountingStream(java.nio.file.Files.newInputStream(file));
        if (!isCsv(file.getFileName().toString())) {
            return new JsonRows(in, mapping);
        }
        char delimiter = mapping.delimiter();
        if (delimiter == 0) {
            try (java.io.Reader header = java.nio.file.Files.newBufferedReader(file)) {
                delimiter = CsvRows.detectDelimiter(header);
            }
        }
        java.util.Iterator<org.apache.commons.csv.CSVRecord> records = CsvRows.FORMAT.builder().setDelimiter(delimiter)
                .get()
                .parse(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)).iterator();
        return new CsvRows(in, new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public java.util.List<String> next() {
                return records.next().toList();
            }
        }, delimiter, mapping);
    }

    /** Counts the bytes read, for progress lines; a UTF-8 byte order mark at the start is skipped. */
    final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) throws IOException {
            super(new java.io.BufferedInputStream(in, 1 << 16));
            this.in.mark(3);
            byte[] bom = this.in.readNBytes(3);
            if (bom.length < 3 || (bom[0] & 0xFF) != 0xEF || (bom[1] & 0xFF) != 0xBB || (bom[2] & 0xFF) != 0xBF) {
                this.in.reset();
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
