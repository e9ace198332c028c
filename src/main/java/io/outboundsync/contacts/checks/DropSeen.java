package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.Key128;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the running drop has seen so far: its contact ids (the first occurrence wins) and, per phone number, the
 * contact that had it first (a number under a second contact is counted once as shared). Both tables live in
 * memory-mapped files under {@code state/}, outside the Java heap, so a five-million-row drop needs no more heap
 * than a small one: 16 bytes a contact and 16 a number, in open-addressing tables that double when 60% full.
 * A contact id is kept as 128 bits of its SHA-256 (a false duplicate among five million ids is about as likely as
 * 10<sup>-25</sup>); a phone number as its E.164 digits, exactly. One drop's reader uses it; not thread-safe.
 */
public final class DropSeen implements AutoCloseable {

    private static final int INITIAL_SLOTS = 1 << 16;

    private final Table contacts;
    private final Table phones;
    private long shared;

    public DropSeen(Path dir) {
        this(dir, 0);
    }

    /**
     * Tables sized for a file of this many bytes (a row of a CRM export is rarely under 96 bytes), so a big drop
     * does not rehash its tables as they fill; at most 2<sup>24</sup> slots up front, doubling beyond.
     */
    public DropSeen(Path dir, long fileBytes) {
        long expected = fileBytes / 96;
        int slots = INITIAL_SLOTS;
        while (slots < (1 << 24) && slots * 0.6 < expected) {
            slots <<= 1;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("The folder " + dir + " for the drop's seen contacts cannot be created", e);
        }
        this.contacts = new Table(dir, "drop-seen-contacts", true, slots);
        this.phones = new Table(dir, "drop-seen-phones", false, slots);
    }

    /**
     * Records a contact of the drop; false when the drop had it before. Its first phone number (E.164, may be
     * null) counts as shared when another contact had it first.
     */
    public boolean firstOccurrence(String contactId, String phone) {
        return firstOccurrence(Key128.ofContact(contactId), phone);
    }

    /** {@link #firstOccurrence(String, String)} by the contact's key ({@link Key128#ofContact}). */
    public boolean firstOccurrence(Key128 contact, String phone) {
        if (!contacts.addPair(contact.hi(), contact.lo())) {
            return false;
        }
        phone(contact.lo(), phone == null ? 0 : ContactKeys.e164Digits(phone));
        return true;
    }

    /**
     * Records the phone number (E.164, may be null) of a contact known to be named once in the drop (see
     * {@link Repeats#namedOnce}): counted as shared when another contact had it first, as
     * {@link #firstOccurrence} counts it, without looking the contact up.
     */
    public void phoneOf(Key128 contact, String phone) {
        if (phone != null) {
            phone(contact.lo(), ContactKeys.e164Digits(phone));
        }
    }

    /** {@link #phoneOf} with the number as its E.164 digits (0: none). */
    public void phoneOf(Key128 contact, long number) {
        phone(contact.lo(), number);
    }

    private void phone(long lo, long number) {
        if (number > 0) {
            // the owner's bits without the top one, which marks "already counted as shared"
            long owner = (lo & Long.MAX_VALUE) | 1;
            long earlier = phones.putIfAbsent(number, owner);
            if (earlier > 0 && earlier != owner) {
                shared++;
                phones.replace(number, earlier | Long.MIN_VALUE);
            }
        }
    }

    /** Phone numbers held by more than one contact of this drop. */
    public long sharedPhones() {
        return shared;
    }

    /** Contacts recorded. */
    public long size() {
        return contacts.size;
    }

    @Override
    public void close() {
        contacts.close();
        phones.close();
    }

    /**
     * Slots of two longs in a mapped file; (0, 0) is an empty slot. Used either as a set of 128-bit pairs or as a
     * map from a non-zero long to a non-zero long.
     */
    private static final class Table {
        private final Path dir;
        private final String name;
        /** Whether the slot's two longs are together the key (a set), or a key and its value (a map). */
        private final boolean pairs;
        private Path file;
        private FileChannel channel;
        private MappedByteBuffer slots;
        private long capacity;
        private long size;
        private int generation;

        Table(Path dir, String name, boolean pairs, int slots) {
            this.dir = dir;
            this.name = name;
            this.pairs = pairs;
            map(slots);
        }

        boolean addPair(long hi, long lo) {
            if (hi == 0 && lo == 0) {
                lo = 1;
            }
            long mask = capacity - 1;
            for (long slot = mix(hi ^ lo) & mask; ; slot = (slot + 1) & mask) {
                long k = key(slot);
                long v = value(slot);
                if (k == 0 && v == 0) {
                    put(slot, hi, lo);
                    grown();
                    return true;
                }
                if (k == hi && v == lo) {
                    return false;
                }
            }
        }

        /** The value already held for the key (the new one is not stored), or 0 when it was stored. */
        long putIfAbsent(long key, long value) {
            long mask = capacity - 1;
            for (long slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
                long k = key(slot);
                if (k == 0) {
                    put(slot, key, value);
                    grown();
                    return 0;
                }
                if (k == key) {
                    return value(slot);
                }
            }
        }

        void replace(long key, long value) {
            long mask = capacity - 1;
            for (long slot = mix(key) & mask; ; slot = (slot + 1) & mask) {
                long k = key(slot);
                if (k == key) {
                    put(slot, key, value);
                    return;
                }
                if (k == 0) {
                    throw new IllegalStateException("no entry to replace");
                }
            }
        }

        private void grown() {
            size++;
            if (size * 10 > capacity * 6) {
                resize();
            }
        }

        private void resize() {
            MappedByteBuffer old = slots;
            long oldCapacity = capacity;
            FileChannel oldChannel = channel;
            Path oldFile = file;
            map(capacity * 2);
            long mask = capacity - 1;
            for (long slot = 0; slot < oldCapacity; slot++) {
                long k = old.getLong((int) (slot * 16));
                long v = old.getLong((int) (slot * 16 + 8));
                if (k == 0 && v == 0) {
                    continue;
                }
                long at = mix(pairs ? k ^ v : k) & mask;
                while (key(at) != 0 || value(at) != 0) {
                    at = (at + 1) & mask;
                }
                put(at, k, v);
            }
            release(oldChannel, oldFile);
        }

        private void map(long newCapacity) {
            if (newCapacity * 16 > Integer.MAX_VALUE) {
                throw new IllegalStateException("a drop with more than " + capacity * 6 / 10
                        + " distinct contacts or phone numbers is beyond what one drop can de-duplicate; split the file");
            }
            try {
                file = dir.resolve(name + "-" + (++generation) + ".tmp");
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
                slots = channel.map(FileChannel.MapMode.READ_WRITE, 0, newCapacity * 16);
                slots.order(ByteOrder.nativeOrder());
                capacity = newCapacity;
            } catch (IOException e) {
                throw new UncheckedIOException("The drop's seen contacts cannot be kept in " + dir, e);
            }
        }

        private long key(long slot) {
            return slots.getLong((int) (slot * 16));
        }

        private long value(long slot) {
            return slots.getLong((int) (slot * 16 + 8));
        }

        private void put(long slot, long key, long value) {
            slots.putLong((int) (slot * 16), key);
            slots.putLong((int) (slot * 16 + 8), value);
        }

        void close() {
            release(channel, file);
            slots = null;
        }

        private static void release(FileChannel channel, Path file) {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("The drop's seen contacts file " + file + " cannot be removed", e);
            }
        }

        /** A 64-bit finaliser (MurmurHash3's fmix64) so sequential keys spread over the table. */
        private static long mix(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb93e7f53be63L;
            h ^= h >>> 33;
            return h;
        }
    }
}
