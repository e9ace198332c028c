package io.outboundsync.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code reports/<drop file name>.summary.json}: what became of a drop. The first fields are the documented
 * interface (DESIGN.md); the rest explain.
 *
 * @param status           COMPLETED, COMPLETED_WITH_REJECTS or FAILED
 * @param rowsRead         rows read from the file
 * @param accepted         rows that passed every check (unchanged + uploaded, and any not sent when it failed)
 * @param rejected         rows in the rejects file
 * @param rejectedByReason rows per reject code (a row with two reasons counts under both)
 * @param duplicatesInDrop rows whose contact appeared earlier in the drop
 * @param unchanged        accepted rows Genesys already had as they are
 * @param uploaded         rows Genesys acknowledged
 * @param withdrawn        contacts Genesys had that the drop made uncallable (consent withdrawn, do-not-call)
 * @param unchangedRecognised unchanged rows recognised from the ledger without their checks: the same values as
 *                         the row Genesys acknowledged, checked with the same mapping, checks, region and
 *                         do-not-call numbers
 * @param target           which Genesys the drop went to: {@code sandbox (embedded, no org)} or
 *                         {@code live: <org name> (<region>)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DropSummary(String status, String fileSha256, long rowsRead, long accepted, long rejected,
        Map<String, Long> rejectedByReason, long duplicatesInDrop, long unchanged, long uploaded, long withdrawn,
        String contactListId,
        long durationMs, String campaign, String file, long unmappedColumns, long sharedPhoneNumbers, long unchangedRecognised,
        String error, String target) {
}
