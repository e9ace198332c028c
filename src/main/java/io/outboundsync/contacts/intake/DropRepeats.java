package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.SourceRow;
import io.outboundsync.contacts.checks.DropLines;
import io.outboundsync.contacts.checks.DropSeen;
import io.outboundsync.contacts.checks.Repeats;
import io.outboundsync.contacts.checks.RowNormaliser;
import io.outboundsync.contacts.ledger.LineMemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The contacts a drop names in more than one row, found in a first pass over the file before anything is sent: the
 * rows of such a contact are decided together once the drop is read ({@link ChunkSteps#settleRepeated}), so a row
 * that withdraws the contact wins over one that accepts it wherever the two stand, and the contact is never sent
 * callable and then withdrawn. The pass reads only the identity columns' values (the same parser, the same header
 * checks as the drop's own read); it keeps every id as 128 bits in a {@link DropSeen} table outside the heap, and the
 * repeated ones, few in an export, in memory. Where the file cannot be read to its end the pass stops there: the
 * drop's own read reports why. A pass that saw every contact ({@link Repeats#complete}) spares the drop's read a
 * lookup a row: a contact not repeated is named once.
 */
public final class DropRepeats {

    /**
     * The drop, knowing its repeated contacts ({@link #find}), before its rows are read. Its part in the list's
     * line memo stays only when the pass saw every contact: a memo keeps accepted records of contacts named once.
     */
    public Drop mark(Drop drop, String delimiter) {
        Repeats found = find(drop, delimiter);
        DropLines lines = drop.lines();
        if (lines == null) {
            return drop.withRepeats(found);
        }
        if (!found.complete()) {
            lines.close();
            return drop.withRepeats(found).withLines(null);
        }
        return drop.withRepeats(found).withLines(lines.knowing(found));
    }

    /**
     * The repeated contacts of a CSV drop read with this delimiter, or of a JSON drop when it is null; complete
     * when the file was read to its end and every well-formed row's contact id came from its identity columns (or
     * from the list's line memo, for a record it knows: that record is not parsed).
     */
    public Repeats find(Drop drop, String delimiter) {
        Set<Key128> repeated = new HashSet<>();
        boolean complete = false;
        Path file = drop.getFile();
        RowNormaliser normaliser = drop.normaliser();
        LineMemo known = drop.lines() == null ? null : drop.lines().known();
        try (DropSeen seen = new DropSeen(drop.ledger().stateDir().resolve("drop-repeats"), drop.admission().facts().size());
                RowSource.CountingStream in = new RowSource.CountingStream(Files.newInputStream(file))) {
            RowSource rows;
            if (delimiter == null) {
                rows = new JsonRows(in, drop.campaign().mapping());
            } else {
                char separator = delimiter.charAt(0);
                InputStream records = known == null ? in : new CsvRecordFilter(in, separator, (row, line) -> {
                    long slot = known.find(line);
                    if (slot < 0) {
                        return true;
                    }
                    Key128 contact = known.contact(slot);
                    if (!contact.isNone() && !seen.firstOccurrence(contact, null)) {
                        repeated.add(contact);
                    }
                    return false;
                });
                rows = new CsvRows(in, records(records, separator), separator, drop.campaign().mapping());
            }
            boolean everyId = true;
            for (SourceRow row = rows.next(); row != null; row = rows.next()) {
                if (row.malformed() != null) {
                    continue;
                }
                String id = normaliser.contactIdOf(row.values());
                if (id == null) {
                    // the checks may still find it an id (a derived identity): this pass cannot vouch for it
                    everyId = false;
                    continue;
                }
                Key128 contact = Key128.ofContact(id);
                if (!seen.firstOccurrence(contact, null)) {
                    repeated.add(contact);
                }
            }
            complete = everyId;
        } catch (DropException | UncheckedIOException e) {
            // the drop's own read meets the same and says why; the rows before it are decided with what was found
        } catch (IOException e) {
            throw new UncheckedIOException("The drop " + drop.getName() + " cannot be read", e);
        }
        return new Repeats(repeated, complete);
    }

    private static Iterator<List<String>> records(InputStream in, char delimiter) throws IOException {
        CSVParser parser = CsvRows.FORMAT.builder().setDelimiter(delimiter).get()
                .parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public List<String> next() {
                return records.next().toList();
            }
        };
    }
}
