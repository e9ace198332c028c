package io.outboundsync.contacts.checks;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * libphonenumber's {@code getNumberType} for numbers of country calling code 1 (the North American Numbering Plan),
 * on the library's own metadata, with its patterns compiled to finite automata. libphonenumber matches each
 * number against the long area-code alternations of every NANP region with {@code java.util.regex}, which is most of
 * the cost of checking a row; an automaton decides the same pattern in one pass over the ten digits.
 *
 * <p>The steps are the library's ({@code getRegionCodeForNumberFromRegionList}, {@code getNumberTypeHelper},
 * {@code isNumberMatchingDesc}): the regions of code 1 in the library's order, each by its leading digits when it has
 * them, else by whether the number has a type there; then the type in that region, desc by desc in the library's
 * order, each a possible-length check and a full match. {@code PhoneNumbersTest} holds it to the library's verdict.
 */
public final class NorthAmericanTypes {

    /** What libphonenumber's patterns are made of, and nothing the automaton syntax reads otherwise. */
    private static final Pattern PLAIN = Pattern.compile("[0-9\\[\\]()|?{},-]*");

    /** One {@code PhoneNumberDesc}: its possible lengths (empty: any) and its pattern (null: matches nothing). */
    private record Desc(Set<Integer> lengths, RunAutomaton pattern) {
        boolean matches(String national) {
            return pattern != null && (lengths.isEmpty() || lengths.contains(national.length()))
                    && pattern.run(national);
        }
    }

    private record Region(RunAutomaton leadingDigits, Desc general, Desc[] special, PhoneNumberType[] specialTypes,
            Desc fixedLine, Desc mobile, boolean sameMobileAndFixedLine) {

        /** {@code getNumberTypeHelper}. */
        PhoneNumberType type(String national) {
            if (!general.matches(national)) {
                return PhoneNumberType.UNKNOWN;
            }
            for (int i = 0; i < special.length; i++) {
                if (special[i].matches(national)) {
                    return specialTypes[i];
                }
            }
            if (fixedLine.matches(national)) {
                return sameMobileAndFixedLine || mobile.matches(national) ? PhoneNumberType.FIXED_LINE_OR_MOBILE
                        : PhoneNumberType.FIXED_LINE;
            }
            return !sameMobileAndFixedLine && mobile.matches(national) ? PhoneNumberType.MOBILE
                    : PhoneNumberType.UNKNOWN;
        }
    }

    /** The descs {@code getNumberTypeHelper} tries before the fixed-line and mobile ones, in its order. */
    private static final PhoneNumberType[] SPECIAL = {PhoneNumberType.PREMIUM_RATE, PhoneNumberType.TOLL_FREE,
        PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER,
        PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL};

    private final List<Region> regions;

    private NorthAmericanTypes(List<Region> regions) {
        this.regions = regions;
    }

    /**
     * Starts building the automata on a background thread, so a process that will read North American numbers has
     * them by its first row (building takes most of a second of one core).
     */
    public static void warmUp() {
        Thread builder = new Thread(NorthAmericanTypes::get, "phone-automata");
        builder.setDaemon(true);
        builder.start();
    }

    /** The automata of every region of code 1, built once (most of a second) on first use; null if they cannot be. */
    static NorthAmericanTypes get() {
        return Loaded.INSTANCE;
    }

    /**
     * Loaded on first use (the holder idiom: the class initialiser runs once, thread-safely); null when the
     * library's data is not what this class reads, and then numbers go the library's own way.
     */
    private static final class Loaded {
        static final NorthAmericanTypes INSTANCE = loadOrNull();
    }

    private static NorthAmericanTypes loadOrNull() {
        try {
            return load();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(NorthAmericanTypes.class).warn("The pattern automata for North American numbers could not"
                    + " be made ({}); those numbers go through libphonenumber itself, correct but slower.",
                    e.getMessage());
            return null;
        }
    }

    /**
     * The type libphonenumber gives the number +1 {@code national}, for a national number of ten digits that does
     * not start with 0 (what {@code getNationalSignificantNumber} gives for such a number).
     */
    PhoneNumberType type(String national) {
        for (Region region : regions) {
            if (region.leadingDigits() != null) {
                if (region.leadingDigits().run(national)) {
                    return region.type(national);
                }
            } else {
                PhoneNumberType type = region.type(national);
                if (type != PhoneNumberType.UNKNOWN) {
                    return type;
                }
            }
        }
        // no region: getNumberType finds no metadata
        return PhoneNumberType.UNKNOWN;
    }

    private static NorthAmericanTypes load() {
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        List<Region> regions = new ArrayList<>();
        for (String code : PhoneNumberUtil.getInstance().getRegionCodesForCountryCode(1)) {
            PhoneMetadata metadata = source.getMetadataForRegion(code);
            Desc[] special = new Desc[SPECIAL.length];
            special[0] = desc(metadata.getPremiumRate());
            special[1] = desc(metadata.getTollFree());
            special[2] = desc(metadata.getSharedCost());
            special[3] = desc(metadata.getVoip());
            special[4] = desc(metadata.getPersonalNumber());
            special[5] = desc(metadata.getPager());
            special[6] = desc(metadata.getUan());
            special[7] = desc(metadata.getVoicemail());
            RunAutomaton leading = metadata.hasLeadingDigits()
                    // lookingAt: the pattern matches a prefix of the number
                    ? run(automaton(metadata.getLeadingDigits()).concatenate(Automaton.makeAnyString()))
                    : null;
            regions.add(new Region(leading, desc(metadata.getGeneralDesc()), special, SPECIAL,
                    desc(metadata.getFixedLine()), desc(metadata.getMobile()),
                    metadata.getSameMobileAndFixedLinePattern()));
        }
        return new NorthAmericanTypes(List.copyOf(regions));
    }

    private static Desc desc(PhoneNumberDesc desc) {
        Set<Integer> lengths = new TreeSet<>(desc.getPossibleLengthList());
        String pattern = desc.getNationalNumberPattern();
        return new Desc(Set.copyOf(lengths), pattern.isEmpty() ? null : run(automaton(pattern)));
    }

    /**
     * The automaton to run, without the table brics builds by default to classify any char in one step: a 64K-entry
     * array per automaton, 256 KB each, 64 MB for the few hundred patterns here (measured: it held half the 128 MB heap
     * of bench/contacts-memory.sh). Over ten digits the class is found by a binary search of a dozen points.
     */
    private static RunAutomaton run(Automaton automaton) {
        return new RunAutomaton(automaton, false);
    }

    /**
     * A libphonenumber pattern as an automaton: its non-capturing groups as groups, {@code \d} as {@code [0-9]}. A
     * pattern with anything else in it is refused (the library would have changed what its patterns use).
     */
    static Automaton automaton(String pattern) {
        String translated = pattern.replace("(?:", "(").replace("\\d", "[0-9]");
        if (!PLAIN.matcher(translated).matches()) {
            throw new IllegalStateException("a libphonenumber pattern with syntax this class does not translate: "
                    + pattern);
        }
        return new RegExp(translated, RegExp.NONE).toAutomaton(); // minimised
    }
}
