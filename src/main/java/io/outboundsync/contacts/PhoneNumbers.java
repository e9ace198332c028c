package io.outboundsync.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/**
 * Phone numbers the libphonenumber way: parsed in a default region, validated, written as E.164.
 *
 * <p>This is the costliest step of a drop (about two thirds of checking a row), so each number's type is looked up
 * once: {@code isValidNumber} and the time-zone mapper would each look it up again, and a number is valid exactly
 * when its type is known ({@code isValidNumber} and {@code getNumberType} run the same region and pattern checks).
 */
public final class PhoneNumbers {

    /** A parsed number: its E.164 form and its IANA time zone (null when the number has none of its own). */
    public record Parsed(String e164, String timeZone) {
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The number in E.164 with its time zone, or null when it is not a valid number. */
    public Parsed parse(String raw) {
        try {
            PhoneNumber number = UTIL.parse(digitsOnly(raw), defaultRegion);
            PhoneNumberType type = UTIL.getNumberType(number);
            if (type == PhoneNumberType.UNKNOWN) {
                return null;
            }
            return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), timeZone(number, type));
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The E.164 form, or null; for lists of numbers such as the internal do-not-call file. */
    public String e164(String raw) {
        Parsed parsed = parse(raw);
        return parsed == null ? null : parsed.e164();
    }

    /**
     * The common spellings ({@code (317) 200-0004}, {@code +1 317.200.0004}) as bare digits, with the leading plus:
     * libphonenumber drops this punctuation itself, but its patterns take about a fifth less time over the short form.
     * Anything else (letters, extensions, {@code tel:} URIs, other scripts' digits) is passed on as it came.
     */
    static String digitsOnly(String raw) {
        StringBuilder digits = null;
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits != null) {
                    digits.append(c);
                }
                continue;
            }
            boolean leadingPlus = c == '+' && raw.substring(0, i).isBlank();
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && !leadingPlus) {
                return raw;
            }
            if (digits == null) {
                digits = new StringBuilder(n);
                for (int j = 0; j < i; j++) {
                    char d = raw.charAt(j);
                    if (d >= '0' && d <= '9') {
                        digits.append(d);
                    }
                }
            }
            if (leadingPlus) {
                digits.append('+');
            }
        }
        return digits == null ? raw : digits.toString();
    }

    /** What {@code PhoneNumberToTimeZonesMapper.getTimeZonesForNumber} gives, without a second type lookup. */
    private static String timeZone(PhoneNumber number, PhoneNumberType type) {
        List<String> zones = UTIL.isNumberGeographical(type, number.getCountryCode())
                ? ZONES.getTimeZonesForGeographicalNumber(number) : ZONES.getTimeZonesForNumber(number);
        if (zones.isEmpty() || zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            return null;
        }
        return zones.get(0);
    }
}
