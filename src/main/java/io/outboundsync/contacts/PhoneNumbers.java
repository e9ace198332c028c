package io.outboundsync.contacts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/** Phone numbers the libphonenumber way: parsed in a default region, validated, written as E.164. */
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
            PhoneNumber number = UTIL.parse(raw, defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return null;
            }
            return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), timeZone(number));
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The E.164 form, or null; for lists of numbers such as the internal do-not-call file. */
    public String e164(String raw) {
        Parsed parsed = parse(raw);
        return parsed == null ? null : parsed.e164();
    }

    private static String timeZone(PhoneNumber number) {
        List<String> zones = ZONES.getTimeZonesForNumber(number);
        if (zones.isEmpty() || zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            return null;
        }
        return zones.get(0);
    }
}
