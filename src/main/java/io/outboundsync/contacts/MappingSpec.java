package io.outboundsync.contacts;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a campaign's CRM export becomes contact list rows.
 *
 * @param fields          CRM columns mapped onto list columns
 * @param identity        the list columns whose values identify a contact (its Genesys contact id)
 * @param defaultRegion   the region phone numbers without a country code belong to (ISO 3166, e.g. US)
 * @param consentColumn   the list column holding consent, or null
 * @param requireConsent  whether a row without consent is refused ({@code CONSENT_MISSING})
 * @param doNotCallColumn the list column holding the do-not-call flag, or null
 * @param trueSpellings   spellings read as true (lower case)
 * @param falseSpellings  spellings read as false (lower case)
 * @param trim            whether values are trimmed
 * @param dncFile         a file of phone numbers on the internal do-not-call list, or null
 * @param delimiter       the CSV delimiter, or 0 to detect {@code ,} or {@code ;}
 */
public record MappingSpec(List<FieldSpec> fields, List<String> identity, String defaultRegion, String consentColumn,
        boolean requireConsent, String doNotCallColumn, Set<String> trueSpellings, Set<String> falseSpellings,
        boolean trim, Path dncFile, char delimiter) {

    public static final Set<String> DEFAULT_TRUE = Set.of("true", "yes", "y", "1");
    public static final Set<String> DEFAULT_FALSE = Set.of("false", "no", "n", "0");
}
