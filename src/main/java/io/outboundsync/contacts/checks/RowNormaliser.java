package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.FieldType;
import io.outboundsync.contacts.MappingSpec;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps one CRM row onto the contact list's columns and checks it: identity, phones (E.164 in the default region),
 * e-mail, booleans, numbers, lengths, consent and do-not-call. Collects every reason that applies. Thread-safe:
 * rows are checked on several cores at once.
 */
public final class RowNormaliser {

    /** The longest value Genesys stores in a contact column. */
    public static final int MAX_VALUE_LENGTH = 512;

    private final MappingSpec mapping;
    private final ContactListSpec list;
    private final PhoneNumbers phones;
    private final DncNumbers dnc;
    private final EmailAddresses emails = new EmailAddresses();
    private final int[] targetIndex;
    private final ContactIdentity identity;
    private final int consentIndex;
    private final int doNotCallIndex;
    /** For each list column that gets a time zone: its index and the index of its phone column. */
    private final int[][] timeZones;
    private final RowKeys rowKeys;
    private final byte[] verdictInputs;
    /** The detail of a value that is not a yes/no spelling, the spellings sorted (a set's order varies by run). */
    private final String booleanSpellings;

    public RowNormaliser(MappingSpec mapping, ContactListSpec list, DncNumbers dnc) {
        this.mapping = mapping;
        this.list = list;
        this.phones = new PhoneNumbers(mapping.defaultRegion());
        this.dnc = dnc;
        this.targetIndex = mapping.fields().stream().mapToInt(f -> list.columns().indexOf(f.column())).toArray();
        this.identity = new ContactIdentity(mapping, list, targetIndex);
        this.consentIndex = mapping.consentColumn() == null ? -1 : list.columns().indexOf(mapping.consentColumn());
        this.doNotCallIndex = mapping.doNotCallColumn() == null ? -1
                : list.columns().indexOf(mapping.doNotCallColumn());
        this.timeZones = list.phoneColumns().stream().filter(p -> p.timeZoneColumn() != null)
                .map(p -> new int[] {list.columns().indexOf(p.timeZoneColumn()), list.columns().indexOf(p.column())})
                .toArray(int[][]::new);
        this.booleanSpellings = ": not a yes/no value (" + String.join("/", new java.util.TreeSet<>(
                mapping.trueSpellings())) + " or " + String.join("/", new java.util.TreeSet<>(
                mapping.falseSpellings())) + ")";
        this.verdictInputs = VerdictInputs.fingerprint(mapping, list, dnc);
        this.rowKeys = new RowKeys(verdictInputs);
    }

    /** The SHA-256 of everything besides a row's own values that decides its verdict ({@link VerdictInputs}). */
    public byte[] verdictInputs() {
        return verdictInputs.clone();
    }

    /**
     * A 128-bit key of a row's source values together with everything else that decides its verdict
     * ({@link VerdictInputs}): a row whose key the ledger holds for its contact need not be checked again.
     */
    public byte[] rowKey(String[] source) {
        return rowKeys.of(source);
    }

    /**
     * The contact id {@link #normalise} gives a row, from its identity alone where the identity columns are plain
     * text fields; null otherwise (see {@link ContactIdentity#ofSource}).
     */
    public String contactIdOf(String[] source) {
        return identity.ofSource(source);
    }

    /** The identity as the CRM gave it (trimmed), for the rejects file; null when absent. */
    public String externalIdOf(String[] source) {
        return identity.external(source);
    }

    /** Whether a value can be a Genesys contact id as it is: 1 to 128 of {@code A-Z a-z 0-9 . _ ~ -}. */
    static boolean usableAsContactId(String value) {
        return ContactIdentity.usable(value);
    }

    /**
     * @param row    the row's number in the file
     * @param source the row's CRM values, one per mapped field in {@link MappingSpec#fields()} order (null: absent)
     */
    public NormalisedRow normalise(long row, String[] source) {
        Set<Reason> reasons = new LinkedHashSet<>();
        List<String> details = new ArrayList<>(2);
        String[] values = new String[list.columns().size()];
        String[] timeZoneOf = timeZones.length == 0 ? null : new String[list.columns().size()];
        List<String> e164s = new ArrayList<>(1);
        boolean anyPhone = false;
        boolean phoneRequiredMissing = false;
        for (int f = 0; f < mapping.fields().size(); f++) {
            FieldSpec field = mapping.fields().get(f);
            String raw = source[f];
            if (raw != null && mapping.trim()) {
                raw = raw.strip();
            }
            if (raw == null || raw.isEmpty()) {
                if (field.type() == FieldType.PHONE && field.required()) {
                    phoneRequiredMissing = true;
                } else if (field.required() && !identity.isIdentity(targetIndex[f])) {
                    reasons.add(Reason.MALFORMED_ROW);
                    details.add(field.source() + ": required but empty");
                }
                continue;
            }
            if (raw.length() > MAX_VALUE_LENGTH) {
                reasons.add(Reason.FIELD_TOO_LONG);
                details.add(field.source() + ": " + raw.length() + " characters (at most " + MAX_VALUE_LENGTH + ")");
                continue;
            }
            String value = switch (field.type()) {
                case TEXT -> raw;
                case PHONE -> {
                    anyPhone = true;
                    PhoneNumbers.Parsed parsed = phones.parse(raw);
                    if (parsed == null) {
                        reasons.add(Reason.PHONE_INVALID);
                        details.add(field.source() + ": not a valid phone number for region " + mapping.defaultRegion());
                        yield null;
                    }
                    e164s.add(parsed.e164());
                    if (timeZoneOf != null) {
                        timeZoneOf[targetIndex[f]] = parsed.timeZone();
                    }
                    yield parsed.e164();
                }
                case EMAIL -> {
                    String email = emails.normalise(raw);
                    if (email == null) {
                        reasons.add(Reason.EMAIL_INVALID);
                        details.add(field.source() + ": not a valid e-mail address");
                    }
                    yield email;
                }
                case BOOLEAN -> {
                    String spelling = raw.toLowerCase(Locale.ROOT);
                    if (mapping.trueSpellings().contains(spelling)) {
                        yield "true";
                    }
                    if (mapping.falseSpellings().contains(spelling)) {
                        yield "false";
                    }
                    reasons.add(Reason.MALFORMED_ROW);
                    details.add(field.source() + booleanSpellings);
                    yield null;
                }
                case NUMBER -> {
                    if (plainInteger(raw)) {
                        yield raw;
                    }
                    try {
                        yield new BigDecimal(raw).stripTrailingZeros().toPlainString();
                    } catch (NumberFormatException e) {
                        reasons.add(Reason.MALFORMED_ROW);
                        details.add(field.source() + ": not a number");
                        yield null;
                    }
                }
            };
            values[targetIndex[f]] = value;
        }
        if (phoneRequiredMissing || (!anyPhone && !reasons.contains(Reason.PHONE_INVALID))) {
            reasons.add(Reason.PHONE_MISSING);
            details.add("phone: no phone number");
        }
        for (int[] zone : timeZones) {
            if (values[zone[0]] == null && timeZoneOf[zone[1]] != null) {
                values[zone[0]] = timeZoneOf[zone[1]];
            }
        }
        compliance(values, e164s, reasons, details);
        String externalId = externalIdOf(source);
        String contactId = identity.of(values);
        if (contactId == null) {
            reasons.add(Reason.MISSING_EXTERNAL_ID);
            details.add(String.join("+", mapping.identity()) + ": missing or not usable as a contact id"
                    + " (letters, digits, . _ ~ - up to 128 characters)");
        }
        return new NormalisedRow(row, externalId, contactId, values, e164s, List.copyOf(reasons),
                List.copyOf(details), reasons.isEmpty() ? ContactKeys.rowHash(values) : null);
    }

    private void compliance(String[] values, List<String> e164s, Set<Reason> reasons, List<String> details) {
        boolean consent = consentIndex >= 0 && "true".equals(values[consentIndex]);
        boolean doNotCall = doNotCallIndex >= 0 && "true".equals(values[doNotCallIndex]);
        if (doNotCall) {
            reasons.add(consent ? Reason.DNC_CONSENT_CONFLICT : Reason.ON_DNC);
            details.add(consent ? mapping.doNotCallColumn() + " and " + mapping.consentColumn() + ": both set"
                    : mapping.doNotCallColumn() + ": set");
        }
        if (mapping.requireConsent() && !consent) {
            reasons.add(Reason.CONSENT_MISSING);
            details.add(mapping.consentColumn() + ": absent or false, and the campaign requires consent");
        }
        for (String e164 : e164s) {
            if (dnc.contains(e164)) {
                reasons.add(Reason.ON_DNC);
                details.add("phone: on the internal do-not-call list");
                break;
            }
        }
    }

    /**
     * Whether the text is a whole number written the way {@code new BigDecimal(raw).stripTrailingZeros()
     * .toPlainString()} writes it back ({@code 0}, or an optional minus and digits not starting with 0).
     */
    static boolean plainInteger(String raw) {
        int n = raw.length();
        int start = n > 1 && raw.charAt(0) == '-' ? 1 : 0;
        if (raw.charAt(start) == '0') {
            return n == 1;
        }
        for (int i = start; i < n; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
