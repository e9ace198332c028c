package io.outboundsync.contacts;

import io.outboundsync.notify.Redactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-chunk steps of the {@code contacts-inbox} route after the checks, in file order on the route's thread:
 * keep a contact's first occurrence in the drop, leave out what the ledger says Genesys has as it is, collect the
 * rest into full upload batches, and the rejected rows' lines for the rejects file.
 */
public final class ChunkSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkSteps.class);

    /**
     * The largest add-contacts body sent by default: 512,000 bytes, the figure quoted in the Genesys community for the
     * API gateway (no official source found; see {@code genesys.contacts.max-request-bytes}).
     */
    public static final int MAX_REQUEST_BYTES = 512_000;

    private final int batchSize;
    private final java.util.function.IntSupplier batchCap;
    private final int maxRequestBytes;
    private final long progressIntervalMs;
    private final Redactor redactor;

    public ChunkSteps(int batchSize, long progressIntervalMs, Redactor redactor) {
        this(batchSize, MAX_REQUEST_BYTES, progressIntervalMs, redactor);
    }

    /** @param maxRequestBytes a batch is cut before its JSON would pass this many bytes, whatever its count */
    public ChunkSteps(int batchSize, int maxRequestBytes, long progressIntervalMs, Redactor redactor) {
        this(batchSize, () -> batchSize, maxRequestBytes, progressIntervalMs, redactor);
    }

    /**
     * @param batchCap the most contacts the next batch may carry now (after an outage, smaller batches that grow
     *                 back: {@code io.outboundsync.genesys.BatchPace}); never more than {@code batchSize}
     */
    public ChunkSteps(int batchSize, java.util.function.IntSupplier batchCap, int maxRequestBytes,
            long progressIntervalMs, Redactor redactor) {
        this.batchSize = batchSize;
        this.batchCap = batchCap;
        this.maxRequestBytes = maxRequestBytes;
        this.progressIntervalMs = progressIntervalMs;
        this.redactor = redactor;
    }

    /**
     * In file order, the first occurrence of a contact wins; a row that withdraws its contact (no consent, do not
     * call) counts as an occurrence, so a later row cannot make the contact callable again in this drop. Rejected
     * rows and later occurrences go to {@link Chunk#getRejected()}; withdrawing rows also to
     * {@link Chunk#getWithdrawing()}. The rows of a contact the drop names more than once ({@link DropRepeats}) wait
     * for {@link #settleRepeated}.
     */
    public Chunk keepFirst(Drop drop, Chunk chunk) {
        DropSeen seen = drop.seen();
        for (NormalisedRow row : chunk.getChecked()) {
            if (row.contactId() != null && drop.repeated().contains(row.contactId())) {
                // decided with the contact's other rows once the drop is read (settleRepeated)
                drop.holdRepeated(row);
                continue;
            }
            String phone = row.phones().isEmpty() ? null : row.phones().get(0);
            if (row.accepted()) {
                if (seen.firstOccurrence(row.contactId(), phone)) {
                    chunk.getFirstOccurrences().add(row);
                } else {
                    chunk.getRejected().add(row.rejected(Reason.DUPLICATE_IN_DROP, "contact " + row.contactId()
                            + " appeared earlier in this drop; the first occurrence is kept"));
                }
            } else {
                chunk.getRejected().add(row);
                if (Withdrawal.withdraws(row)) {
                    seen.firstOccurrence(row.contactId(), phone);
                    chunk.getWithdrawing().add(row);
                }
            }
        }
        synchronized (drop.counts()) {
            drop.counts().rowsRead += chunk.getChecked().size();
        }
        drop.pendingWithdrawals().addAll(chunk.getWithdrawing());
        return chunk;
    }

    /**
     * The rows of the contacts the drop names more than once, decided now that the drop is read, contact by contact
     * ({@link #decide}), as one more chunk for the steps after {@link #keepFirst}.
     */
    public Chunk settleRepeated(Drop drop) {
        List<NormalisedRow> held = drop.takeRepeated();
        Map<String, List<NormalisedRow>> byContact = new java.util.LinkedHashMap<>();
        for (NormalisedRow row : held) {
            byContact.computeIfAbsent(row.contactId(), id -> new ArrayList<>()).add(row);
        }
        Chunk chunk = new Chunk(held);
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
        drop.pendingWithdrawals().addAll(chunk.getWithdrawing());
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
     * The rows Genesys does not have as they are (the ledger's hash differs, or there is none) join the drop's
     * pending upload; the others count as unchanged, among them those recognised before their checks. What the
     * ledger holds was looked up with the checks where the contact id was known then; here for the rest.
     */
    public Chunk leaveOutUnchanged(Drop drop, Chunk chunk) {
        List<NormalisedRow> first = chunk.getFirstOccurrences();
        List<String> notLookedUp = new ArrayList<>();
        for (NormalisedRow row : first) {
            if (row.known() == null) {
                notLookedUp.add(row.contactId());
            }
        }
        Map<String, byte[]> known = notLookedUp.isEmpty() ? Map.of()
                : drop.ledger().hashes(drop.getListId(), notLookedUp);
        long unchanged = 0;
        long recognised = 0;
        ListRoom room = drop.room();
        for (NormalisedRow row : first) {
            byte[] before = row.known() == null ? known.get(row.contactId()) : row.known().hash();
            if (row.recognised()) {
                recognised++;
                unchanged++;
            } else if (before != null && Arrays.equals(before, row.hash())) {
                unchanged++;
                if (row.rowKey() != null) {
                    chunk.getUnchangedChecked().add(row);
                }
            } else if (before == null && !room.take()) {
                // a new contact past Genesys' limits: not sent as a request Genesys would refuse whole
                chunk.getRejected().add(row.rejected(Reason.API_REJECTED, room.refusal()));
            } else {
                drop.pendingUpload().add(row);
            }
        }
        synchronized (drop.counts()) {
            drop.counts().unchanged += unchanged;
            drop.counts().recognised += recognised;
        }
        return chunk;
    }

    /**
     * Records the keys of the chunk's unchanged rows that were checked, so the next drop recognises them: after a
     * change of mapping, checks, region or do-not-call numbers, the first drop checks every row, the next ones
     * only the rows that changed.
     */
    public void rememberUnchanged(Drop drop, Chunk chunk) {
        drop.ledger().rememberKeys(drop.getListId(), chunk.getUnchangedChecked());
    }

    /** The full batches of the pending upload, taken out of it (the rest waits for more rows). */
    public List<List<NormalisedRow>> fullBatches(Drop drop) {
        return take(drop.pendingUpload(), false, RequestSize.of(drop));
    }

    /** Everything still pending, in batches: the drop's end, or before withdrawals. */
    public List<List<NormalisedRow>> allBatches(Drop drop) {
        return take(drop.pendingUpload(), true, RequestSize.of(drop));
    }

    /**
     * Batches of at most {@code batchSize} rows whose request body stays under {@code maxRequestBytes} (a batch of
     * long values is cut sooner; the rest of the pending rows wait for more unless {@code all}).
     */
    private List<List<NormalisedRow>> take(List<NormalisedRow> pending, boolean all, RequestSize size) {
        List<List<NormalisedRow>> batches = new ArrayList<>();
        int from = 0;
        while (from < pending.size()) {
            int limit = Math.max(1, Math.min(batchSize, batchCap.getAsInt()));
            int to = from;
            long bytes = 2; // [ ]
            while (to < pending.size() && to - from < limit) {
                long row = size.of(pending.get(to));
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
     * What a row adds to an add-contacts body as {@link DialerContact} writes it: {@code {"id":…,"contactListId":…,
     * "data":{…},"callable":false},} with each present value beside its column's name, as UTF-8 with JSON's escapes.
     * Exact for the list's columns; a drop not yet bound to a list (none in the flow) counts 128-byte names and a
     * 64-byte list id, the most either can be.
     */
    record RequestSize(long perContact, long[] names) {
        private static final int FRAME = "{\"id\":,\"contactListId\":,\"data\":{},\"callable\":false},".length();

        static RequestSize of(Drop drop) {
            CampaignContacts campaign = drop.campaign();
            String listId = drop.getListId();
            long list = listId == null ? 66 : utf8Json(listId);
            if (campaign == null) {
                return new RequestSize(FRAME + list, null);
            }
            List<String> columns = campaign.contactList().columns();
            long[] names = new long[columns.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = utf8Json(columns.get(i)) + 2; // : and ,
            }
            return new RequestSize(FRAME + list, names);
        }

        long of(NormalisedRow row) {
            long bytes = perContact + utf8Json(row.contactId());
            String[] values = row.values();
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        bytes += (names == null || i >= names.length ? 132 : names[i]) + utf8Json(values[i]);
                    }
                }
            }
            return bytes;
        }
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

    /** Whether enough withdrawals wait to be sent now (or any, at the drop's end). */
    public boolean withdrawalsDue(Drop drop, boolean end) {
        int waiting = drop.pendingWithdrawals().size();
        return waiting > 0 && (end || waiting >= batchSize);
    }

    /** The waiting withdrawals, taken. */
    public List<NormalisedRow> takeWithdrawals(Drop drop) {
        List<NormalisedRow> rows = new ArrayList<>(drop.pendingWithdrawals());
        drop.pendingWithdrawals().clear();
        return rows;
    }

    /** The rows to write to the rejects file now: the chunk's, and those Genesys refused since the last chunk. */
    public List<NormalisedRow> rejectedNow(Drop drop, Chunk chunk) {
        List<NormalisedRow> refused = drop.takeRefusedByGenesys();
        if (refused.isEmpty()) {
            return chunk == null ? List.of() : chunk.getRejected();
        }
        List<NormalisedRow> rows = new ArrayList<>(chunk == null ? List.of() : chunk.getRejected());
        rows.addAll(refused);
        return rows;
    }

    /**
     * The rejects file's lines (by the columns {@code row,externalId,reasons,details}) of rejected rows, counted in the drop's
     * summary. The details name columns, never values; anything that looks like a phone or e-mail is scrubbed, and
     * no cell starts a spreadsheet formula.
     */
    public List<Map<String, Object>> rejectLines(Drop drop, List<NormalisedRow> rows) {
        List<Map<String, Object>> lines = new ArrayList<>(rows.size());
        synchronized (drop.counts()) {
            for (NormalisedRow row : rows) {
                drop.counts().reject(row);
                Map<String, Object> line = new HashMap<>(8);
                line.put("row", row.row());
                line.put("externalId", safe(row.externalId()));
                line.put("reasons", row.reasons().stream().map(Reason::name).collect(Collectors.joining(" ")));
                line.put("details", safe(redactor.scrub(String.join("; ", row.details()))));
                lines.add(line);
            }
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

    /**
     * A progress line, at most one per {@code contacts.progress-interval-ms}: in the log; and on the console once
     * the drop has read {@link ProgressLine#CONSOLE_FROM_ROWS} rows, as a bar on a terminal, a plain line elsewhere.
     */
    public void progress(Drop drop) {
        if (!drop.progressDue(progressIntervalMs)) {
            return;
        }
        double seconds = (System.nanoTime() - drop.startedNanos()) / 1e9;
        long read;
        synchronized (drop.counts()) {
            read = drop.counts().rowsRead;
        }
        double done = drop.shareRead();
        boolean onConsole = read >= ProgressLine.CONSOLE_FROM_ROWS;
        // the console's logger writes the log file too; a bar on a terminal is drawn beside the log's line
        (onConsole && !TERMINAL ? CONSOLE : LOG).info("{}", ProgressLine.plain(drop.getName(), read, seconds, done));
        if (onConsole && TERMINAL) {
            System.err.print("\r" + ProgressLine.bar(drop.getName(), read, seconds, done));
            System.err.flush();
            drop.barShown();
        }
    }

    /** The line after a progress bar, once the drop ended. */
    public static void endBar(Drop drop) {
        if (drop.isBarShown()) {
            System.err.println();
        }
    }

    /** Whether the console is a terminal a bar can be redrawn on. */
    private static final boolean TERMINAL = System.console() != null;
    /** The console's logger for progress (log4j2.properties sends it to the console whatever the level). */
    private static final Logger CONSOLE = LoggerFactory.getLogger("outboundsync.console.progress");
}
