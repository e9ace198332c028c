package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A contact Genesys has that the CRM now says must not be called: its consent is absent or withdrawn, or it asks
 * not to be called (its flag, or its number on the internal do-not-call file). It is made uncallable in Genesys
 * ({@code callable: false}, with its data columns updated) and its numbers go on the list's internal DNC list.
 *
 * @param contactId the Genesys contact id
 * @param values    what is sent as its data: the row's values where it has them, else what Genesys has; the
 *                  consent column says false when the row left it empty
 * @param phones    the numbers to put on the DNC list: the row's and those Genesys has for the contact (E.164)
 * @param reasons   why, as the row's reject codes that withdraw
 */
public record Withdrawal(String contactId, String[] values, List<String> phones, List<Reason> reasons) {

    /** The reject codes that mean a person must not be called. */
    private static final Set<Reason> WITHDRAWING = EnumSet.of(Reason.CONSENT_MISSING, Reason.DNC_CONSENT_CONFLICT,
            Reason.ON_DNC);

    /** Whether a rejected row says its contact must not be called (whatever else is wrong with it). */
    public static boolean withdraws(NormalisedRow row) {
        if (row.contactId() == null || row.values() == null) {
            return false;
        }
        for (Reason reason : row.reasons()) {
            if (WITHDRAWING.contains(reason)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The withdrawal a row makes of a contact Genesys has.
     *
     * @param acknowledged the values Genesys last acknowledged for the contact, one per list column
     * @param consentIndex the consent column's index, or -1
     * @param phoneIndexes the phone columns' indexes
     */
    public static Withdrawal of(NormalisedRow row, String[] acknowledged, int consentIndex, int[] phoneIndexes) {
        String[] values = row.values().clone();
        for (int i = 0; i < values.length && i < acknowledged.length; i++) {
            if (values[i] == null && i != consentIndex) {
                values[i] = acknowledged[i];
            }
        }
        if (consentIndex >= 0 && values[consentIndex] == null) {
            values[consentIndex] = "false";
        }
        Set<String> phones = new LinkedHashSet<>(row.phones());
        for (int index : phoneIndexes) {
            if (index < acknowledged.length && acknowledged[index] != null && acknowledged[index].startsWith("+")) {
                phones.add(acknowledged[index]);
            }
        }
        return new Withdrawal(row.contactId(), values, List.copyOf(phones), row.reasons().stream()
                .filter(WITHDRAWING::contains).toList());
    }
}
