package io.outboundsync.contacts.checks;

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

    @Test
    void thePlainShapeShortcutGivesTheValidatorsVerdictOnHalfAMillionMutatedAddresses() {
        EmailValidator plain = EmailValidator.getInstance(false, false);
        EmailAddresses emails = new EmailAddresses();
        java.util.Random random = new java.util.Random(Long.getLong("emails.seed", 20261130L));
        // what CRM exports hold, and characters that sit on the edge of the validator's rules
        String alphabet = "abcxyzABC019._-+@'\"()<>,;:[] \t!#$%&*/=?^`{|}~\u00e9\u0001";
        List<String> seeds = List.of("user1@example.com", "first.last@mail.example.org", "a_b-c+d@sub.example.co.uk",
                "x@e.io", "o'brien@example.ie", "\"quoted user\"@example.com", "dan@no-tld", "a..b@example.com",
                "a.@example.com", ".a@example.com", "a@example..com", "a@-example.com", "a@example.com.",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com");
        int shortcut = 0;
        int valid = 0;
        for (int i = 0; i < 500_000; i++) {
            StringBuilder address = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(address.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> address.setCharAt(at, c);
                    case 1 -> address.insert(at, c);
                    default -> address.deleteCharAt(at);
                }
                if (address.length() == 0) {
                    address.append(c);
                }
            }
            String text = address.toString();
            boolean expected = plain.isValid(text);
            assertThat(emails.normalise(text) != null).as("%s", text).isEqualTo(expected);
            shortcut += EmailAddresses.plain(text, text.lastIndexOf('@')) ? 1 : 0;
            valid += expected ? 1 : 0;
        }
        // a third took the shortcut, and both verdicts were met
        assertThat(shortcut).isGreaterThan(150_000);
        assertThat(valid).isBetween(100_000, 400_000);
    }

    @Test
    void plainNeedsNothingButTheDomainChecked() {
        EmailAddresses emails = new EmailAddresses();
        assertThat(EmailAddresses.plain("user1@example.com", 5)).isTrue();
        assertThat(EmailAddresses.plain("o'brien@example.ie", 7)).isFalse();
        assertThat(emails.normalise("o'brien@Example.IE")).isEqualTo("o'brien@example.ie");
        assertThat(emails.normalise("user1@example.invalidtld")).isNull();
    }
}
