package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo campaign's checks, as a table of inputs and verdicts. */
class RowNormaliserTest {

    private static CampaignContacts demo;
    private static RowNormaliser normaliser;

    @BeforeAll
    static void load() {
        demo = ContactConfig.load(Path.of("config"), Path.of("config/campaigns/demo.yaml"));
        normaliser = new RowNormaliser(demo.mapping(), demo.contactList(),
                DncNumbers.load(demo.mapping().dncFile(), new PhoneNumbers("US")));
    }

    /** A good demo row with some fields replaced: "phone=..." pairs, in the demo mapping's field order. */
    private static NormalisedRow row(String... changes) {
        String[] source = {"CRM-1", "Ana", "Lopez", "+1 317 201 4455", "ana@example.com", "yes", "no", "42",
                "North", "7.5", "1200.00", "30"};
        List<String> names = demo.mapping().fields().stream().map(FieldSpec::source).toList();
        for (String change : changes) {
            int eq = change.indexOf('=');
            source[names.indexOf(change.substring(0, eq))] = eq == change.length() - 1 ? null
                    : change.substring(eq + 1);
        }
        return normaliser.normalise(7, source);
    }

    private static String value(NormalisedRow row, String column) {
        return row.values()[demo.contactList().columns().indexOf(column)];
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "+1 317 201 4455      | +13172014455",
            "(317) 201-4455       | +13172014455",
            "317.201.4455         | +13172014455",
            "3172014455           | +13172014455",
            "1-317-201-4455       | +13172014455",
            "+44 20 7946 0958     | +442079460958",
            "+49 30 901820        | +4930901820",
            "+33 1 23 45 67 89    | +33123456789",
            "+61 2 9374 4000      | +61293744000",
            "'  +1 317 201 4455 ' | +13172014455",
    })
    void storesValidPhonesOfSeveralCountriesAsE164(String phone, String e164) {
        NormalisedRow row = row("phone=" + phone);

        assertThat(row.reasons()).isEmpty();
        assertThat(value(row, "phone")).isEqualTo(e164);
        assertThat(row.phones()).containsExactly(e164);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "020 7946 0958        | PHONE_INVALID",
            "call me              | PHONE_INVALID",
            "12345                | PHONE_INVALID",
            "3172014455999        | PHONE_INVALID",
            "+1 317 201 445       | PHONE_INVALID",
            "-                    | PHONE_MISSING",
            "'   '                | PHONE_MISSING",
    })
    void refusesPhonesThatAreNotNumbersOfTheRegion(String phone, Reason reason) {
        assertThat(row("phone=" + (phone == null ? "" : phone)).reasons()).containsExactly(reason);
    }

    @Test
    void fillsTheTimeZoneFromThePhoneNumber() {
        assertThat(value(row("phone=+1 415 555 2671"), "timeZone")).isEqualTo("America/Los_Angeles");
        assertThat(value(row("phone=+44 20 7946 0958"), "timeZone")).isEqualTo("Europe/London");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ana@example.com          | ana@example.com     | -",
            "Ana.Lopez@EXAMPLE.COM    | Ana.Lopez@example.com | -",
            "ana+renewals@mail.co.uk  | ana+renewals@mail.co.uk | -",
            "ana@                     | -                   | EMAIL_INVALID",
            "ana@example              | -                   | EMAIL_INVALID",
            "ana example.com          | -                   | EMAIL_INVALID",
            "a@b@example.com          | -                   | EMAIL_INVALID",
            "-                        | -                   | -",
    })
    void checksEmailsWhenPresent(String email, String stored, Reason reason) {
        NormalisedRow row = row("email=" + (email == null ? "" : email));

        assertThat(row.reasons()).isEqualTo(reason == null ? List.of() : List.of(reason));
        assertThat(value(row, "email")).isEqualTo(stored);
    }

    @ParameterizedTest(name = "consent {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "yes | true", "YES | true", "y | true", "Y | true", "1 | true", "true | true", "True | true",
            "no | false", "N | false", "0 | false", "FALSE | false",
    })
    void readsEveryBooleanSpellingInAnyCase(String spelling, String stored) {
        NormalisedRow row = row("consent=" + spelling);

        assertThat(value(row, "consent")).isEqualTo(stored);
        assertThat(row.accepted()).isEqualTo(stored.equals("true"));
    }

    @ParameterizedTest(name = "consent={0} doNotCall={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "yes | no  | -",
            "yes | -   | -",
            "no  | no  | CONSENT_MISSING",
            "-   | no  | CONSENT_MISSING",
            "no  | yes | ON_DNC CONSENT_MISSING",
            "yes | yes | DNC_CONSENT_CONFLICT",
            "-   | yes | ON_DNC CONSENT_MISSING",
    })
    void appliesTheComplianceGate(String consent, String doNotCall, String reasons) {
        NormalisedRow row = row("consent=" + (consent == null ? "" : consent),
                "doNotCall=" + (doNotCall == null ? "" : doNotCall));

        assertThat(row.reasons()).map(Reason::name).isEqualTo(reasons == null ? List.of()
                : Arrays.asList(reasons.split(" ")));
    }

    @Test
    void refusesAPhoneOnTheInternalDoNotCallListInAnySpelling() {
        assertThat(row("phone=+13175550199").reasons()).containsExactly(Reason.ON_DNC);
        assertThat(row("phone=317 555 0199").reasons()).containsExactly(Reason.ON_DNC);
    }

    @ParameterizedTest(name = "externalId {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"-", "'  '", "has space", "slash/in/it", "ünïcode"})
    void refusesAnIdentityThatIsMissingOrNotUsableAsAContactId(String id) {
        NormalisedRow row = row("externalId=" + (id == null ? "" : id));

        assertThat(row.reasons()).containsExactly(Reason.MISSING_EXTERNAL_ID);
        assertThat(row.contactId()).isNull();
    }

    @Test
    void collectsEveryReasonNotOnlyTheFirst() {
        NormalisedRow row = row("externalId=", "phone=abc", "email=nope", "consent=no", "firstName=" + "x".repeat(513));

        assertThat(row.reasons()).containsExactlyInAnyOrder(Reason.MISSING_EXTERNAL_ID, Reason.PHONE_INVALID,
                Reason.EMAIL_INVALID, Reason.CONSENT_MISSING, Reason.FIELD_TOO_LONG);
        assertThat(row.details()).hasSize(5).noneMatch(d -> d.contains("nope") || d.contains("abc"));
    }

    @Test
    void refusesValuesOver512CharactersAndUnreadableNumbers() {
        assertThat(row("lastName=" + "x".repeat(512)).accepted()).isTrue();
        assertThat(row("lastName=" + "x".repeat(513)).reasons()).containsExactly(Reason.FIELD_TOO_LONG);
        assertThat(row("age=forty").reasons()).containsExactly(Reason.MALFORMED_ROW);
        assertThat(row("consent=maybe").reasons()).contains(Reason.MALFORMED_ROW, Reason.CONSENT_MISSING);
    }

    @Test
    void writesNumbersPlainAndKeepsTheContactIdAndHash() {
        NormalisedRow row = row("lifetimeValue=1200.50", "age=042");
        assertThat(value(row, "lifetimeValue")).isEqualTo("1200.5");
        assertThat(value(row, "age")).isEqualTo("42");
        assertThat(row.contactId()).isEqualTo("CRM-1");
        assertThat(ContactKeys.rowHash(row.values())).isEqualTo(ContactKeys.rowHash(row("lifetimeValue=1200.5", "age=42").values()));
        assertThat(ContactKeys.rowHash(row.values())).isNotEqualTo(ContactKeys.rowHash(row("age=43").values()));
    }

    @Test
    void aPlainWholeNumberIsKeptAsTheDecimalRuleWouldWriteItAndAnIdAsTheIdPatternWouldJudgeIt() {
        java.util.Random random = new java.util.Random(20261130L);
        java.util.regex.Pattern idPattern = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]{1,128}");
        String alphabet = "0123456789-+.eE aZ_~";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(i % 10 == 0 ? 140 : 8); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(i % 2 == 0 ? 11 : alphabet.length())));
            }
            String raw = text.toString();
            if (RowNormaliser.plainInteger(raw)) {
                assertThat(new java.math.BigDecimal(raw).stripTrailingZeros().toPlainString()).as(raw)
                        .isEqualTo(raw);
            }
            assertThat(RowNormaliser.usableAsContactId(raw)).as(raw).isEqualTo(idPattern.matcher(raw).matches());
        }
        for (String raw : List.of("0", "7", "-5", "100", "1200")) {
            assertThat(RowNormaliser.plainInteger(raw)).as(raw).isTrue();
        }
        for (String raw : List.of("-0", "007", "+5", "1.0", "1e3", "-", "1 2")) {
            assertThat(RowNormaliser.plainInteger(raw)).as(raw).isFalse();
        }
    }
}
