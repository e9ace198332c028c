package io.outboundsync.contacts.checks;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.prefixmapper.PrefixTimeZonesMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The first time zone libphonenumber's {@code PhoneNumberToTimeZonesMapper.getTimeZonesForGeographicalNumber} gives
 * a geographical number of country code 1, from the mapper's own data file. The mapper finds the longest prefix of
 * {@code 1} and the national number that its table holds, trying every prefix length any country has, through a
 * sorted set it counts on each try; for North America the table's prefixes are at most seven digits ({@code 1},
 * the area code, the exchange), so this class keeps those prefixes in a hash table and tries lengths 7 down to 1.
 * {@code PhoneNumbersTest} holds it to the mapper's answer.
 */
final class NorthAmericanZones {

    /** Where the mapper reads its table from (its {@code MAPPING_DATA_DIRECTORY} and file name). */
    private static final String DATA = "/com/google/i18n/phonenumbers/timezones/data/map_data";
    private static final int LONGEST = 7;

    /** Prefix (starting with 1, at most 7 digits) to the first zone the mapper lists for it. */
    private final Map<Integer, String> zones;

    private NorthAmericanZones(Map<Integer, String> zones) {
        this.zones = zones;
    }

    /** The table, read once on first use; null if it cannot be. */
    static NorthAmericanZones get() {
        return Loaded.INSTANCE;
    }

    /**
     * Loaded on first use (the holder idiom: the class initialiser runs once, thread-safely); null when the
     * library's data is not what this class reads, and then numbers go the library's own way.
     */
    private static final class Loaded {
        static final NorthAmericanZones INSTANCE = loadOrNull();
    }

    private static NorthAmericanZones loadOrNull() {
        try {
            return load();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(NorthAmericanZones.class).warn("The time-zone table for North American numbers could not"
                    + " be made ({}); those numbers go through libphonenumber itself, correct but slower.",
                    e.getMessage());
            return null;
        }
    }

    /**
     * The zone of the geographical number +1 {@code national} (ten digits), or null when the mapper knows none.
     */
    String zone(String national) {
        // 1 and the first six digits: the longest prefix the table has
        int prefix = 1_000_000 + Integer.parseInt(national, 0, LONGEST - 1, 10);
        for (int length = LONGEST; length >= 1; length--, prefix /= 10) {
            String zone = zones.get(prefix);
            if (zone != null) {
                return zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()) ? null : zone;
            }
        }
        return null;
    }

    /**
     * The mapper's table, read as the mapper reads it ({@code PrefixTimeZonesMap.readExternal}); its entries come
     * out of its {@code toString} ({@code prefix|zone&zone...}, one a line), the only public view of them.
     */
    private static NorthAmericanZones load() {
        PrefixTimeZonesMap map = new PrefixTimeZonesMap();
        try (InputStream in = PrefixTimeZonesMap.class.getResourceAsStream(DATA);
                ObjectInputStream objects = new ObjectInputStream(in)) {
            map.readExternal(objects);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("libphonenumber's time-zone table " + DATA + " cannot be read", e);
        }
        Map<Integer, String> zones = new HashMap<>();
        for (String line : map.toString().split("\n")) {
            int bar = line.indexOf('|');
            if (bar <= 0 || line.charAt(0) != '1') {
                continue;
            }
            if (bar > LONGEST) {
                throw new IllegalStateException("libphonenumber's time-zone table has a North American prefix longer"
                        + " than " + LONGEST + " digits: " + line.substring(0, bar));
            }
            int amp = line.indexOf('&', bar);
            zones.put(Integer.parseInt(line, 0, bar, 10), line.substring(bar + 1, amp < 0 ? line.length() : amp));
        }
        if (!zones.containsKey(1)) {
            throw new IllegalStateException("libphonenumber's time-zone table has no entry for country code 1");
        }
        return new NorthAmericanZones(Map.copyOf(zones));
    }
}
