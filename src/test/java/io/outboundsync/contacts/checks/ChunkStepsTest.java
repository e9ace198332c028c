package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
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

    @org.junit.jupiter.api.Test
    void anAcceptingRowOfAWithdrawnContactNamesTheRowThatWithdrewIt() {
        ChunkSteps.Decision decision = ChunkSteps.decide(rows("+x-"));

        assertThat(decision.rejected().get(0).details()).containsExactly(
                "contact C-1 is withdrawn by row 3 of this drop (a withdrawal anywhere in the drop wins)");
    }
}
