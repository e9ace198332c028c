package io.outboundsync.contacts.reconcile;

import io.outboundsync.contacts.ledger.Ledger;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The comparison of a contact list's export with the ledger, streamed: each export row is looked up in the ledger by
 * its {@code inin-outbound-id} (a thousand at a time), the ids seen go to a temporary on-disk map, and a pass over
 * the ledger finds what Genesys no longer has. No copy of the list is held in the heap. The tally is this
 * comparison's own, made and read by one thread; what leaves is {@link Findings}.
 */
final class ExportComparison {

    static final String ID_COLUMN = "inin-outbound-id";
    static final String CALLABLE_COLUMN = "ContactCallable";
    private static final int SAMPLE = 20;
    private static final int CHUNK = 1000;

    private final Reconciling run;
    private final Ledger ledger;
    private final List<String> columns;
    private final Map<String, List<String>> samples = new LinkedHashMap<>();
    private long inGenesys;
    private long agree;
    private long missing;
    private long changed;
    private long unknown;
    private long withdrawnButCallable;

    private ExportComparison(Reconciling run, Ledger ledger) {
        this.run = run;
        this.ledger = ledger;
        this.columns = run.spec().columns();
        for (String kind : List.of(Findings.MISSING, Findings.CHANGED, Findings.UNKNOWN,
                Findings.WITHDRAWN_BUT_CALLABLE)) {
            samples.put(kind, new ArrayList<>());
        }
    }

    /** Compares the export file (deleted after) with the ledger. */
    static Findings compare(Reconciling run, Path export, Ledger ledger) {
        return new ExportComparison(run, ledger).over(export);
    }

    private Findings over(Path export) {
        Path seenFile = null;
        MVStore seenStore = null;
        Path toRepair = null;
        try {
            seenFile = Files.createTempFile(ledger.stateDir(), "reconcile-seen", ".mv");
            Files.delete(seenFile);
            seenStore = new MVStore.Builder().fileName(seenFile.toString()).cacheSize(8).open();
            MVMap<String, Boolean> seen = seenStore.openMap("seen");
            toRepair = Files.createTempFile(ledger.stateDir(), "reconcile-repair", ".txt");
            try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(reader);
                    BufferedWriter repair = Files.newBufferedWriter(toRepair, StandardCharsets.UTF_8)) {
                Map<String, Integer> header = csv.getHeaderMap();
                if (!header.containsKey(ID_COLUMN)) {
                    throw new IllegalStateException("The export of contact list " + run.listId() + " has no "
                            + ID_COLUMN + " column");
                }
                List<CSVRecord> chunk = new ArrayList<>(CHUNK);
                for (CSVRecord record : csv) {
                    chunk.add(record);
                    if (chunk.size() == CHUNK) {
                        compareChunk(header, chunk, seen, repair);
                        chunk.clear();
                    }
                }
                compareChunk(header, chunk, seen, repair);
                // what the ledger holds (callable) and Genesys does not
                ledger.forEachContact(run.listId(), (id, values) -> {
                    if (!seen.containsKey(id)) {
                        missing++;
                        found(Findings.MISSING, id, repair);
                    }
                });
            }
            return new Findings(inGenesys, agree, missing, changed, unknown, withdrawnButCallable,
                    Map.copyOf(samples), toRepair);
        } catch (IOException e) {
            Reconciler.deleteQuietly(toRepair);
            throw new UncheckedIOException("The export of contact list " + run.listId() + " could not be read", e);
        } catch (RuntimeException e) {
            Reconciler.deleteQuietly(toRepair);
            throw e;
        } finally {
            if (seenStore != null) {
                seenStore.closeImmediately();
            }
            Reconciler.deleteQuietly(seenFile);
            Reconciler.deleteQuietly(export);
        }
    }

    private void compareChunk(Map<String, Integer> header, List<CSVRecord> chunk, MVMap<String, Boolean> seen,
            BufferedWriter repair) {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(chunk.size());
        chunk.forEach(r -> ids.add(r.get(ID_COLUMN)));
        Map<String, String[]> acknowledged = ledger.acknowledgedValues(run.listId(), ids);
        Set<String> withdrawn = ledger.withdrawnAmong(run.listId(), ids);
        Integer callableAt = header.get(CALLABLE_COLUMN);
        for (CSVRecord record : chunk) {
            String id = record.get(ID_COLUMN);
            inGenesys++;
            seen.put(id, Boolean.TRUE);
            String[] ours = acknowledged.get(id);
            boolean callable = callableAt == null || !"0".equals(record.get(callableAt.intValue()));
            if (withdrawn.contains(id)) {
                if (callable) {
                    withdrawnButCallable++;
                    found(Findings.WITHDRAWN_BUT_CALLABLE, id, null);
                } else {
                    agree++;
                }
            } else if (ours == null) {
                unknown++;
                found(Findings.UNKNOWN, id, null);
            } else if (sameValues(ours, columns, header, record) && callable) {
                agree++;
            } else {
                changed++;
                found(Findings.CHANGED, id, repair);
            }
        }
    }

    /** A difference: sampled, and written to the repair's file when a repair would send it again. */
    private void found(String kind, String id, BufferedWriter repair) {
        List<String> sample = samples.get(kind);
        if (sample.size() < SAMPLE) {
            sample.add(id);
        }
        if (repair != null) {
            try {
                repair.write(id);
                repair.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The ledger's values (one per list column, null for none) against the export row's (empty for none). */
    static boolean sameValues(String[] ours, List<String> columns, Map<String, Integer> header, CSVRecord record) {
        for (int i = 0; i < columns.size(); i++) {
            Integer at = header.get(columns.get(i));
            String theirs = at == null || !record.isSet(at) ? "" : record.get(at.intValue());
            String mine = i < ours.length && ours[i] != null ? ours[i] : "";
            if (!Objects.equals(mine, theirs)) {
                return false;
            }
        }
        return true;
    }
}
