package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.Rows;
import io.outboundsync.contacts.SourceRow;
import io.outboundsync.contacts.checks.LineHits;
import io.outboundsync.contacts.upload.UploadWindow;
import java.io.Closeable;
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

    /**
     * The drop's bytes, counted for progress, from after a byte order mark; for a CSV drop with a part in its
     * list's line memo ({@link Drop#lines}), through the filter that leaves out the records the memo knows
     * ({@link MemoInput}).
     *
     * @param delimiter the CSV delimiter, or null for a JSON drop
     */
    public InputStream open(Drop drop, String delimiter) {
        try {
            RowSource.CountingStream counting = new RowSource.CountingStream(Files.newInputStream(drop.getFile()));
            if (delimiter == null || drop.lines() == null) {
                return counting;
            }
            return new MemoInput(counting, delimiter.charAt(0), new LineHits(drop.lines(), drop.seen()));
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be opened", e);
        }
    }

    private static RowSource.CountingStream counting(InputStream opened) {
        return opened instanceof MemoInput memo ? memo.counting() : (RowSource.CountingStream) opened;
    }

    /** The file closed, once its drop is read (whether or not its rows were). */
    public void close(InputStream opened) throws IOException {
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
    public Chunks csvChunks(Drop drop, Iterator<List<String>> records, String delimiter, InputStream opened) {
        MemoInput memo = opened instanceof MemoInput input ? input : null;
        RowSource.CountingStream counting = counting(opened);
        return new Chunks(new CsvRows(counting, memo == null ? null : memo.filter(), records, delimiter.charAt(0),
                drop.campaign().mapping()), counting, chunkSize, stopWhenFailed(drop),
                memo == null ? null : memo.hits());
    }

    /** A JSON drop's rows in chunks (an array of objects, or one object a line); the same stop. */
    public Chunks jsonChunks(Drop drop, InputStream opened) {
        try {
            RowSource.CountingStream counting = counting(opened);
            return new Chunks(new JsonRows(counting, drop.campaign().mapping()), counting, chunkSize,
                    stopWhenFailed(drop), null);
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
     * so, there is no next chunk. What the list's line memo knew of the records left out comes with the chunks
     * ({@link Rows#knownAccepted}, {@link Rows#knownRejected}), at most {@code size} rejected records a chunk.
     */
    public static final class Chunks implements Iterator<Rows>, Closeable {

        private final RowSource rows;
        private final RowSource.CountingStream opened;
        private final int size;
        private final BooleanSupplier stop;
        private final LineHits hits;
        private Rows next;
        private boolean ended;

        Chunks(RowSource rows, RowSource.CountingStream opened, int size, BooleanSupplier stop) {
            this(rows, opened, size, stop, null);
        }

        Chunks(RowSource rows, RowSource.CountingStream opened, int size, BooleanSupplier stop, LineHits hits) {
            this.rows = rows;
            this.opened = opened;
            this.size = size;
            this.stop = stop;
            this.hits = hits;
        }

        @Override
        public boolean hasNext() {
            if (next == null && (!ended || hits != null && hits.pending()) && !stop.getAsBoolean()) {
                List<SourceRow> read = new ArrayList<>(size);
                String broken = null;
                try {
                    while (!ended && read.size() < size && (hits == null || hits.rejectedPending() < size)) {
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
                // the chunk that says the file is broken is the last: it takes all that is left
                LineHits.Known known = hits == null ? LineHits.Known.NONE
                        : hits.take(broken != null ? Integer.MAX_VALUE : size);
                if (!read.isEmpty() || broken != null || known.any()) {
                    next = new Rows(read, opened == null ? 0 : opened.count(), broken,
                            rows.unmappedColumns().size(), known.accepted(), known.rejected());
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
