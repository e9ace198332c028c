package io.outboundsync.contacts.upload;

import io.outboundsync.contacts.NormalisedRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * How a drop's rows are cut into add-contacts requests: at most {@code batchSize} contacts (fewer while
 * {@code batchCap} says so: after an outage, smaller batches that grow back, {@code io.outboundsync.genesys.BatchPace}),
 * and a body under {@code maxRequestBytes} whatever the count ({@link #sizeOf} is what a row adds to it).
 * Without a list's columns and id, the longest a name (128 bytes) and an id (64) can be are counted.
 */
public final class Batching {

    /**
     * The largest add-contacts body sent by default: 512,000 bytes, the figure quoted in the Genesys community for the
     * API gateway (no official source found; see {@code genesys.contacts.max-request-bytes}).
     */
    public static final int MAX_REQUEST_BYTES = 512_000;

    private static final int FRAME = "{\"id\":,\"contactListId\":,\"data\":{},\"callable\":false},".length();

    private final int batchSize;
    private final IntSupplier batchCap;
    private final int maxRequestBytes;
    /** Per column, what its name adds beside a value ({@code "name":} and a comma). */
    private final long[] names;
    private final long perContact;

    public Batching(int batchSize, IntSupplier batchCap, int maxRequestBytes) {
        this(batchSize, batchCap, maxRequestBytes, null, null);
    }

    private Batching(int batchSize, IntSupplier batchCap, int maxRequestBytes, List<String> columns, String listId) {
        this.batchSize = batchSize;
        this.batchCap = batchCap;
        this.maxRequestBytes = maxRequestBytes;
        this.names = columns == null ? null : columns.stream().mapToLong(c -> utf8Json(c) + 2).toArray();
        this.perContact = FRAME + (listId == null ? 66 : utf8Json(listId));
    }

    /** The same cut for the rows of this list. */
    public Batching forList(List<String> columns, String listId) {
        return new Batching(batchSize, batchCap, maxRequestBytes, columns, listId);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * The batches of {@code pending}, taken out of it: each of at most the batch size, its body under the byte limit
     * (a batch of long values is cut sooner); unless {@code all}, a last batch that is not full stays pending.
     */
    public List<List<NormalisedRow>> take(List<NormalisedRow> pending, boolean all) {
        List<List<NormalisedRow>> batches = new ArrayList<>();
        int from = 0;
        while (from < pending.size()) {
            int limit = Math.max(1, Math.min(batchSize, batchCap.getAsInt()));
            int to = from;
            long bytes = 2; // [ ]
            while (to < pending.size() && to - from < limit) {
                long row = perContact + sizeOf(pending.get(to));
                if (to > from && bytes + row > maxRequestBytes) {
                    break;
                }
                bytes += row;
                to++;
            }
            boolean full = to - from == limit || to < pending.size();
            if (!full && !all) {
                break;
            }
            batches.add(new ArrayList<>(pending.subList(from, to)));
            from = to;
        }
        pending.subList(0, from).clear();
        return batches;
    }

    /**
     * What a row adds to an add-contacts body as {@link DialerContact} writes it, beyond its frame
     * ({@code {"id":…,"contactListId":…,"data":{…},"callable":false},}): its id and each present value beside its
     * column's name, as UTF-8 with JSON's escapes. Exact for the list's columns; without them 128-byte names.
     */
    long sizeOf(NormalisedRow row) {
        long bytes = utf8Json(row.contactId());
        String[] values = row.values();
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    bytes += (names == null || i >= names.length ? 132 : names[i])
                            + utf8Json(values[i]);
                }
            }
        }
        return bytes;
    }

    private static long utf8Json(String text) {
        if (text == null) {
            return 4;
        }
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}
