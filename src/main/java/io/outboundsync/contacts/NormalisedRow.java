package io.outboundsync.contacts;

import java.util.List;

/**
 * A row after mapping and checks: accepted (no reasons) with its contact id, its values in contact-list column
 * order, its phone numbers and a hash of what would be sent; or rejected with every reason that applies.
 *
 * @param row       the row's number in the file (1 = the first row after the header)
 * @param externalId the identity as given, for the rejects file (null when absent)
 * @param contactId the Genesys contact id (null when rejected for its identity)
 * @param values    the contact list values, one per list column (null: no value)
 * @param phones    the row's phone numbers in E.164
 * @param reasons   why it was rejected; empty when accepted
 * @param details   a line per reason, naming the column, never the value
 * @param hash      {@link RowNormaliser#rowHash} of the values when accepted, else null
 */
public record NormalisedRow(long row, String externalId, String contactId, String[] values, List<String> phones,
        List<Reason> reasons, List<String> details, byte[] hash) {

    public boolean accepted() {
        return reasons.isEmpty();
    }

    /** The same row rejected after its checks, for one reason (a duplicate, a contact Genesys refused). */
    public NormalisedRow rejected(Reason reason, String detail) {
        return new NormalisedRow(row, externalId, contactId, values, phones, List.of(reason), List.of(detail), null);
    }
}
