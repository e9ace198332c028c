package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One contact's rows of a drop, decided together ({@link ChunkSteps#decide}): a table of rows and verdicts. */
class ChunkStepsTest {

    /** A row of contact C-1: {@code +} accepted, {@code -} withdraws (no consent), {@code x} rejected otherwise. */
    private static List<NormalisedRow> rows(String kinds) {
        List<NormalisedRow> rows = new ArrayList<>();
        for (int i = 0; i < kinds.length(); i++) {
            List<Reason> reasons = switch (kinds.charAt(i)) {
                case '+' -> List.of();
                case '-' -> List.of(Reason.CONSENT_MISSING);
                default -> List.of(Reason.EMAIL_INVALID);
            };
            rows.add(new NormalisedRow(i + 1, "C-1", "C-1", new String[] {"C-1"}, List.of("+13172014455"), reasons,
                    reasons.isEmpty() ? List.of() : List.of("why"), reasons.isEmpty() ? new byte[] {1} : null));
        }
        return rows;
    }

    /** Rows, then: the row kept (0: none), and each row's verdict in order (K kept, W withdraws, D duplicate, R reject). */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("++", 1, "K D"),
                Arguments.of("+-", 0, "D W"),
                Arguments.of("-+", 0, "W D"),
                Arguments.of("+-+", 0, "D W D"),
                Arguments.of("x+", 2, "R K"),
                Arguments.of("x-+", 0, "R W D"),
                Arguments.of("--", 0, "W W"),
                Arguments.of("xx", 0, "R R"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aWithdrawalAnywhereInTheDropWinsOtherwiseTheFirstAcceptedRow(String kinds, int kept, String verdicts) {
        ChunkSteps.Decision decision = ChunkSteps.decide(rows(kinds));

        assertThat(decision.kept() == null ? 0 : decision.kept().row()).isEqualTo(kept);
        List<String> seen = new ArrayList<>();
        for (NormalisedRow row : rows(kinds)) {
            if (decision.kept() != null && decision.kept().row() == row.row()) {
                seen.add("K");
                continue;
            }
            NormalisedRow rejected = decision.rejected().stream().filter(r -> r.row() == row.row()).findFirst()
                    .orElseThrow(() -> new AssertionError("row " + row.row() + " is neither kept nor rejected"));
            if (decision.withdrawing().stream().anyMatch(r -> r.row() == row.row())) {
                seen.add("W");
            } else {
                seen.add(rejected.reasons().equals(List.of(Reason.DUPLICATE_IN_DROP)) ? "D" : "R");
            }
        }
        assertThat(String.join(" ", seen)).isEqualTo(verdicts);
        // every row is accounted for once: kept, or in the rejects file
        assertThat(decision.rejected().size() + (decision.kept() == null ? 0 : 1)).isEqualTo(kinds.length());
    }

    /**
     * Reproduced: batches were cut by count only, so 1,000 contacts of two 480-character names were about 1 MB in one
     * request. A batch is cut before its body would pass the limit, and is as full as the limit allows.
     */
    @org.junit.jupiter.api.Test
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
        Drop drop = boundTo(columns, "drop.csv");
        drop.pendingUpload().addAll(pending);
        List<List<NormalisedRow>> batches = new ChunkSteps(1000, ChunkSteps.MAX_REQUEST_BYTES, 1000, null)
                .allBatches(drop);

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
        Drop small = boundTo(columns, "small.csv");
        for (int i = 0; i < 2500; i++) {
            small.pendingUpload().add(new NormalisedRow(i + 1, "S-" + i, "S-" + i, new String[] {"S-" + i, "Ana",
                    "Lopez", "+13172000000"}, List.of(), List.of(), List.of(), new byte[] {1}));
        }
        assertThat(new ChunkSteps(1000, ChunkSteps.MAX_REQUEST_BYTES, 1000, null).fullBatches(small))
                .extracting(List::size).containsExactly(1000, 1000);
        assertThat(small.pendingUpload()).hasSize(500);
    }

    /**
     * Reproduced: the size was estimated with room for 128-character column names, so 1,000 contacts of the demo's 13
     * short columns (about 330 KB) went as two requests, doubling the calls of every drop.
     */
    @org.junit.jupiter.api.Test
    void aThousandContactsOfTheDemoShapeAreOneRequest() {
        List<String> columns = List.of("crmId", "firstName", "lastName", "phone", "email", "consent", "doNotCall",
                "age", "region", "tenureYears", "score", "discount", "owner");
        Drop drop = boundTo(columns, "demo.csv");
        for (int i = 0; i < 2000; i++) {
            drop.pendingUpload().add(new NormalisedRow(i + 1, "CRM-" + i, "CRM-" + i, new String[] {"CRM-" + i,
                    "Maximilian", "Featherstonehaugh", "+1317201" + String.format("%04d", i % 10_000),
                    "maximilian.featherstonehaugh" + i + "@example.com", "yes", "no", "40", "North", "5", "100", "10",
                    "owner"}, List.of(), List.of(), List.of(), new byte[] {1}));
        }

        assertThat(new ChunkSteps(1000, ChunkSteps.MAX_REQUEST_BYTES, 1000, null).allBatches(drop))
                .extracting(List::size).containsExactly(1000, 1000);
    }

    private static Drop boundTo(List<String> columns, String file) {
        Drop drop = new Drop("demo", java.nio.file.Path.of(file), "test");
        drop.admitted(new CampaignContacts("demo", java.nio.file.Path.of("demo.yaml"), new ContactListSpec(
                "Demo Renewals", columns, List.of(), List.of(), null), null), null);
        drop.listResolved("6a2f7c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
        return drop;
    }

    @org.junit.jupiter.api.Test
    void anAcceptingRowOfAWithdrawnContactNamesTheRowThatWithdrewIt() {
        ChunkSteps.Decision decision = ChunkSteps.decide(rows("+x-"));

        assertThat(decision.rejected().get(0).details()).containsExactly(
                "contact C-1 is withdrawn by row 3 of this drop (a withdrawal anywhere in the drop wins)");
    }
}
