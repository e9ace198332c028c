package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.Rows;
import io.outboundsync.contacts.SourceRow;
import io.outboundsync.contacts.upload.UploadWindow;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

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
    public RowSource.CountingStream open(Drop drop) {
        try {
            return new RowSource.CountingStream(Files.newInputStream(drop.getFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be opened", e);
        }
    }

    /** The file closed, once its drop is read (whether or not its rows were). */
    public void close(RowSource.CountingStream opened) throws IOException {
        if (opened != null) {
            opened.close();
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

    /**
     * A CSV drop's rows in chunks, from camel-csv's lazily read records (the header first) of the opened file; the
     * read stops once the drop's uploads failed.
     */
    public Chunks csvChunks(Drop drop, Iterator<List<String>> records, String delimiter,
            RowSource.CountingStream opened) {
        return new Chunks(new CsvRows(opened, records, delimiter.charAt(0), drop.campaign().mapping()), opened,
                chunkSize, stopWhenFailed(drop));
    }

    /** A JSON drop's rows in chunks (an array of objects, or one object a line); the same stop. */
    public Chunks jsonChunks(Drop drop, RowSource.CountingStream opened) {
        try {
            return new Chunks(new JsonRows(opened, drop.campaign().mapping()), opened, chunkSize,
                    stopWhenFailed(drop));
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be read", e);
        }
    }

    private static BooleanSupplier stopWhenFailed(Drop drop) {
        UploadWindow uploads = drop.uploads();
        return uploads == null ? () -> false : uploads::isFailed;
    }

    /**
     * A drop's rows in chunks of at most {@code size}, for a streaming split (which closes it at its end). When the
     * file cannot be read further, the rows read before come as a last chunk that says why; when {@code stop} says
     * so, there is no next chunk.
     */
    public static final class Chunks implements Iterator<Rows>, Closeable {

        private final RowSource rows;
        private final RowSource.CountingStream opened;
        private final int size;
        private final BooleanSupplier stop;
        private Rows next;
        private boolean ended;

        Chunks(RowSource rows, RowSource.CountingStream opened, int size, BooleanSupplier stop) {
            this.rows = rows;
            this.opened = opened;
            this.size = size;
            this.stop = stop;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended && !stop.getAsBoolean()) {
                List<SourceRow> read = new ArrayList<>(size);
                String broken = null;
                try {
                    while (read.size() < size) {
                        SourceRow row = rows.next();
                        if (row == null) {
                            ended = true;
                            break;
                        }
                        read.add(row);
                    }
                } catch (DropException e) {
                    broken = e.getMessage();
                    ended = true;
                }
                if (!read.isEmpty() || broken != null) {
                    next = new Rows(read, opened == null ? 0 : opened.count(), broken,
                            rows.unmappedColumns().size());
                }
            }
            return next != null;
        }

        @Override
        public Rows next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Rows chunk = next;
            next = null;
            return chunk;
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
