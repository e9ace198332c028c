package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.checks.LineHits;
import java.io.FilterInputStream;
import java.io.IOException;

/**
 * A CSV drop's bytes for its parser when the drop has a part in its list's line memo: the file
 * ({@link RowSource.CountingStream}, counted for progress) through a {@link CsvRecordFilter} whose decider is the
 * drop's {@link LineHits}, so the parser gets only the records the memo does not know.
 */
public final class MemoInput extends FilterInputStream {

    private final RowSource.CountingStream counting;
    private final CsvRecordFilter filter;
    private final LineHits hits;

    MemoInput(RowSource.CountingStream counting, char delimiter, LineHits hits) throws IOException {
        this(counting, new CsvRecordFilter(counting, delimiter, hits::keep), hits);
    }

    private MemoInput(RowSource.CountingStream counting, CsvRecordFilter filter, LineHits hits) {
        super(filter);
        this.counting = counting;
        this.filter = filter;
        this.hits = hits;
    }

    /** The file's bytes under the filter, counted. */
    RowSource.CountingStream counting() {
        return counting;
    }

    /** The filter: the numbers of the records the parser gets. */
    CsvRecordFilter filter() {
        return filter;
    }

    /** What the memo knew of the records left out. */
    LineHits hits() {
        return hits;
    }
}
