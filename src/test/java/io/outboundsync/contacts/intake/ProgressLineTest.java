package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void drawsABarWithRowsRateAndTimeLeft() {
        assertThat(ProgressLine.bar("crm.csv", 420_000, 12.0, 0.42))
                .isEqualTo("[##########--------------]  42%  420,000 rows  35,000 rows/s  about 17 s left  crm.csv");
        assertThat(ProgressLine.bar("crm.csv", 1_000_000, 20.0, 1.0)).startsWith("[########################] 100%")
                .contains("about 0 s left");
        // a share not known yet (JSON drops are measured by bytes read): an empty bar, no time left claimed
        assertThat(ProgressLine.bar("crm.json", 60_000, 2.0, 0)).startsWith("[------------------------]   0%");
    }

    @Test
    void writesAPlainLineWhereNoBarCanBeRedrawn() {
        assertThat(ProgressLine.plain("crm.csv", 420_000, 12.0, 0.42))
                .isEqualTo("crm.csv: 420,000 rows, 35,000 rows/s, about 17 s left");
    }
}
