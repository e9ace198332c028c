package io.outboundsync.contacts;

import java.util.List;

/**
 * A row after mapping and checks: accepted (no reasons) with its contact id, its values in contact-list column
 * order, its phone numbers and a hash of what would be sent; or rejected with every reason that applies. A row
 * recognised as the one Genesys acknowledged ({@link #recognised()}) was not checked again: it has no values, only
 * its contact id, first phone number and the ledger's hash.
 *
 * @param row       the row's number in the file (1 = the first row after the header)
 * @param externalId the identity as given, for the rejects file (null when absent)
 * @param contactId the Genesys contact id (null when rejected for its identity)
 * @param values    the contact list values, one per list column (null: no value); null when recognised
 * @param phones    the row's phone numbers in E.164 (only the first when recognised)
 * @param reasons   why it was rejected; empty when accepted
 * @param details   a line per reason, naming the column, never the value
 * @param hash      {@link RowNormaliser#rowHash} of the values when accepted, else null
 * @param rowKey    {@link RowNormaliser#rowKey} of the source values, or null
 * @param known     what the ledger holds for the contact, or null when it was not looked up yet
 */
public record NormalisedRow(long row, String externalId, String contactId, String[] values, List<String> phones,
        List<Reason> reasons, List<String> details, byte[] hash, byte[] rowKey, Known known) {

    /**
     * What the ledger holds for a row's contact while it is callable.
     *
     * @param hash    the hash of the values Genesys acknowledged; null when the ledger has none
     * @param sameRow whether those values came from a row with this row's {@link #rowKey()}
     */
    public record Known(byte[] hash, boolean sameRow) {

    public     static final Known NOTHING = new Known(null, false);
    }

    public NormalisedRow(long row, String externalId, String contactId, String[] values, List<String> phones,
            List<Reason> reasons, List<String> details, byte[] hash) {
        this(row, externalId, contactId, values, phones, reasons, details, hash, null, null);
    }

    /** A row whose key the ledger holds for its contact: accepted and unchanged, without checks. */
    public static NormalisedRow recognised(long row, String externalId, String contactId, String firstPhone, byte[] hash,
            byte[] rowKey) {
        return new NormalisedRow(row, externalId, contactId, null, firstPhone == null ? List.of()
                : List.of(firstPhone), List.of(), List.of(), hash, rowKey, new Known(hash, true));
    }

    public boolean accepted() {
        return reasons.isEmpty();
    }

    /** Whether it was recognised as the row Genesys acknowledged, without checks. */
    public boolean recognised() {
        return known != null && known.sameRow();
    }

    /** The same row with its key and what the ledger holds for its contact (null: not looked up). */
    public NormalisedRow withKey(byte[] key, Known found) {
        return new NormalisedRow(row, externalId, contactId, values, phones, reasons, details, hash, key, found);
    }

    /** The same row rejected after its checks, for one reason (a duplicate, a contact Genesys refused). */
    public NormalisedRow rejected(Reason reason, String detail) {
        return new NormalisedRow(row, externalId, contactId, values, phones, List.of(reason), List.of(detail), null);
    }
}
