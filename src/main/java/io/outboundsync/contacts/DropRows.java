package io.outboundsync.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a drop for the {@code contacts-inbox} route: the file opened as a stream (a byte order mark skipped),
 * its CSV delimiter, and its rows in chunks of {@code genesys.contacts.batch-size}, read as the split asks for them
 * (a CSV from camel-csv's lazy records, a JSON file with Jackson's streaming parser), so memory does not grow with
 * the file.
 */
public final class DropRows {

    private final int chunkSize;

    public DropRows(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    /** The drop's bytes, counted for progress, from after a byte order mark. */
    public InputStream open(Drop drop) {
        try {
            RowSource.CountingStream in = new RowSource.CountingStream(Files.newInputStream(drop.getFile()));
            drop.opened(in);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be opened", e);
        }
    }

    /** The CSV delimiter: the campaign's {@code mapping.delimiter}, else the one the header line uses most. */
    public String delimiter(Drop drop) {
        char configured = drop.campaign().mapping().delimiter();
        if (configured != 0) {
            return String.valueOf(configured);
        }
        try (Reader reader = Files.newBufferedReader(drop.getFile(), StandardCharsets.UTF_8)) {
            return String.valueOf(CsvRows.detectDelimiter(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be read", e);
        }
    }

    /** A CSV drop's rows in chunks, from camel-csv's lazily read records (the header first). */
    public Iterator<List<SourceRow>> csvChunks(Drop drop, Iterator<List<String>> records, String delimiter) {
        RowSource rows = new CsvRows(drop.opened(), records, delimiter.charAt(0), drop.campaign().mapping());
        drop.reading(rows);
        return chunks(rows, chunkSize);
    }

    /** A JSON drop's rows in chunks (an array of objects, or one object a line). */
    public Iterator<List<SourceRow>> jsonChunks(Drop drop) {
        try {
            RowSource rows = new JsonRows(drop.opened(), drop.campaign().mapping());
            drop.reading(rows);
            return chunks(rows, chunkSize);
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be read", e);
        }
    }

    /**
     * Rows in chunks of at most {@code size}. When the file cannot be read further, the rows read before come as a
     * last (short) chunk, and the next call says why ({@link DropException}).
     */
    static Iterator<List<SourceRow>> chunks(RowSource rows, int size) {
        return new Iterator<>() {
            private List<SourceRow> next;
            private DropException broken;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && broken == null && !ended) {
                    next = new ArrayList<>(size);
                    try {
                        while (next.size() < size) {
                            SourceRow row = rows.next();
                            if (row == null) {
                                ended = true;
                                break;
                            }
                            next.add(row);
                        }
                    } catch (DropException e) {
                        broken = e;
                    }
                    if (next.isEmpty()) {
                        next = null;
                    }
                }
                return next != null || broken != null;
            }

            @Override
            public List<SourceRow> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (next != null) {
                    List<SourceRow> chunk = next;
                    next = null;
                    return chunk;
                }
                DropException why = broken;
                broken = null;
                ended = true;
                throw why;
            }
        };
    }
}
