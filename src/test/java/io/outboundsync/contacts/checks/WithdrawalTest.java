package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rejected rows withdraw a contact, and what is sent for it: a table of rows and verdicts. */
class WithdrawalTest {

    // columns: 0 id, 1 phone, 2 email, 3 consent, 4 doNotCall
    private static final int CONSENT = 3;
    private static final int[] PHONES = {1};

    private static NormalisedRow rejected(String id, String[] values, List<String> phones, Reason... reasons) {
        return new NormalisedRow(7, id, id, values, phones, List.of(reasons), List.of(), null);
    }

    @Test
    void theReasonsThatMeanDoNotCallWithdrawTheOthersDoNot() {
        String[] values = {"CRM-1", "+13172014455", null, "false", "false"};
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.CONSENT_MISSING))).isTrue();
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.DNC_CONSENT_CONFLICT))).isTrue();
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.ON_DNC))).isTrue();
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.PHONE_INVALID,
                Reason.CONSENT_MISSING))).isTrue();
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.PHONE_INVALID))).isFalse();
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.EMAIL_INVALID))).isFalse();
        assertThat(Withdrawal.withdraws(rejected("CRM-1", values, List.of(), Reason.DUPLICATE_IN_DROP))).isFalse();
        assertThat(Withdrawal.withdraws(rejected(null, values, List.of(), Reason.CONSENT_MISSING))).isFalse();
    }

    @Test
    void theRowsValuesWinWhatItLacksComesFromGenesysAndEmptyConsentIsSentAsFalse() {
        String[] acknowledged = {"CRM-1", "+13172014455", "ana@example.com", "true", "false"};
        // the phone did not parse, the consent column was left empty
        NormalisedRow row = rejected("CRM-1", new String[] {"CRM-1", null, "new@example.com", null, "false"},
                List.of(), Reason.PHONE_INVALID, Reason.CONSENT_MISSING);

        Withdrawal withdrawal = Withdrawal.of(row, acknowledged, CONSENT, PHONES);

        assertThat(withdrawal.values()).containsExactly("CRM-1", "+13172014455", "new@example.com", "false",
                "false");
        assertThat(withdrawal.phones()).containsExactly("+13172014455");
        assertThat(withdrawal.reasons()).containsExactly(Reason.CONSENT_MISSING);
    }

    @Test
    void boththeNewNumberAndTheOneGenesysHasGoOnTheDncList() {
        String[] acknowledged = {"CRM-1", "+13172014455", null, "true", "false"};
        NormalisedRow row = rejected("CRM-1", new String[] {"CRM-1", "+13172019999", null, "true", "true"},
                List.of("+13172019999"), Reason.DNC_CONSENT_CONFLICT);

        Withdrawal withdrawal = Withdrawal.of(row, acknowledged, CONSENT, PHONES);

        assertThat(withdrawal.phones()).containsExactly("+13172019999", "+13172014455");
        assertThat(withdrawal.values()[4]).isEqualTo("true");
    }
}
