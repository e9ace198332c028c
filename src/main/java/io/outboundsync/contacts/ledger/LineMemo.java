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

    static final int MAGIC = 0x4f534c4d;
    static final int HEADER = 128;
    static final int SLOT = 48;
    static final long ACCEPTED = 1;
    static final long REJECTED = 2;

    private final Path file;
    private final FileChannel channel;
    final MappedByteBuffer map;
    private final long capacity;
    private final long entries;
    final long tails;

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
        return LineMemoDraft.decode(row, tail);
    }

    long meta(long slot) {
        return map.getLong((int) (HEADER + slot * SLOT + 40));
    }

    static long kind(long meta) {
        return meta >>> 56;
    }

    static long offset(long meta) {
        return (meta >>> 16) & 0xff_ffff_ffffL;
    }

    static int length(long meta) {
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
}
