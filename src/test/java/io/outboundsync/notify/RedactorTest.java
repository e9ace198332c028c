package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final Redactor REDACTOR = TestKeys.REDACTOR;

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
        String scrubbed = REDACTOR.scrub(input);
        assertThat(scrubbed).matches(java.util.regex.Pattern.quote(expected).replace("*", "\\E[0-9a-f]{12}\\Q"));
    }

    @Test
    void givesTheSameValueTheSameFingerprintWhateverItsSpelling() {
        assertThat(REDACTOR.scrub("A@Example.com")).isEqualTo(REDACTOR.scrub("a@example.com"));
        assertThat(REDACTOR.scrub("+13175550100")).isNotEqualTo(REDACTOR.scrub("+13175550101"));
        assertThat(REDACTOR.scrub("(317) 555-0100")).isEqualTo(REDACTOR.scrub("317-555-0100"));
    }

    /**
     * Reproduced: the pseudonym was the first 48 bits of an unkeyed SHA-256, so hashing every US number reversed
     * it. Now it is an HMAC under the key: the unkeyed hash no longer matches, and another key gives another one.
     */
    @Test
    void aPseudonymIsKeyedSoHashingEveryNumberDoesNotReverseIt() throws Exception {
        String pseudonym = REDACTOR.scrub("+13175550100").replaceAll("<phone:([0-9a-f]+)>", "$1");

        String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("+13175550100".getBytes(StandardCharsets.UTF_8)), 0, 6);
        assertThat(pseudonym).isNotEqualTo(unkeyed);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestKeys.KEY, "HmacSHA256"));
        assertThat(pseudonym).isEqualTo(HexFormat.of().formatHex(mac.doFinal("+13175550100"
                .getBytes(StandardCharsets.UTF_8)), 0, 6));
        Redactor other = new Redactor("another-key-another-key-another!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.scrub("+13175550100")).isNotEqualTo(REDACTOR.scrub("+13175550100"));
        assertThatThrownBy(() -> new Redactor(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scrubsEveryTextValueOfAJsonDocument() throws Exception {
        var json = new ObjectMapper().readTree("{\"a\":\"x@y.io\",\"b\":[\"+13175550100\",{\"c\":\"ok\"}],\"n\":5}");
        String scrubbed = REDACTOR.scrub(json).toString();
        assertThat(scrubbed).doesNotContain("x@y.io").doesNotContain("+13175550100").contains("\"c\":\"ok\"")
                .contains("\"n\":5");
    }
}
