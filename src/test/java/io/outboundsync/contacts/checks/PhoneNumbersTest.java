package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneNumbers} looks a number's type up once instead of three times, and decides the commonest North
 * American shapes without the library's parser and regular expressions; it must still give exactly what
 * libphonenumber's own {@code parse}, {@code isValidNumber}, {@code format} and {@code getTimeZonesForNumber} give.
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

    /** Seed of the random numbers below; -Dphones.seed=N runs them on another sequence. */
    private static final long SEED = Long.getLong("phones.seed", 20261130L);

    @Test
    void theAutomataAndTheZoneTableGiveTheLibrarysTypeAndZoneForTwoMillionNorthAmericanNumbers() {
        Random random = new Random(SEED);
        NorthAmericanTypes automata = NorthAmericanTypes.get();
        List<String> examples = northAmericanExamples();
        Map<PhoneNumberType, Integer> seen = new EnumMap<>(PhoneNumberType.class);
        int zoned = 0;
        for (int i = 0; i < 2_000_000; i++) {
            // half uniformly random, half one or two digits away from a real example of some region and type
            String national = i % 2 == 0 ? randomNational(random) : mutate(examples.get(random.nextInt(
                    examples.size())), random);
            PhoneNumberType expected = UTIL.getNumberType(new PhoneNumber().setCountryCode(1)
                    .setNationalNumber(Long.parseLong(national)));
            assertThat(automata.type(national)).as("+1 %s (seed %s)", national, SEED).isEqualTo(expected);
            seen.merge(expected, 1, Integer::sum);
            if (UTIL.isNumberGeographical(expected, 1)) {
                List<String> zones = ZONES.getTimeZonesForGeographicalNumber(new PhoneNumber().setCountryCode(1)
                        .setNationalNumber(Long.parseLong(national)));
                String zone = zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()) ? null
                        : zones.get(0);
                assertThat(NorthAmericanZones.get().zone(national)).as("zone of +1 %s", national).isEqualTo(zone);
                zoned++;
            }
        }
        // both verdicts, and the types the regions of code 1 have, were met
        assertThat(seen.keySet()).contains(PhoneNumberType.UNKNOWN, PhoneNumberType.FIXED_LINE_OR_MOBILE,
                PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
                PhoneNumberType.PREMIUM_RATE, PhoneNumberType.PERSONAL_NUMBER);
        assertThat(seen.get(PhoneNumberType.UNKNOWN)).isBetween(100_000, 1_900_000);
        assertThat(zoned).isGreaterThan(100_000);
    }

    @Test
    void theNorthAmericanShapesParseAsTheLibraryParsesThemInEveryRegion() {
        Random random = new Random(SEED + 1);
        List<String> regions = new ArrayList<>(UTIL.getRegionCodesForCountryCode(1));
        regions.addAll(List.of("GB", "DE", "MX", "IN"));
        int fast = 0;
        for (String region : regions) {
            PhoneNumbers phones = new PhoneNumbers(region);
            for (int i = 0; i < 20_000; i++) {
                String national = randomNational(random);
                String digits = switch (i % 6) {
                    case 0 -> national;
                    case 1 -> "1" + national;
                    case 2 -> "+1" + national;
                    // what the fast path must leave alone: other lengths, other leading digits, other codes
                    case 3 -> national.substring(0, 9 - random.nextInt(3));
                    case 4 -> random.nextInt(10) + national;
                    default -> "+" + (2 + random.nextInt(8)) + national;
                };
                String mine = phones.northAmerican(digits);
                if (mine == null) {
                    continue;
                }
                fast++;
                PhoneNumber expected;
                try {
                    expected = UTIL.parse(digits, region);
                } catch (NumberParseException e) {
                    throw new AssertionError(digits + " in " + region + " is not a number to the library", e);
                }
                assertThat(new PhoneNumber().setCountryCode(1).setNationalNumber(Long.parseLong(mine))
                        .exactlySameAs(expected)).as("%s in %s: %s (seed %s)", digits, region, expected, SEED)
                        .isTrue();
            }
        }
        assertThat(fast).isGreaterThan(250_000);
    }

    @Test
    void agreesWithTheLibraryOnMutatedNumbersAsACrmWritesThem() {
        Random random = new Random(SEED + 2);
        List<String> examples = northAmericanExamples();
        int valid = 0;
        int total = 0;
        for (String region : List.of("US", "CA", "JM", "GB")) {
            PhoneNumbers phones = new PhoneNumbers(region);
            for (int i = 0; i < 60_000; i++) {
                String national = i % 3 == 0 ? randomNational(random)
                        : mutate(examples.get(random.nextInt(examples.size())), random);
                String raw = switch (i % 5) {
                    case 0 -> "(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-"
                            + national.substring(6);
                    case 1 -> "+1 " + national.substring(0, 3) + " " + national.substring(3, 6) + " "
                            + national.substring(6);
                    case 2 -> national.substring(0, 3) + "." + national.substring(3, 6) + "." + national.substring(6);
                    case 3 -> "1-" + national;
                    default -> national;
                };
                PhoneNumbers.Parsed expected = reference(raw, region);
                assertThat(phones.parse(raw)).as("%s in %s (seed %s)", raw, region, SEED).isEqualTo(expected);
                valid += expected == null ? 0 : 1;
                total++;
            }
        }
        assertThat(valid).isBetween(total / 10, total - total / 10);
    }

    /** Ten digits, the first 2 to 9: the shape of a North American national number. */
    private static String randomNational(Random random) {
        StringBuilder digits = new StringBuilder().append((char) ('2' + random.nextInt(8)));
        for (int i = 1; i < 10; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** One or two digits of a number changed (never the first to 0 or 1). */
    private static String mutate(String national, Random random) {
        char[] digits = national.toCharArray();
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            int at = random.nextInt(digits.length);
            digits[at] = (char) ((at == 0 ? '2' + random.nextInt(8) : '0' + random.nextInt(10)));
        }
        return new String(digits);
    }

    /** The ten-digit example numbers libphonenumber has for every region of code 1 and every type. */
    private static List<String> northAmericanExamples() {
        List<String> examples = new ArrayList<>();
        for (String region : UTIL.getRegionCodesForCountryCode(1)) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                // the ten-digit ones (a few types have short numbers)
                if (example != null && UTIL.getNationalSignificantNumber(example).matches("[2-9][0-9]{9}")) {
                    examples.add(UTIL.getNationalSignificantNumber(example));
                }
            }
        }
        assertThat(examples).hasSizeGreaterThan(100);
        return examples;
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
