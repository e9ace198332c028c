package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.Key128;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A CSV drop's bytes with some of its records left out, for the parser that reads them next (camel-csv's, with
 * {@link CsvRows#FORMAT}): the file is cut into records at the same places that parser cuts it (RFC 4180: a line
 * break inside quotes belongs to the field; {@code ""} is a quote; text after a closing quote is kept up to the
 * delimiter; CR, LF and CRLF end a record; empty lines are no records), each record's bytes are keyed
 * ({@link Key128}, without their line break) and a {@link Decider} says, record by record, whether the parser gets
 * it. The header line always goes through. The parser then sees whole records only, each exactly as in the file,
 * so it makes of each what it would have made of it in the whole file; {@link #nextRow()} gives the number each
 * record had in the file (1 = the first after the header), in the order the parser reads them. A record the file
 * ends inside (an unbalanced quote) always goes through, so the parser meets the same error.
 */
public final class CsvRecordFilter extends InputStream {

    /** Says whether the parser gets a record. */
    @FunctionalInterface
    public interface Decider {

        /**
         * @param row the record's number in the file (1 = the first after the header)
         * @param key its bytes' key
         * @return whether the parser gets it
         */
        boolean keep(long row, Key128 key);
    }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_SEEN = 3;
    private static final int TRAILING = 4;

    private final InputStream in;
    private final byte delimiter;
    private final Decider decider;
    private final MessageDigest sha = Key128.digest();

    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean eof;

    /** The record being read, without its line break; then the line break. */
    private byte[] record = new byte[512];
    private int recordLength;
    private final byte[] lineBreak = new byte[2];
    private int lineBreakLength;
    private boolean unbalanced;

    private byte[] out = new byte[1 << 16];
    private int outPosition;
    private int outLimit;

    /** The numbers of the records handed on and not yet taken by {@link #nextRow()}. */
    private long[] rows = new long[1024];
    private int rowsHead;
    private int rowsSize;

    private long row;
    private long skipped;
    private final Key128 header;

    /**
     * Reads the header line (handed on first, always) and gets ready for the records.
     *
     * @param in        the file's bytes after a byte order mark
     * @param delimiter the drop's delimiter, {@code ,} or {@code ;}
     */
    public CsvRecordFilter(InputStream in, char delimiter, Decider decider) throws IOException {
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.decider = decider;
        Key128 first = null;
        while (readRecord()) {
            if (recordLength > 0 || unbalanced) {
                first = key();
                handOn();
                break;
            }
        }
        this.header = first;
    }

    /** The key of the header line's bytes; null when the file has no line. */
    public Key128 header() {
        return header;
    }

    /** The file's number of the next record the parser reads (in the order handed on). */
    public long nextRow() {
        if (rowsSize == 0) {
            throw new NoSuchElementException("no record was handed on");
        }
        long next = rows[rowsHead];
        rowsHead = (rowsHead + 1) % rows.length;
        rowsSize--;
        return next;
    }

    /** The number the next record the parser reads has, or the number after the last record when none is left. */
    public long peekRow() {
        return rowsSize == 0 ? row + 1 : rows[rowsHead];
    }

    /** The records left out so far. */
    public long skipped() {
        return skipped;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return out[outPosition++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, outLimit - outPosition);
        System.arraycopy(out, outPosition, into, offset, n);
        outPosition += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Records read until one is handed on; false at the end of the file. */
    private boolean fill() throws IOException {
        while (outPosition == outLimit) {
            outPosition = 0;
            outLimit = 0;
            if (!readRecord()) {
                return false;
            }
            if (recordLength == 0 && !unbalanced) {
                // an empty line: no record for the parser either
                continue;
            }
            row++;
            if (unbalanced || decider.keep(row, key())) {
                handOn();
                queue(row);
            } else {
                skipped++;
            }
        }
        return true;
    }

    private Key128 key() {
        sha.update(record, 0, recordLength);
        return Key128.of(sha.digest());
    }

    private void handOn() {
        int needed = outLimit + recordLength + lineBreakLength;
        if (needed > out.length) {
            out = Arrays.copyOf(out, Math.max(needed, out.length * 2));
        }
        System.arraycopy(record, 0, out, outLimit, recordLength);
        System.arraycopy(lineBreak, 0, out, outLimit + recordLength, lineBreakLength);
        outLimit = needed;
    }

    private void queue(long number) {
        if (rowsSize == rows.length) {
            long[] grown = new long[rows.length * 2];
            for (int i = 0; i < rowsSize; i++) {
                grown[i] = rows[(rowsHead + i) % rows.length];
            }
            rows = grown;
            rowsHead = 0;
        }
        rows[(rowsHead + rowsSize) % rows.length] = number;
        rowsSize++;
    }

    /**
     * The next record's bytes into {@link #record} and its line break into {@link #lineBreak}; false when the file
     * ended before any byte of one.
     */
    private boolean readRecord() throws IOException {
        recordLength = 0;
        lineBreakLength = 0;
        unbalanced = false;
        int state = FIELD_START;
        boolean any = false;
        while (true) {
            if (position == limit && !refill()) {
                unbalanced = state == QUOTED;
                return any;
            }
            any = true;
            int start = position;
            int i = position;
            int end = limit;
            byte[] bytes = buffer;
            byte found = 0;
            for (; i < end; i++) {
                byte c = bytes[i];
                if (state == QUOTED) {
                    if (c == '"') {
                        state = QUOTE_SEEN;
                    }
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    found = c;
                    break;
                }
                if (c == delimiter) {
                    state = FIELD_START;
                } else if (state == FIELD_START) {
                    state = c == '"' ? QUOTED : UNQUOTED;
                } else if (state == QUOTE_SEEN) {
                    state = c == '"' ? QUOTED : TRAILING;
                }
            }
            append(bytes, start, i - start);
            position = i;
            if (found != 0) {
                position++;
                lineBreak[0] = found;
                lineBreakLength = 1;
                if (found == '\r' && (position < limit || refill()) && buffer[position] == '\n') {
                    lineBreak[1] = '\n';
                    lineBreakLength = 2;
                    position++;
                }
                return true;
            }
        }
    }

    private void append(byte[] bytes, int from, int length) {
        if (recordLength + length > record.length) {
            record = Arrays.copyOf(record, Math.max(recordLength + length, record.length * 2));
        }
        System.arraycopy(bytes, from, record, recordLength, length);
        recordLength += length;
    }

    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = n < 0;
            if (!eof) {
                return refill();
            }
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
