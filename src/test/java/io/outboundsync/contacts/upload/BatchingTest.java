package io.outboundsync.contacts.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a drop's rows are cut into add-contacts requests ({@link Batching}): by count, by encoded size, by the pace. */
class BatchingTest {

    /**
     * Reproduced: batches were cut by count only, so 1,000 contacts of two 480-character names were about 1 MB in one
     * request. A batch is cut before its body would pass the limit, and is as full as the limit allows.
     */
    @Test
    void batchesAreCutByTheirEncodedSizeAsWellAsTheirCount() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> columns = List.of("externalId", "firstName", "lastName", "phone");
        java.util.function.Function<List<NormalisedRow>, Integer> bodyBytes = rows -> {
            List<Object> contacts = new ArrayList<>();
            for (NormalisedRow row : rows) {
                java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    data.put(columns.get(i), row.values()[i]);
                }
                contacts.add(java.util.Map.of("id", row.contactId(), "contactListId",
                        "6a2f7c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "data", data, "callable", true));
            }
            try {
                return json.writeValueAsBytes(contacts).length;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        List<NormalisedRow> pending = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pending.add(new NormalisedRow(i + 1, "C-" + i, "C-" + i, new String[] {"C-" + i, "é".repeat(480),
                    "\"".repeat(480), "+1317200" + String.format("%04d", i)}, List.of(), List.of(), List.of(),
                    new byte[] {1}));
        }
        List<NormalisedRow> all = List.copyOf(pending);
        // a drop whose pending rows the steps take: every batch under the limit, all rows once, in order
        List<List<NormalisedRow>> batches = demoList(columns).take(pending, true);

        assertThat(batches.size()).isGreaterThan(3);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(all);
        for (int b = 0; b < batches.size(); b++) {
            assertThat(bodyBytes.apply(batches.get(b))).as("batch %d", b).isLessThanOrEqualTo(512_000);
        }
        // and not cut much sooner than it must: the next row would not have fitted by much
        List<NormalisedRow> firstPlusOne = new ArrayList<>(batches.get(0));
        firstPlusOne.add(batches.get(1).get(0));
        assertThat(bodyBytes.apply(firstPlusOne)).isGreaterThan(512_000);
        // a small row batches by count as before
        List<NormalisedRow> small = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            small.add(new NormalisedRow(i + 1, "S-" + i, "S-" + i, new String[] {"S-" + i, "Ana",
                    "Lopez", "+13172000000"}, List.of(), List.of(), List.of(), new byte[] {1}));
        }
        assertThat(demoList(columns).take(small, false)).extracting(List::size).containsExactly(1000, 1000);
        assertThat(small).hasSize(500);
    }

    /**
     * Reproduced: the size was estimated with room for 128-character column names, so 1,000 contacts of the demo's 13
     * short columns (about 330 KB) went as two requests, doubling the calls of every drop.
     */
    @Test
    void aThousandContactsOfTheDemoShapeAreOneRequest() {
        List<String> columns = List.of("crmId", "firstName", "lastName", "phone", "email", "consent", "doNotCall",
                "age", "region", "tenureYears", "score", "discount", "owner");
        List<NormalisedRow> pending = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            pending.add(new NormalisedRow(i + 1, "CRM-" + i, "CRM-" + i, new String[] {"CRM-" + i,
                    "Maximilian", "Featherstonehaugh", "+1317201" + String.format("%04d", i % 10_000),
                    "maximilian.featherstonehaugh" + i + "@example.com", "yes", "no", "40", "North", "5", "100", "10",
                    "owner"}, List.of(), List.of(), List.of(), new byte[] {1}));
        }

        assertThat(demoList(columns).take(pending, true)).extracting(List::size).containsExactly(1000, 1000);
    }

    /** Batches of 1,000 contacts under the default byte limit, for a list of these columns. */
    private static Batching demoList(List<String> columns) {
        return new Batching(1000, () -> 1000, Batching.MAX_REQUEST_BYTES).forList(columns,
                "6a2f7c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void whileTheBatchCapIsLowerAfterAnOutageBatchesAreSmaller() {
        java.util.concurrent.atomic.AtomicInteger cap = new java.util.concurrent.atomic.AtomicInteger(100);
        Batching batching = new Batching(1000, cap::get, Batching.MAX_REQUEST_BYTES).forList(List.of("id"), "L");
        List<NormalisedRow> pending = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            pending.add(new NormalisedRow(i + 1, "C-" + i, "C-" + i, new String[] {"C-" + i}, List.of(), List.of(),
                    List.of(), new byte[] {1}));
        }

        assertThat(batching.take(pending, false)).extracting(List::size).containsExactly(100, 100);
        cap.set(1000);
        assertThat(batching.take(pending, false)).isEmpty();
        assertThat(batching.take(pending, true)).extracting(List::size).containsExactly(50);
        assertThat(pending).isEmpty();
    }
}
