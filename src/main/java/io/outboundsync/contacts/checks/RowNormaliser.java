package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.FieldType;
import io.outboundsync.contacts.MappingSpec;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
    private final int[] identityIndex;
    private final int consentIndex;
    private final int doNotCallIndex;
    /** For each list column that gets a time zone: its index and the index of its phone column. */
    private final int[][] timeZones;
    /** For each identity column, the mapped field that fills it; null when one is not a plain text field. */
    private final int[] identityFields;
    /** A SHA-256 fed with the {@link VerdictInputs#fingerprint}, cloned for each {@link #rowKey}. */
    private final MessageDigest verdictInputs;
    /** The detail of a value that is not a yes/no spelling, the spellings sorted (a set's order varies by run). */
    private final String booleanSpellings;

    public RowNormaliser(MappingSpec mapping, ContactListSpec list, DncNumbers dnc) {
        this.mapping = mapping;
        this.list = list;
        this.phones = new PhoneNumbers(mapping.defaultRegion());
        this.dnc = dnc;
        this.targetIndex = mapping.fields().stream().mapToInt(f -> list.columns().indexOf(f.column())).toArray();
        this.identityIndex = mapping.identity().stream().mapToInt(c -> list.columns().indexOf(c)).toArray();
        this.consentIndex = mapping.consentColumn() == null ? -1 : list.columns().indexOf(mapping.consentColumn());
        this.doNotCallIndex = mapping.doNotCallColumn() == null ? -1
                : list.columns().indexOf(mapping.doNotCallColumn());
        this.timeZones = list.phoneColumns().stream().filter(p -> p.timeZoneColumn() != null)
                .map(p -> new int[] {list.columns().indexOf(p.timeZoneColumn()), list.columns().indexOf(p.column())})
                .toArray(int[][]::new);
        this.identityFields = identityFields(mapping, targetIndex, identityIndex);
        this.booleanSpellings = ": not a yes/no value (" + String.join("/", new java.util.TreeSet<>(
                mapping.trueSpellings())) + " or " + String.join("/", new java.util.TreeSet<>(
                mapping.falseSpellings())) + ")";
        this.verdictInputs = VerdictInputs.sha256();
        this.verdictInputs.update(VerdictInputs.fingerprint(mapping, list, dnc));
    }

    private static int[] identityFields(MappingSpec mapping, int[] targetIndex, int[] identityIndex) {
        int[] fields = new int[identityIndex.length];
        for (int i = 0; i < identityIndex.length; i++) {
            fields[i] = -1;
            for (int f = 0; f < targetIndex.length; f++) {
                if (targetIndex[f] == identityIndex[i]) {
                    if (fields[i] >= 0 || mapping.fields().get(f).type() != FieldType.TEXT) {
                        return null;
                    }
                    fields[i] = f;
                }
            }
            if (fields[i] < 0) {
                return null;
            }
        }
        return fields;
    }

    /**
     * A 128-bit key of a row's source values together with everything else that decides its verdict
     * ({@link VerdictInputs}): two rows with the same key are checked alike, so a row whose key the ledger holds for
     * its contact is the row Genesys acknowledged, and need not be checked again.
     */
    public byte[] rowKey(String[] source) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) verdictInputs.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned here", e);
        }
        KeyBytes bytes = KEY_BYTES.get();
        bytes.length = 0;
        for (String value : source) {
            bytes.add(value);
        }
        sha.update(bytes.buffer, 0, bytes.length);
        return java.util.Arrays.copyOf(sha.digest(), 16);
    }

    private static final ThreadLocal<KeyBytes> KEY_BYTES = ThreadLocal.withInitial(KeyBytes::new);

    /**
     * A row's values as the row key hashes them, in a buffer each checking thread reuses: per value a 0 (absent),
     * or a 1, its UTF-8 length in four bytes and its UTF-8 bytes.
     */
    private static final class KeyBytes {
        byte[] buffer = new byte[1024];
        int length;

        void add(String value) {
            if (value == null) {
                room(1);
                buffer[length++] = 0;
                return;
            }
            int n = value.length();
            room(5 + n);
            int at = length + 5;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    at = -1;
                    break;
                }
                buffer[at++] = (byte) c;
            }
            byte[] utf8 = null;
            int size = n;
            if (at < 0) {
                utf8 = value.getBytes(StandardCharsets.UTF_8);
                size = utf8.length;
                room(5 + size);
            }
            buffer[length] = 1;
            buffer[length + 1] = (byte) (size >>> 24);
            buffer[length + 2] = (byte) (size >>> 16);
            buffer[length + 3] = (byte) (size >>> 8);
            buffer[length + 4] = (byte) size;
            if (utf8 != null) {
                System.arraycopy(utf8, 0, buffer, length + 5, size);
            }
            length += 5 + size;
        }

        private void room(int more) {
            if (length + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }

    /**
     * The contact id {@link #normalise} gives a row, worked out from its identity alone where the identity columns
     * are plain text fields (trimmed as configured); null otherwise, or when the identity is not usable. Used only
     * to look the row up in the ledger before its checks: a wrong guess there finds no entry with the row's key.
     */
    public String contactIdOf(String[] source) {
        if (identityFields == null) {
            return null;
        }
        String[] values = new String[list.columns().size()];
        for (int i = 0; i < identityFields.length; i++) {
            String raw = source[identityFields[i]];
            if (raw != null && mapping.trim()) {
                raw = raw.strip();
            }
            if (raw == null || raw.isEmpty() || raw.length() > MAX_VALUE_LENGTH) {
                return null;
            }
            values[identityIndex[i]] = raw;
        }
        return contactId(values);
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
                } else if (field.required() && !isIdentity(targetIndex[f])) {
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
        String contactId = contactId(values);
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

    /** Whether a value can be a Genesys contact id as it is: 1 to 128 of {@code A-Z a-z 0-9 . _ ~ -}. */
    static boolean usableAsContactId(String value) {
        int n = value.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '~' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private boolean isIdentity(int column) {
        for (int index : identityIndex) {
            if (index == column) {
                return true;
            }
        }
        return false;
    }

    /** The contact id: the identity value itself when it is one usable value, else a hash of the values. */
    private String contactId(String[] values) {
        if (identityIndex.length == 1) {
            String value = values[identityIndex[0]];
            return value != null && usableAsContactId(value) ? value : null;
        }
        StringBuilder joined = new StringBuilder();
        for (int index : identityIndex) {
            if (values[index] == null) {
                return null;
            }
            joined.append(values[index]).append('\u0001');
        }
        return sha256(joined.toString()).substring(0, 32);
    }

    /** The identity as the CRM gave it (trimmed), for the rejects file; null when absent. */
    public String externalIdOf(String[] source) {
        StringBuilder text = new StringBuilder();
        for (int f = 0; f < mapping.fields().size(); f++) {
            if (isIdentity(targetIndex[f]) && source[f] != null && !source[f].isBlank()) {
                if (text.length() > 0) {
                    text.append('|');
                }
                text.append(source[f].strip());
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
