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
 * What the last drop of a contact list made of each of its CSV records, by the record's bytes ({@link Key128} of
 * the line), so the next drop knows a record it has seen before without parsing or checking it: an accepted record
 * whose values the ledger holds for its contact as Genesys acknowledged them, or a record rejected for reasons of
 * its own (with its external id, reasons and details, for the rejects file). Only records of contacts the drop named
 * once are kept, and no record that withdraws its contact.
 *
 * <p>A memo holds while nothing it rests on changed: it is written at the end of a drop that read its file to the
 * end with every upload landed, and records the list's {@link Ledger#generation} then and the drop's
 * {@code context} (the verdict inputs, the header line, the delimiter); {@link #open} finds it only for the same
 * context and generation. Any write to the list's ledger entries since (another drop, a withdrawal) or any change of
 * mapping, checks, phone data or do-not-call numbers makes every record be read and checked again.
 *
 * <p>The file ({@code state/line-memo/<list>.memo}): a header, then an open-addressing table of 48-byte slots (line
 * key, contact key, first phone's E.164 digits, what became of the record) at most 70% full, then the rejected
 * records' reasons. It is mapped, not read onto the heap: a five-million-row list's memo stays outside it.
 */
public final class LineMemo implements AutoCloseable {

    /** Raised with any change to this file's layout or to what an entry means. */
    static final int VERSION = 1;

    private static final int MAGIC = 0x4f534c4d;
    private static final int HEADER = 128;
    private static final int SLOT = 48;
    private static final long ACCEPTED = 1;
    private static final long REJECTED = 2;

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final long capacity;
    private final long entries;
    private final long tails;

    private LineMemo(Path file, FileChannel channel, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        this.map = map;
        this.capacity = map.getLong(16);
        this.entries = map.getLong(24);
        this.tails = HEADER + capacity * SLOT;
    }

    /**
     * What a memo rests on besides the ledger: this file's layout, the reasons' names, the verdict inputs of the
     * checks (their fingerprint), the drop's header line and delimiter.
     */
    public static byte[] context(byte[] verdictInputs, Key128 header, char delimiter) {
        java.security.MessageDigest sha = Key128.digest();
        ByteBuffer fixed = ByteBuffer.allocate(4 + 16 + 2);
        fixed.putInt(VERSION).putLong(header.hi()).putLong(header.lo()).putChar(delimiter);
        sha.update(fixed.array());
        sha.update(verdictInputs);
        for (Reason reason : Reason.values()) {
            sha.update(reason.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return sha.digest();
    }

    /** Where a list's memo is kept. */
    static Path fileOf(Path stateDir, String listId) {
        return stateDir.resolve("line-memo").resolve(listId.replaceAll("[^A-Za-z0-9._-]", "_") + ".memo");
    }

    /**
     * The list's memo when it was written in this context at this generation of the list's ledger entries; null
     * when there is none, or it rests on anything that changed since (then it is of no use and is removed).
     */
    public static LineMemo open(Path stateDir, String listId, byte[] context, long generation) {
        Path file = fileOf(stateDir, listId);
        if (generation < 0 || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (size < HEADER || size > Integer.MAX_VALUE) {
                channel.close();
                return null;
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map.order(ByteOrder.LITTLE_ENDIAN);
            byte[] written = new byte[32];
            map.get(40, written);
            if (map.getInt(0) != MAGIC || map.getInt(4) != VERSION || map.getLong(8) != generation
                    || !Arrays.equals(written, context)
                    || HEADER + map.getLong(16) * SLOT + map.getLong(32) != size) {
                channel.close();
                Files.deleteIfExists(file);
                return null;
            }
            return new LineMemo(file, channel, map);
        } catch (IOException e) {
            // a memo only spares work: without it every record is read and checked
            return null;
        }
    }

    /** Records the memo knows. */
    public long size() {
        return entries;
    }

    /** The slot of a record's line key, or -1 when the memo does not know the record. */
    public long find(Key128 line) {
        if (capacity == 0) {
            return -1;
        }
        for (long slot = Long.remainderUnsigned(line.hi(), capacity); ; slot = slot + 1 == capacity ? 0 : slot + 1) {
            int at = (int) (HEADER + slot * SLOT);
            long hi = map.getLong(at);
            long lo = map.getLong(at + 8);
            if (hi == line.hi() && lo == line.lo()) {
                return slot;
            }
            if (hi == 0 && lo == 0) {
                return -1;
            }
        }
    }

    /** The contact of the record in a slot. */
    public Key128 contact(long slot) {
        int at = (int) (HEADER + slot * SLOT);
        return new Key128(map.getLong(at + 16), map.getLong(at + 24));
    }

    /** The E.164 digits of the first phone number of the accepted record in a slot, or 0. */
    public long phoneDigits(long slot) {
        return map.getLong((int) (HEADER + slot * SLOT + 32));
    }

    /** Whether the record in a slot was accepted (else it was rejected for reasons of its own). */
    public boolean accepted(long slot) {
        return kind(meta(slot)) == ACCEPTED;
    }

    /** The record in a slot as rejected, under its number in this drop: its external id, reasons and details. */
    public NormalisedRow rejected(long slot, long row) {
        long meta = meta(slot);
        byte[] tail = new byte[length(meta)];
        map.get((int) (tails + offset(meta)), tail);
        return Draft.decode(row, tail);
    }

    private long meta(long slot) {
        return map.getLong((int) (HEADER + slot * SLOT + 40));
    }

    private static long kind(long meta) {
        return meta >>> 56;
    }

    private static long offset(long meta) {
        return (meta >>> 16) & 0xff_ffff_ffffL;
    }

    private static int length(long meta) {
        return (int) (meta & 0xffff);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The line memo " + file + " cannot be closed", e);
        }
    }

    /**
     * The memo a drop writes as it goes, by record number: every record's line key (as the drop's filter reads it),
     * then what became of the record, from the steps that decide it (a record seen before is carried over from the
     * last memo); at the drop's end {@link #write} makes it the list's memo. Records of any number of threads may
     * be set (each record by one); kept in a mapped file outside the heap, removed when closed.
     */
    public static final class Draft implements AutoCloseable {

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
        public Draft(Path stateDir) {
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
            return (int) ((row % SEGMENT_ROWS) * SLOT);
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
                            segment = rows.map(FileChannel.MapMode.READ_WRITE, (long) index * SEGMENT_ROWS * SLOT,
                                    (long) SEGMENT_ROWS * SLOT);
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
            if (kind(meta) == ACCEPTED) {
                set(row, from.contact(slot), from.phoneDigits(slot), ACCEPTED << 56);
            } else {
                byte[] tail = new byte[length(meta)];
                from.map.get((int) (from.tails + offset(meta)), tail);
                set(row, from.contact(slot), 0, tail(tail));
            }
        }

        /**
         * An accepted record whose values the ledger now holds for its contact as Genesys acknowledged them.
         *
         * @param phoneDigits the E.164 digits of its first phone number, or 0
         */
        public void accepted(long row, Key128 contact, long phoneDigits) {
            set(row, contact, phoneDigits, ACCEPTED << 56);
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
            return (REJECTED << 56) | (offset << 16) | tail.length;
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
            long size = HEADER + capacity * SLOT + tailsLength;
            if (size > Integer.MAX_VALUE) {
                return;
            }
            Path target = fileOf(dir.getParent(), listId);
            try {
                Path temporary = Files.createTempFile(dir, "memo-", ".tmp");
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
                    MappedByteBuffer map = out.map(FileChannel.MapMode.READ_WRITE, 0, size);
                    map.order(ByteOrder.LITTLE_ENDIAN);
                    map.putInt(0, MAGIC).putInt(4, VERSION).putLong(8, generation).putLong(16, capacity)
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
                            int to = (int) (HEADER + slot * SLOT);
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
                    long into = HEADER + capacity * SLOT;
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
}
