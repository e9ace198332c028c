package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.DropSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OutcomeTableTest {

    private static DropSummary summary(String file, String status, Map<String, Long> reasons, String error) {
        long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new DropSummary(status, "sha", 100, 100 - rejected, rejected, new TreeMap<>(reasons), 0, 40,
                60 - rejected, 0, "list", 2345, "demo", file, 0, 0, 40, error, null);
    }

    @Test
    void namesTheMostFrequentReasonsFirstAndCountsTheRest() {
        assertThat(OutcomeTable.topReasons(Map.of("ON_DNC", 2L, "PHONE_INVALID", 5L, "CONSENT_MISSING", 2L,
                "EMAIL_INVALID", 1L))).isEqualTo("PHONE_INVALID 5, CONSENT_MISSING 2, ON_DNC 2 (+1 more)");
        assertThat(OutcomeTable.topReasons(Map.of())).isEmpty();
    }

    @Test
    void printsADropPerLineWithItsReasonsAndItsError() {
        List<String> lines = OutcomeTable.drops(List.of(
                summary("a.csv", "COMPLETED", Map.of(), null),
                summary("long-name.csv", "FAILED", Map.of("PHONE_INVALID", 3L), "Genesys did not take the contacts")));
        assertThat(lines).containsExactly(
                "DROP           STATUS                      ROWS  ACCEPTED  REJECTED WITHDRAWN  UPLOADED UNCHANGED  SECONDS",
                "a.csv          COMPLETED                    100       100         0         0        60        40      2.3",
                "long-name.csv  FAILED                       100        97         3         0        57        40      2.3",
                "  rejected: PHONE_INVALID 3",
                "  Genesys did not take the contacts");
        assertThat(OutcomeTable.drops(List.of())).isEmpty();
    }

    @Test
    void printsACampaignPerLine() {
        assertThat(OutcomeTable.campaigns(List.of(new OutcomeTable.CampaignLine("demo", 5, 1, "on", null),
                new OutcomeTable.CampaignLine("renewals", 0, 0, "?", "Genesys answered 503")))).containsExactly(
                "CAMPAIGN  SYNC     APPLIED  DRIFT  STATE",
                "demo      SYNCED         5      1  on",
                "renewals  FAILED         0      0  ?",
                "  Genesys answered 503");
    }
}
