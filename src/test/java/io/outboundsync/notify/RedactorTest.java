package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "call +13175550100 now                 | call <phone:*> now",
            "mail Ana.Lopez@Example.com please     | mail <email:*> please",
            "(317) 555-0100 or 317-555-0100        | <phone:*> or <phone:*>",
            "ids 2026-11-23 and 1700000000000      | ids 2026-11-23 and 1700000000000",
            "version 12 of list 5f3a-99            | version 12 of list 5f3a-99",
            "+44 20 7946 0958                      | <phone:*>",
            "tel:+33-1-23-45-67-89.                | tel:<phone:*>.",
    })
    void replacesPhonesAndEmailsAndLeavesEverythingElse(String input, String expected) {
        String scrubbed = Redactor.scrub(input);
        assertThat(scrubbed).matches(java.util.regex.Pattern.quote(expected).replace("*", "\\E[0-9a-f]{12}\\Q"));
    }

    @Test
    void givesTheSameValueTheSameFingerprintWhateverItsSpelling() {
        assertThat(Redactor.scrub("A@Example.com")).isEqualTo(Redactor.scrub("a@example.com"));
        assertThat(Redactor.scrub("+13175550100")).isNotEqualTo(Redactor.scrub("+13175550101"));
    }

    @Test
    void scrubsEveryTextValueOfAJsonDocument() throws Exception {
        var json = new ObjectMapper().readTree("{\"a\":\"x@y.io\",\"b\":[\"+13175550100\",{\"c\":\"ok\"}],\"n\":5}");
        String scrubbed = Redactor.scrub(json).toString();
        assertThat(scrubbed).doesNotContain("x@y.io").doesNotContain("+13175550100").contains("\"c\":\"ok\"")
                .contains("\"n\":5");
    }
}
