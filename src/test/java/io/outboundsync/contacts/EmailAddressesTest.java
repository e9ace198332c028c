package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.commons.validator.routines.EmailValidator;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void aDomainsKeptVerdictIsTheValidatorsOwnEveryTime() {
        EmailValidator plain = EmailValidator.getInstance(false, false);
        EmailAddresses emails = new EmailAddresses();
        List<String> addresses = List.of("ann@example.com", "bob@example.com", "bad user@example.com",
                "carl@Example.COM", "dan@no-tld", "eve@no-tld", "fay@exa_mple.com", "gus@exa_mple.com",
                "hal@[192.168.0.1]", "ivy@localhost", "joe@bücher.de", "kim@xn--bcher-kva.de", "lee@.example.com",
                "@example.com", "max@", "ned@example.com.", "o\"q@example.com");
        for (int round = 0; round < 2; round++) {
            for (String address : addresses) {
                assertThat(emails.normalise(address) != null).as("%s, round %d", address, round)
                        .isEqualTo(plain.isValid(address));
            }
        }
        assertThat(emails.normalise("Carl.Lane@Example.COM")).isEqualTo("Carl.Lane@example.com");
        assertThat(emails.normalise("dan@no-tld")).isNull();
    }
}
