package io.outboundsync.contacts;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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

    private static boolean isCsv(String name) {
        return name.endsWith(".csv") || name.endsWith(".txt");
    }

    private static boolean isJson(String name) {
        return name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    /** Opens a CSV ({@code .csv}) or JSON ({@code .json}, {@code .ndjson}, {@code .jsonl}) drop. */
    static RowSource open(Path file, MappingSpec mapping) throws IOException, DropException {
        String why = unsupported(file);
        if (why != null) {
            throw new DropException(why);
        }
        CountingStream in = new CountingStream(Files.newInputStream(file));
        try {
            return isCsv(file.getFileName().toString().toLowerCase(Locale.ROOT)) ? new CsvRows(in, mapping)
                    : new JsonRows(in, mapping);
        } catch (IOException | DropException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Counts the bytes read, for progress lines. */
    final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
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
