package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * What a drop's rows came to on the reader's side, counts only, one chunk's or added up over the chunks
 * ({@link Sum}, the chunks split's aggregation): what Genesys took is the {@link UploadWindow}'s to say.
 *
 * @param rowsRead   rows read and checked
 * @param rejected   rows written to the rejects file (Genesys' refusals among them)
 * @param byReason   rows per reject code (a row with two reasons counts under both)
 * @param duplicates rows whose contact appeared earlier in the drop
 * @param unchanged  accepted rows Genesys has as they are (the recognised ones among them)
 * @param recognised unchanged rows recognised from the ledger without their checks
 * @param bytesRead  how far into the file the read has come
 * @param held       the rows of contacts the drop names more than once, held to be decided once it is read
 * @param unreadable why the file could not be read to its end, or null
 * @param failure    why the drop stopped (Genesys, the ledger, a step), or null
 * @param unmappedColumns the file's columns the mapping does not name
 */
public record RowsRead(long rowsRead, long rejected, Map<String, Long> byReason, long duplicates, long unchanged,
        long recognised, long bytesRead, List<NormalisedRow> held, String unreadable, Exception failure,
        int unmappedColumns) {

    public static final RowsRead NONE = new RowsRead(0, 0, Map.of(), 0, 0, 0, 0, List.of(), null, null, 0);

    /** The drop stopped here: nothing read, the failure said. */
    public static RowsRead failed(Exception failure) {
        return new RowsRead(0, 0, Map.of(), 0, 0, 0, 0, List.of(), null, failure, 0);
    }

    /** What one chunk came to, once sorted and its rejects written. */
    public static RowsRead of(Chunk chunk) {
        Map<String, Long> byReason = new TreeMap<>();
        long duplicates = 0;
        for (NormalisedRow row : chunk.getRejected()) {
            row.reasons().forEach(r -> byReason.merge(r.name(), 1L, Long::sum));
            if (row.reasons().contains(Reason.DUPLICATE_IN_DROP)) {
                duplicates++;
            }
        }
        return new RowsRead(chunk.rowsRead(), chunk.getRejected().size(), byReason, duplicates, chunk.unchanged(),
                chunk.recognised(), chunk.bytesRead(), List.copyOf(chunk.getHeld()), chunk.unreadable(), null,
                chunk.unmappedColumns());
    }

    /** This and what came after it: counts added, held rows in file order, the first reason to stop kept. */
    public RowsRead plus(RowsRead later) {
        Map<String, Long> reasons = new TreeMap<>(byReason);
        later.byReason.forEach((r, n) -> reasons.merge(r, n, Long::sum));
        List<NormalisedRow> rows = held;
        if (!later.held.isEmpty()) {
            rows = new ArrayList<>(held);
            rows.addAll(later.held);
        }
        return new RowsRead(rowsRead + later.rowsRead, rejected + later.rejected, reasons,
                duplicates + later.duplicates, unchanged + later.unchanged, recognised + later.recognised,
                Math.max(bytesRead, later.bytesRead), rows, unreadable != null ? unreadable : later.unreadable,
                failure != null ? failure : later.failure, Math.max(unmappedColumns, later.unmappedColumns));
    }

    /** The held rows handed on: they are counted where they are decided. */
    public RowsRead withoutHeld() {
        return new RowsRead(rowsRead, rejected, byReason, duplicates, unchanged, recognised, bytesRead, List.of(),
                unreadable, failure, unmappedColumns);
    }

    /** The drop stopped for this, unless it already had. */
    public RowsRead stoppedBy(Exception why) {
        return failure != null ? this : new RowsRead(rowsRead, rejected, byReason, duplicates, unchanged, recognised,
                bytesRead, held, unreadable, why, unmappedColumns);
    }

    /** The file could not be read past these rows, for this reason. */
    public RowsRead unreadableFor(String why) {
        return new RowsRead(rowsRead, rejected, byReason, duplicates, unchanged, recognised, bytesRead, held,
                unreadable != null ? unreadable : why, failure, unmappedColumns);
    }

    /** Whether the drop stopped (reading further, or sending): the rows read are still accounted for. */
    public boolean isStopped() {
        return failure != null;
    }


    /** The chunks' outcomes added up in file order (the split is sequential). */
    public static final class Sum implements AggregationStrategy {

        @Override
        public Exchange aggregate(Exchange sum, Exchange chunk) {
            if (sum == null) {
                return chunk;
            }
            sum.getIn().setBody(sum.getIn().getBody(RowsRead.class).plus(chunk.getIn().getBody(RowsRead.class)));
            return sum;
        }
    }
}
