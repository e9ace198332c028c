package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.checks.DropLines;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LineMemo;
import io.outboundsync.contacts.ledger.LineMemoDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code contacts-drop} around a list's {@link LineMemo}: a CSV drop finds the memo the list's last drop
 * left, when it still holds ({@link #open}), and drafts its own; once the drop completed, its draft becomes the
 * list's memo ({@link #keep}). A drop that did not complete leaves none: the ledger's generation moved with what it
 * sent, so the next drop reads and checks every record, and drafts a memo again.
 */
public final class LineMemos {

    private static final Logger LOG = LoggerFactory.getLogger(LineMemos.class);

    /**
     * The drop with its part in its list's line memo: a CSV drop (a delimiter) on a ledger that keeps a generation
     * for the list; else the drop as it is.
     */
    public Drop open(Drop drop, String delimiter) {
        Ledger ledger = drop.ledger();
        long generation = ledger.generation(drop.listId());
        if (delimiter == null || generation < 0) {
            return drop;
        }
        Key128 header;
        try (RowSource.CountingStream in = new RowSource.CountingStream(Files.newInputStream(drop.getFile()))) {
            header = new CsvRecordFilter(in, delimiter.charAt(0), (row, line) -> false).header();
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be read", e);
        }
        if (header == null) {
            // no header line: the read says so
            return drop;
        }
        byte[] context = LineMemo.context(drop.normaliser().verdictInputs(), header, delimiter.charAt(0));
        LineMemoDraft.removeLeftBehind(ledger.stateDir());
        LineMemo known = LineMemo.open(ledger.stateDir(), drop.listId(), context, generation);
        if (known != null) {
            LOG.debug("{}: the line memo of list {} knows {} record(s)", drop.getName(), drop.listId(), known.size());
        }
        return drop.withLines(new DropLines(drop.listId(), context, known, new LineMemoDraft(ledger.stateDir())));
    }

    /** A completed drop's draft made its list's memo. */
    public void keep(DropEnd end) {
        Drop drop = end.drop();
        if (drop != null && drop.lines() != null && end.ending() == DropEnd.Ending.PROCESSED) {
            drop.lines().keep(drop.ledger());
        }
    }
}
