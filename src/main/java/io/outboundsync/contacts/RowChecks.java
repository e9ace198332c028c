package io.outboundsync.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The row checks of a chunk, as the {@code contacts-inbox} route runs them: the chunk cut in parts (one per core),
 * each part's rows mapped and checked by the campaign's {@link RowNormaliser} in parallel, and the parts put back
 * together in file order ({@link Merge}, the split's aggregation strategy).
 */
public final class RowChecks {

    /** Rows a part has at least, so a small chunk is not spread thin over the threads. */
    static final int MIN_PART = 250;

    private final int threads;

    public RowChecks(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The chunk in parts, for the parallel split. */
    public List<List<SourceRow>> parts(List<SourceRow> chunk) {
        int count = Math.min(threads, Math.max(1, chunk.size() / MIN_PART));
        int size = (chunk.size() + count - 1) / count;
        List<List<SourceRow>> parts = new ArrayList<>(count);
        for (int from = 0; from < chunk.size(); from += size) {
            parts.add(chunk.subList(from, Math.min(chunk.size(), from + size)));
        }
        return parts;
    }

    /** A part's rows checked: a malformed row is rejected as it is, the others mapped and checked. */
    public List<NormalisedRow> check(Drop drop, List<SourceRow> part) {
        RowNormaliser normaliser = drop.normaliser();
        List<NormalisedRow> out = new ArrayList<>(part.size());
        for (SourceRow row : part) {
            out.add(row.malformed() == null ? normaliser.normalise(row.number(), row.values())
                    : new NormalisedRow(row.number(), normaliser.externalIdOf(row.values()), null, null, List.of(),
                            List.of(Reason.MALFORMED_ROW), List.of(row.malformed()), null));
        }
        return out;
    }

    /** Puts the checked parts back in file order (they finish in any order) as one {@link Chunk}. */
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
        public void onCompletion(Exchange exchange) {
            Map<Integer, List<NormalisedRow>> parts = exchange.getProperty(PARTS, Map.class);
            exchange.removeProperty(PARTS);
            List<NormalisedRow> rows = new ArrayList<>();
            if (parts != null) {
                parts.values().forEach(rows::addAll);
            }
            exchange.getIn().setBody(new Chunk(rows));
        }

        private static final String PARTS = "outboundSyncCheckedParts";
    }
}
