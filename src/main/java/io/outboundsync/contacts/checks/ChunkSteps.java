package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.notify.Redactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps of {@code contacts-chunk} after the checks, in file order on the reader's thread, each taking the chunk
 * and handing it on: keep a contact's first occurrence in the drop, leave out what the ledger says Genesys has as it
 * is, the rejected rows' lines for the rejects file, and what the chunk came to.
 */
public final class ChunkSteps {

    private final Redactor redactor;

    public ChunkSteps(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * In file order, the first occurrence of a contact wins; a row that withdraws its contact (no consent, do not
     * call) counts as an occurrence, so a later row cannot make the contact callable again in this drop. Rejected
     * rows and later occurrences go to {@link Chunk#getRejected()}; withdrawing rows also to
     * {@link Chunk#getWithdrawing()}. The rows of a contact the drop names more than once ({@link DropRepeats}) wait
     * for {@link #settleRepeated}.
     */
    public Chunk keepFirst(CheckContext drop, Chunk chunk) {
        DropSeen seen = drop.seen();
        Repeats repeats = drop.repeats();
        DropLines lines = drop.lines();
        for (NormalisedRow row : chunk.getChecked()) {
            Key128 contact = row.contactId() == null ? null : Key128.ofContact(row.contactId());
            if (repeats.repeated(contact)) {
                // decided with the contact's other rows once the drop is read (settleRepeated)
                chunk.getHeld().add(row);
                continue;
            }
            String phone = row.phones().isEmpty() ? null : row.phones().get(0);
            if (row.accepted() && repeats.namedOnce(contact)) {
                // the first pass saw this contact in this row only: it is its first occurrence
                seen.phoneOf(contact, phone);
                chunk.getFirstOccurrences().add(row);
            } else if (row.accepted()) {
                if (seen.firstOccurrence(contact, phone)) {
                    chunk.getFirstOccurrences().add(row);
                } else {
                    chunk.getRejected().add(row.rejected(Reason.DUPLICATE_IN_DROP, "contact " + row.contactId()
                            + " appeared earlier in this drop; the first occurrence is kept"));
                }
            } else {
                chunk.getRejected().add(row);
                if (Withdrawal.withdraws(row)) {
                    if (contact != null) {
                        seen.firstOccurrence(contact, phone);
                    }
                    chunk.getWithdrawing().add(row);
                } else if (lines != null) {
                    // rejected for reasons of its own: the same bytes are rejected so next time
                    lines.rejected(row);
                }
            }
        }
        return chunk;
    }

    /**
     * The rows of the contacts the drop names more than once, decided now that the drop is read, contact by contact
     * ({@link #decide}), as one more chunk for the steps after {@link #keepFirst}.
     */
    public Chunk settleRepeated(CheckContext drop, List<NormalisedRow> held) {
        Map<String, List<NormalisedRow>> byContact = new java.util.LinkedHashMap<>();
        for (NormalisedRow row : held) {
            byContact.computeIfAbsent(row.contactId(), id -> new ArrayList<>()).add(row);
        }
        Chunk chunk = Chunk.settled(held);
        DropSeen seen = drop.seen();
        for (List<NormalisedRow> rows : byContact.values()) {
            Decision decision = decide(rows);
            NormalisedRow first = rows.get(0);
            seen.firstOccurrence(first.contactId(), first.phones().isEmpty() ? null : first.phones().get(0));
            if (decision.kept() != null) {
                chunk.getFirstOccurrences().add(decision.kept());
            }
            chunk.getRejected().addAll(decision.rejected());
            chunk.getWithdrawing().addAll(decision.withdrawing());
        }
        chunk.getRejected().sort(java.util.Comparator.comparingLong(NormalisedRow::row));
        return chunk;
    }

    /**
     * What one contact's rows of a drop come to, over all of them.
     *
     * @param kept        the row to send (its first accepted row), or null
     * @param rejected    the rows for the rejects file, each with its reason
     * @param withdrawing the rows that withdraw the contact
     */
    public record Decision(NormalisedRow kept, List<NormalisedRow> rejected, List<NormalisedRow> withdrawing) {
    }

    /**
     * A contact's rows of one drop, in file order, decided together: a row that withdraws the contact (no consent,
     * do not call) wins wherever it stands, and every accepting row is then rejected naming it; otherwise the first
     * accepted row is kept and the later ones are duplicates. Rows rejected for their own reasons stay so.
     */
    public static Decision decide(List<NormalisedRow> rows) {
        NormalisedRow withdrawal = rows.stream().filter(Withdrawal::withdraws).findFirst().orElse(null);
        NormalisedRow kept = null;
        List<NormalisedRow> rejected = new ArrayList<>();
        List<NormalisedRow> withdrawing = new ArrayList<>();
        for (NormalisedRow row : rows) {
            if (!row.accepted()) {
                rejected.add(row);
                if (Withdrawal.withdraws(row)) {
                    withdrawing.add(row);
                }
            } else if (withdrawal != null) {
                rejected.add(row.rejected(Reason.DUPLICATE_IN_DROP, "contact " + row.contactId() + " is withdrawn by"
                        + " row " + withdrawal.row() + " of this drop (a withdrawal anywhere in the drop wins)"));
            } else if (kept == null) {
                kept = row;
            } else {
                rejected.add(row.rejected(Reason.DUPLICATE_IN_DROP, "contact " + row.contactId() + " appeared"
                        + " earlier in this drop; the first occurrence is kept"));
            }
        }
        return new Decision(kept, List.copyOf(rejected), List.copyOf(withdrawing));
    }

    /**
     * The rows Genesys does not have as they are (the ledger's hash differs, or there is none) are the chunk's to
     * send; the others count as unchanged, among them those recognised before their checks. What the
     * ledger holds was looked up with the checks where the contact id was known then; here for the rest.
     */
    public Chunk leaveOutUnchanged(CheckContext drop, Chunk chunk) {
        List<NormalisedRow> first = chunk.getFirstOccurrences();
        List<String> notLookedUp = new ArrayList<>();
        for (NormalisedRow row : first) {
            if (row.known() == null) {
                notLookedUp.add(row.contactId());
            }
        }
        Map<String, byte[]> known = notLookedUp.isEmpty() ? Map.of()
                : drop.ledger().hashes(drop.listId(), notLookedUp);
        long unchanged = 0;
        long recognised = 0;
        DropLines lines = drop.lines();
        ListRoom room = drop.room() == null ? ListRoom.unlimited() : drop.room();
        for (NormalisedRow row : first) {
            byte[] before = row.known() == null ? known.get(row.contactId()) : row.known().hash();
            if (row.recognised()) {
                recognised++;
                unchanged++;
                if (lines != null) {
                    lines.accepted(row);
                }
            } else if (before != null && Arrays.equals(before, row.hash())) {
                unchanged++;
                if (row.rowKey() != null) {
                    chunk.getUnchangedChecked().add(row);
                }
                if (lines != null) {
                    lines.accepted(row);
                }
            } else if (before == null && !room.take()) {
                // a new contact past Genesys' limits: not sent as a request Genesys would refuse whole
                chunk.getRejected().add(row.rejected(Reason.API_REJECTED, room.refusal()));
            } else {
                chunk.getToSend().add(row);
            }
        }
        chunk.unchanged(unchanged, recognised);
        return chunk;
    }

    /**
     * Records the keys of the chunk's unchanged rows that were checked, so the next drop recognises them: after a
     * change of mapping, checks, region or do-not-call numbers, the first drop checks every row, the next ones
     * only the rows that changed.
     */
    public void rememberUnchanged(CheckContext drop, Chunk chunk) {
        drop.ledger().rememberKeys(drop.listId(), chunk.getUnchangedChecked());
    }

    /** What the chunk came to, once sorted and its rejects written: the body the chunks' split adds up. */
    public RowsRead tally(Chunk chunk) {
        return RowsRead.of(chunk);
    }

    /** What the chunks' split added up (a file with no rows gives it nothing to add: nothing read). */
    public RowsRead readOf(Object split) {
        return split instanceof RowsRead read ? read : RowsRead.NONE;
    }

    /** The drop stopped at this failure: the outcome of the chunk (or of the drop, before its rows). */
    public RowsRead failed(Exception why) {
        return RowsRead.failed(why);
    }

    /** The rows read so far, and the drop stopped at this failure. */
    public RowsRead stopped(RowsRead read, Exception why) {
        return read.stoppedBy(why);
    }

    /** The rows read so far and what a last chunk (the repeated contacts, Genesys' last refusals) came to. */
    public RowsRead plus(RowsRead read, Chunk chunk) {
        return read.plus(RowsRead.of(chunk));
    }

    /**
     * The rejects file's lines (by the columns {@code row,externalId,reasons,details}) of a chunk's rejected rows.
     * The details name columns, never values; anything that looks like a phone or e-mail is scrubbed, and
     * no cell starts a spreadsheet formula.
     */
    public List<Map<String, Object>> rejectLines(Chunk chunk) {
        List<NormalisedRow> rows = new ArrayList<>(chunk.getRejected());
        // in file order: the rows the line memo knew come first in a chunk, Genesys' refusals of earlier ones last
        rows.sort(java.util.Comparator.comparingLong(NormalisedRow::row));
        List<Map<String, Object>> lines = new ArrayList<>(rows.size());
        for (NormalisedRow row : rows) {
            Map<String, Object> line = new HashMap<>(8);
            line.put("row", row.row());
            line.put("externalId", safe(row.externalId()));
            line.put("reasons", row.reasons().stream().map(Reason::name).collect(Collectors.joining(" ")));
            line.put("details", safe(redactor.scrub(String.join("; ", row.details()))));
            lines.add(line);
        }
        return lines;
    }

    /** A cell no spreadsheet runs as a formula. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
