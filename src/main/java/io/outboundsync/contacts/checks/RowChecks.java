package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.Rows;
import io.outboundsync.contacts.SourceRow;
import io.outboundsync.contacts.ledger.Ledger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The row checks of a chunk, as the {@code contacts-inbox} route runs them: the chunk cut in parts (one per core),
 * in each part first the rows recognised as those Genesys acknowledged (their key in the ledger, see
 * {@link RowNormaliser#rowKey}), then the others mapped and checked by the campaign's {@link RowNormaliser}, the
 * parts in parallel, and put back together in file order ({@link Merge}, the split's aggregation strategy).
 */
public final class RowChecks {

    /** Rows a part has at least, so a small chunk is not spread thin over the threads. */
    static final int MIN_PART = 250;

    private final int threads;

    public RowChecks(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The chunk's rows in parts, for the parallel split. */
    public List<List<SourceRow>> parts(Rows read) {
        return parts(read.rows());
    }

    List<List<SourceRow>> parts(List<SourceRow> chunk) {
        if (chunk.isEmpty()) {
            // a chunk of what the line memo knew only: one empty part, so the merge still makes it a Chunk
            return List.of(chunk);
        }
        int count = Math.min(threads, Math.max(1, chunk.size() / MIN_PART));
        int size = (chunk.size() + count - 1) / count;
        List<List<SourceRow>> parts = new ArrayList<>(count);
        for (int from = 0; from < chunk.size(); from += size) {
            parts.add(chunk.subList(from, Math.min(chunk.size(), from + size)));
        }
        return parts;
    }

    /** A part of a chunk on its way through the checks: its rows as read, and as checked or recognised. */
    public static final class Part {

        private final List<SourceRow> rows;
        private final NormalisedRow[] done;
        private final byte[][] keys;
        private final String[] ids;
        private final NormalisedRow.Known[] known;

        Part(List<SourceRow> rows) {
            this.rows = rows;
            this.done = new NormalisedRow[rows.size()];
            this.keys = new byte[rows.size()][];
            this.ids = new String[rows.size()];
            this.known = new NormalisedRow.Known[rows.size()];
        }
    }

    /**
     * The part's rows the ledger recognises: a well-formed row whose key ({@link RowNormaliser#rowKey}) the ledger
     * holds for its contact, which is callable, is the row Genesys acknowledged, checked with the same mapping,
     * checks, region and do-not-call numbers; it is unchanged and its checks are not run again. For the other rows
     * what the ledger holds is kept for {@link ChunkSteps#leaveOutUnchanged}.
     */
    public Part recognise(CheckContext drop, List<SourceRow> rows) {
        Part part = new Part(rows);
        RowNormaliser normaliser = drop.normaliser();
        Ledger ledger = drop.ledger();
        String listId = drop.listId();
        Map<String, byte[]> keysById = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            SourceRow row = rows.get(i);
            if (row.malformed() != null) {
                continue;
            }
            byte[] key = normaliser.rowKey(row.values());
            part.keys[i] = key;
            String contactId = normaliser.contactIdOf(row.values());
            if (contactId == null) {
                continue;
            }
            part.ids[i] = contactId;
            keysById.put(contactId, key);
        }
        // one question to the ledger a part: one round trip when it is a database
        Map<String, Ledger.Acknowledged> known = ledger.acknowledged(listId, keysById);
        for (int i = 0; i < rows.size(); i++) {
            String contactId = part.ids[i];
            if (contactId == null) {
                continue;
            }
            SourceRow row = rows.get(i);
            byte[] key = part.keys[i];
            // the same id twice in a part: the batch was asked with the later row's key, so ask for this one's
            Ledger.Acknowledged acknowledged = keysById.get(contactId) == key ? known.get(contactId)
                    : ledger.acknowledged(listId, contactId, key);
            if (acknowledged == null) {
                part.known[i] = NormalisedRow.Known.NOTHING;
            } else if (acknowledged.sameRow()) {
                part.done[i] = NormalisedRow.recognised(row.number(), normaliser.externalIdOf(row.values()),
                        contactId, acknowledged.firstPhone(), acknowledged.hash(), key);
            } else {
                part.known[i] = new NormalisedRow.Known(acknowledged.hash(), false);
            }
        }
        return part;
    }

    /**
     * The part's rows not recognised, checked: a malformed row is rejected as it is, the others mapped and
     * checked; in file order with the recognised ones.
     */
    public List<NormalisedRow> check(CheckContext drop, Part part) {
        RowNormaliser normaliser = drop.normaliser();
        List<NormalisedRow> out = new ArrayList<>(part.rows.size());
        for (int i = 0; i < part.rows.size(); i++) {
            if (part.done[i] != null) {
                out.add(part.done[i]);
                continue;
            }
            SourceRow row = part.rows.get(i);
            if (row.malformed() != null) {
                out.add(new NormalisedRow(row.number(), normaliser.externalIdOf(row.values()), null, null, List.of(),
                        List.of(Reason.MALFORMED_ROW), List.of(row.malformed()), null));
                continue;
            }
            NormalisedRow checked = normaliser.normalise(row.number(), row.values());
            // what the ledger holds was looked up by the identity alone: it is this row's only for the same id
            boolean sameContact = part.known[i] != null && checked.contactId() != null
                    && checked.contactId().equals(part.ids[i]);
            out.add(checked.withKey(part.keys[i], sameContact ? part.known[i] : null));
        }
        return out;
    }

    /**
     * Puts the checked parts back in file order (they finish in any order) as one {@link Chunk}, with what the read
     * of the chunk said (the split's input).
     */
    public static final class Merge implements AggregationStrategy {

        @Override
        @SuppressWarnings("unchecked")
        public Exchange aggregate(Exchange collected, Exchange part) {
            Exchange into = collected == null ? part : collected;
            Map<Integer, List<NormalisedRow>> parts = into.getProperty(PARTS, Map.class);
            if (parts == null) {
                parts = new TreeMap<>();
                into.setProperty(PARTS, parts);
            }
            parts.put(part.getProperty(Exchange.SPLIT_INDEX, Integer.class), part.getIn().getBody(List.class));
            return into;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onCompletion(Exchange exchange, Exchange input) {
            Map<Integer, List<NormalisedRow>> parts = exchange.getProperty(PARTS, Map.class);
            exchange.removeProperty(PARTS);
            List<NormalisedRow> rows = new ArrayList<>();
            if (parts != null) {
                parts.values().forEach(rows::addAll);
            }
            exchange.getIn().setBody(new Chunk(rows, input.getIn().getBody(Rows.class)));
        }

        private static final String PARTS = "outboundSyncCheckedParts";
    }
}
