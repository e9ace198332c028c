package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneNumbers} looks a number's type up once instead of three times; it must still give exactly what
 * libphonenumber's own {@code isValidNumber}, {@code format} and {@code getTimeZonesForNumber} give.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    @Test
    void agreesWithTheLibrarysOwnValidationAndTimeZonesForEveryRegionAndNumberType() {
        List<String> inputs = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String international = UTIL.format(example, PhoneNumberFormat.INTERNATIONAL);
                inputs.add(international);
                String national = UTIL.format(example, PhoneNumberFormat.NATIONAL);
                inputs.add(national);
                inputs.add(national.replace(' ', '.'));
                inputs.add(UTIL.format(example, PhoneNumberFormat.E164));
                inputs.add(UTIL.format(example, PhoneNumberFormat.RFC3966));
                inputs.add(" " + international.replace(' ', '-') + " ");
                // one digit short and one too many: mostly invalid, sometimes another valid number
                inputs.add(international.substring(0, international.length() - 1));
                inputs.add(international + "7");
            }
        }
        assertThat(inputs).hasSizeGreaterThan(2000);
        int valid = 0;
        int withZone = 0;
        for (String region : List.of("US", "GB", "DE", "IN", "BR")) {
            PhoneNumbers phones = new PhoneNumbers(region);
            for (String input : inputs) {
                PhoneNumbers.Parsed expected = reference(input, region);
                assertThat(phones.parse(input)).as("%s in region %s", input, region).isEqualTo(expected);
                valid += expected == null ? 0 : 1;
                withZone += expected == null || expected.timeZone() == null ? 0 : 1;
            }
        }
        // the corpus holds both outcomes, and zones (country-level ones for non-geographic numbers)
        assertThat(valid).isGreaterThan(1000).isLessThan(inputs.size() * 5);
        assertThat(withZone).isGreaterThan(1000);
    }

    @Test
    void onlyPunctuationLibphonenumberDropsItselfIsStripped() {
        assertThat(PhoneNumbers.digitsOnly("(317) 200-0004")).isEqualTo("3172000004");
        assertThat(PhoneNumbers.digitsOnly(" +1 317.200.0004")).isEqualTo("+13172000004");
        assertThat(PhoneNumbers.digitsOnly("3172000004")).isEqualTo("3172000004");
        // kept whole: extensions, letters, a plus inside, URIs
        assertThat(PhoneNumbers.digitsOnly("317 200 0004 x12")).isEqualTo("317 200 0004 x12");
        assertThat(PhoneNumbers.digitsOnly("1-800-FLOWERS")).isEqualTo("1-800-FLOWERS");
        assertThat(PhoneNumbers.digitsOnly("1+317 200 0004")).isEqualTo("1+317 200 0004");
        assertThat(PhoneNumbers.digitsOnly("tel:+1-317-200-0004")).isEqualTo("tel:+1-317-200-0004");
        for (String raw : List.of("317 200 0004 x12", "1-800-FLOWERS", "(0)20 7946 0958", "+44 (0)20 7946 0958",
                "+1 (317) 200-0004", "1 317 200 0004", "+49 30 901820", "030 901820")) {
            for (String region : List.of("US", "GB", "DE")) {
                assertThat(new PhoneNumbers(region).parse(raw)).as("%s in %s", raw, region)
                        .isEqualTo(reference(raw, region));
            }
        }
    }

    /** The straightforward way: isValidNumber, format, getTimeZonesForNumber. */
    private static PhoneNumbers.Parsed reference(String raw, String region) {
        try {
            PhoneNumber number = UTIL.parse(raw, region);
            if (!UTIL.isValidNumber(number)) {
                return null;
            }
            List<String> zones = ZONES.getTimeZonesForNumber(number);
            String zone = zones.isEmpty() || Objects.equals(zones.get(0), PhoneNumberToTimeZonesMapper
                    .getUnknownTimeZone()) ? null : zones.get(0);
            return new PhoneNumbers.Parsed(UTIL.format(number, PhoneNumberFormat.E164), zone);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
