package io.outboundsync.contacts.ledger;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.Key128;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The memo a drop writes as it goes, by record number: every record's line key (as the drop's filter reads it),
 * then what became of the record, from the steps that decide it (a record seen before is carried over from the
 * last memo); at the drop's end {@link #write} makes it the list's memo. Records of any number of threads may
 * be set (each record by one); kept in a mapped file outside the heap, removed when closed.
 */
public final class LineMemoDraft implements AutoCloseable {

    private static final int SEGMENT_ROWS = 1 << 18;
    private static final int SEGMENTS = 4096;

    private final Path dir;
    private final FileChannel rows;
    private final Path rowsFile;
    private final AtomicReferenceArray<MappedByteBuffer> segments = new AtomicReferenceArray<>(SEGMENTS);
    private final FileChannel tails;
    private final Path tailsFile;
    private long tailsLength;
    private volatile long lastRow;

    /** A draft in the state folder's {@code line-memo} folder. */
    public LineMemoDraft(Path stateDir) {
        this.dir = stateDir.resolve("line-memo");
        try {
            Files.createDirectories(dir);
            this.rowsFile = Files.createTempFile(dir, "draft-rows-", ".tmp");
            this.rows = FileChannel.open(rowsFile, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            this.tailsFile = Files.createTempFile(dir, "draft-reasons-", ".tmp");
            this.tails = FileChannel.open(tailsFile, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("The drop's line memo cannot be drafted in " + dir, e);
        }
    }

    /**
     * Removes what a process killed while it wrote a memo left (its temporary file), when last written before
     * this process started. (A draft's own files go with the process: they are unlinked once opened.)
     */
    public static void removeLeftBehind(Path stateDir) {
        Path dir = stateDir.resolve("line-memo");
        if (!Files.isDirectory(dir)) {
            return;
        }
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        try (var files = Files.newDirectoryStream(dir, "{draft-,memo-}*.tmp")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() < started) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // what is left takes room only; the next drop tries again
        }
    }

    private int at(long row) {
        return (int) ((row % SEGMENT_ROWS) * LineMemo.SLOT);
    }

    private MappedByteBuffer segment(long row) {
        int index = (int) (row / SEGMENT_ROWS);
        if (index >= SEGMENTS) {
            return null;
        }
        MappedByteBuffer segment = segments.get(index);
        if (segment == null) {
            synchronized (this) {
                segment = segments.get(index);
                if (segment == null) {
                    try {
                        segment = rows.map(FileChannel.MapMode.READ_WRITE, (long) index * SEGMENT_ROWS * LineMemo.SLOT,
                                (long) SEGMENT_ROWS * LineMemo.SLOT);
                    } catch (IOException e) {
                        throw new UncheckedIOException("The drop's line memo cannot grow in " + dir, e);
                    }
                    segment.order(ByteOrder.LITTLE_ENDIAN);
                    segments.set(index, segment);
                }
            }
        }
        return segment;
    }

    /** A record's line key, as read. */
    public void line(long row, Key128 key) {
        MappedByteBuffer segment = segment(row);
        if (segment != null) {
            int at = at(row);
            segment.putLong(at, key.hi());
            segment.putLong(at + 8, key.lo());
            if (row > lastRow) {
                lastRow = row;
            }
        }
    }

    /** A record the last memo knew (at that slot), carried over as it was. */
    public void carry(long row, LineMemo from, long slot) {
        long meta = from.meta(slot);
        if (LineMemo.kind(meta) == LineMemo.ACCEPTED) {
            set(row, from.contact(slot), from.phoneDigits(slot), LineMemo.ACCEPTED << 56);
        } else {
            byte[] tail = new byte[LineMemo.length(meta)];
            from.map.get((int) (from.tails + LineMemo.offset(meta)), tail);
            set(row, from.contact(slot), 0, tail(tail));
        }
    }

    /**
     * An accepted record whose values the ledger now holds for its contact as Genesys acknowledged them.
     *
     * @param phoneDigits the E.164 digits of its first phone number, or 0
     */
    public void accepted(long row, Key128 contact, long phoneDigits) {
        set(row, contact, phoneDigits, LineMemo.ACCEPTED << 56);
    }

    /** A record rejected for reasons of its own (its contact's key, or null when it has none). */
    public void rejected(NormalisedRow rejected, Key128 contact) {
        byte[] tail = encode(rejected);
        if (tail != null && tail.length <= 0xffff) {
            set(rejected.row(), contact == null ? new Key128(0, 0) : contact, 0, tail(tail));
        }
    }

    private synchronized long tail(byte[] tail) {
        long offset = tailsLength;
        try {
            ByteBuffer bytes = ByteBuffer.wrap(tail);
            while (bytes.hasRemaining()) {
                tails.write(bytes, offset + bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The drop's line memo cannot be written in " + dir, e);
        }
        tailsLength += tail.length;
        return (LineMemo.REJECTED << 56) | (offset << 16) | tail.length;
    }

    private void set(long row, Key128 contact, long phoneDigits, long meta) {
        MappedByteBuffer segment = segment(row);
        if (segment != null) {
            int at = at(row);
            segment.putLong(at + 16, contact.hi());
            segment.putLong(at + 24, contact.lo());
            segment.putLong(at + 32, phoneDigits);
            segment.putLong(at + 40, meta);
        }
    }

    /**
     * Makes the records decided so far the list's memo, for this context and the generation its ledger entries
     * have now (replacing the last memo whole, or not at all).
     */
    public void write(String listId, byte[] context, long generation) {
        long last = lastRow;
        long count = 0;
        for (long row = 1; row <= last; row++) {
            MappedByteBuffer segment = segment(row);
            int at = at(row);
            if (segment.getLong(at + 40) != 0 && (segment.getLong(at) != 0 || segment.getLong(at + 8) != 0)) {
                count++;
            }
        }
        long capacity = count == 0 ? 0 : Math.max(16, count * 10 / 7 + 1);
        long size = LineMemo.HEADER + capacity * LineMemo.SLOT + tailsLength;
        if (size > Integer.MAX_VALUE) {
            return;
        }
        Path target = LineMemo.fileOf(dir.getParent(), listId);
        try {
            Path temporary = Files.createTempFile(dir, "memo-", ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                MappedByteBuffer map = out.map(FileChannel.MapMode.READ_WRITE, 0, size);
                map.order(ByteOrder.LITTLE_ENDIAN);
                map.putInt(0, LineMemo.MAGIC).putInt(4, LineMemo.VERSION).putLong(8, generation).putLong(16, capacity)
                        .putLong(32, tailsLength).put(40, context);
                long known = 0;
                for (long row = 1; row <= last && capacity > 0; row++) {
                    MappedByteBuffer segment = segment(row);
                    int at = at(row);
                    long hi = segment.getLong(at);
                    long lo = segment.getLong(at + 8);
                    long meta = segment.getLong(at + 40);
                    if (meta == 0 || (hi == 0 && lo == 0)) {
                        continue;
                    }
                    long slot = Long.remainderUnsigned(hi, capacity);
                    while (true) {
                        int to = (int) (LineMemo.HEADER + slot * LineMemo.SLOT);
                        long h = map.getLong(to);
                        long l = map.getLong(to + 8);
                        if (h == hi && l == lo) {
                            // the same bytes twice (a record with no contact): the first is as good
                            break;
                        }
                        if (h == 0 && l == 0) {
                            map.putLong(to, hi).putLong(to + 8, lo).putLong(to + 16, segment.getLong(at + 16))
                                    .putLong(to + 24, segment.getLong(at + 24))
                                    .putLong(to + 32, segment.getLong(at + 32)).putLong(to + 40, meta);
                            known++;
                            break;
                        }
                        slot = slot + 1 == capacity ? 0 : slot + 1;
                    }
                }
                map.putLong(24, known);
                long from = 0;
                long into = LineMemo.HEADER + capacity * LineMemo.SLOT;
                while (from < tailsLength) {
                    long moved = tails.transferTo(from, tailsLength - from, out.position(into + from));
                    from += moved;
                }
                map.force();
                out.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The line memo " + target + " cannot be written", e);
        }
    }

    @Override
    public void close() {
        try {
            rows.close();
            tails.close();
            Files.deleteIfExists(rowsFile);
            Files.deleteIfExists(tailsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("The drop's line memo draft cannot be removed from " + dir, e);
        }
    }

    static byte[] encode(NormalisedRow row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(row.externalId() != null);
            out.writeUTF(row.externalId() == null ? "" : row.externalId());
            out.writeByte(row.reasons().size());
            for (Reason reason : row.reasons()) {
                out.writeUTF(reason.name());
            }
            out.writeByte(row.details().size());
            for (String detail : row.details()) {
                out.writeUTF(detail);
            }
        } catch (IOException | RuntimeException e) {
            // a detail beyond what an entry holds: the record is read and checked again next time
            return null;
        }
        return bytes.toByteArray();
    }

    static NormalisedRow decode(long row, byte[] tail) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(tail))) {
            boolean hasId = in.readBoolean();
            String externalId = in.readUTF();
            int reasonCount = in.readUnsignedByte();
            List<Reason> reasons = new ArrayList<>(reasonCount);
            for (int i = 0; i < reasonCount; i++) {
                reasons.add(Reason.valueOf(in.readUTF()));
            }
            int detailCount = in.readUnsignedByte();
            List<String> details = new ArrayList<>(detailCount);
            for (int i = 0; i < detailCount; i++) {
                details.add(in.readUTF());
            }
            return new NormalisedRow(row, hasId ? externalId : null, null, null, List.of(), List.copyOf(reasons),
                    List.copyOf(details), null);
        } catch (IOException e) {
            throw new UncheckedIOException("A line memo entry cannot be read", e);
        }
    }
}
