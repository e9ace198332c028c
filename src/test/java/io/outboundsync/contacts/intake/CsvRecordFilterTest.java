package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.Key128;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The filter cuts a file into records exactly where commons-csv with {@link CsvRows#FORMAT} does: whatever records
 * it leaves out, the parser reads the others as it reads them in the whole file, under their own numbers. Checked
 * against the parser itself on random files made of the characters that matter (quotes, both delimiters, CR, LF,
 * spaces), so a record is never read as the wrong one, and by example.
 */
class CsvRecordFilterTest {

    /** What the parser makes of a file: its records after the header, and how it ended. */
    private record Parsed(List<List<String>> records, String failure) {
    }

    private static Parsed parse(InputStream in, char delimiter) {
        List<List<String>> records = new ArrayList<>();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser parser = CsvRows.FORMAT.builder().setDelimiter(delimiter).get().parse(reader)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                records.add(record.toList());
            }
            return new Parsed(records, null);
        } catch (IOException | RuntimeException e) {
            return new Parsed(records, "failed");
        }
    }

    private static String randomFile(Random random) {
        String alphabet = "aab,;\"\"\r\n\n  é";
        int length = random.nextInt(120);
        StringBuilder file = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            file.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return file.toString();
    }

    @Test
    void theParserReadsTheRecordsHandedOnAsInTheWholeFileUnderTheirNumbers() throws IOException {
        Random random = new Random(20261207);
        int compared = 0;
        for (int trial = 0; trial < 40_000; trial++) {
            String text = randomFile(random);
            char delimiter = random.nextBoolean() ? ',' : ';';
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Parsed whole = parse(new ByteArrayInputStream(bytes), delimiter);
            long seed = random.nextLong();
            Random keep = new Random(seed);
            List<Long> kept = new ArrayList<>();
            long[] seen = {0};
            CsvRecordFilter filter = new CsvRecordFilter(new ByteArrayInputStream(bytes), delimiter, (row, key) -> {
                seen[0]++;
                assertThat(row).as("the records come in file order, numbered from 1").isEqualTo(seen[0]);
                boolean handedOn = keep.nextInt(3) > 0;
                if (handedOn) {
                    kept.add(row);
                }
                return handedOn;
            });
            Parsed filtered = parse(filter, delimiter);
            List<List<String>> expected = new ArrayList<>();
            for (int i = 0; i < filtered.records().size(); i++) {
                long row = filter.nextRow();
                assertThat(row).as("file %s", text).isLessThanOrEqualTo(whole.records().size() + 1);
                if (row <= whole.records().size()) {
                    expected.add(whole.records().get((int) row - 1));
                }
            }
            if (whole.failure() == null) {
                assertThat(filtered.failure()).as("file %s", text).isNull();
                assertThat(filtered.records()).as("file %s", text).isEqualTo(expected);
                assertThat(seen[0]).as("every record of %s is decided", text).isEqualTo(whole.records().size());
                List<List<String>> keptRecords = new ArrayList<>();
                kept.forEach(row -> keptRecords.add(whole.records().get((int) (row - 1))));
                assertThat(filtered.records()).isEqualTo(keptRecords);
                compared++;
            } else {
                // the file ends inside quotes: the parser meets it in the filtered bytes too, after the same records
                assertThat(filtered.failure()).as("file %s", text).isNotNull();
                assertThat(filtered.records()).as("file %s", text).isEqualTo(expected);
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void aRecordsKeyIsItsBytesWithoutTheLineBreakAndTheHeaderAlwaysGoesThrough() throws IOException {
        String text = "\r\nid,name\r\n1,\"Lee, Jr.\"\r\n\r\n2,\"two\nlines\"\n1,\"Lee, Jr.\"\n3,x";
        Map<Long, Key128> keys = new HashMap<>();
        CsvRecordFilter filter = new CsvRecordFilter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                ',', (row, key) -> {
                    keys.put(row, key);
                    return row != 3;
                });
        Parsed parsed = parse(filter, ',');
        assertThat(parsed.records()).containsExactly(List.of("1", "Lee, Jr."), List.of("2", "two\nlines"),
                List.of("3", "x"));
        assertThat(keys).hasSize(4);
        assertThat(keys.get(1L)).isEqualTo(keys.get(3L)).isNotEqualTo(keys.get(2L));
        assertThat(filter.header()).isEqualTo(Key128.ofText(Key128.digest(), "id,name"));
        assertThat(keys.get(4L)).isEqualTo(Key128.ofText(Key128.digest(), "3,x"));
        assertThat(List.of(filter.nextRow(), filter.nextRow(), filter.nextRow())).containsExactly(1L, 2L, 4L);
        assertThat(filter.skipped()).isEqualTo(1);
    }
}
