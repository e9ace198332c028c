package io.outboundsync.contacts.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.model.WritableDialerContact;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.checks.Withdrawal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The add-contacts bodies, as the {@code genesys-add-contacts} route's camel-jackson marshal writes them (a plain
 * {@link ObjectMapper}, as camel-jackson's default), read by the official SDK's model (unknown fields fail).
 */
class DialerContactContractTest {

    private static final ObjectMapper CAMEL_JACKSON = new ObjectMapper();

    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final List<String> COLUMNS = List.of("externalId", "phone", "consent");

    private static List<WritableDialerContact> read(String body) throws Exception {
        return STRICT.readValue(body, new TypeReference<List<WritableDialerContact>>() { });
    }

    @Test
    void anUploadSendsCallableOnlyForContactsMadeCallableAgain() throws Exception {
        NormalisedRow ana = new NormalisedRow(1, "CRM-1", "CRM-1", new String[] {"CRM-1", "+13172014455", "true"},
                List.of("+13172014455"), List.of(), List.of(), new byte[16]);
        NormalisedRow ben = new NormalisedRow(2, "CRM-2", "CRM-2", new String[] {"CRM-2", "+13172014456", null},
                List.of("+13172014456"), List.of(), List.of(), new byte[16]);

        List<WritableDialerContact> sent = read(CAMEL_JACKSON.writeValueAsString(List.of(
                new DialerContact(ana.contactId(), "list-1", COLUMNS, ana.values(), null, ana),
                new DialerContact(ben.contactId(), "list-1", COLUMNS, ben.values(), Boolean.TRUE, ben))));

        assertThat(sent).extracting(WritableDialerContact::getId).containsExactly("CRM-1", "CRM-2");
        assertThat(sent.get(0).getCallable()).isNull();
        assertThat(sent.get(1).getCallable()).isTrue();
        assertThat(sent.get(0).getContactListId()).isEqualTo("list-1");
        assertThat(sent.get(0).getData()).containsEntry("phone", "+13172014455").containsEntry("consent", "true");
        assertThat(sent.get(1).getData()).doesNotContainKey("consent");
    }

    @Test
    void aWithdrawalSendsTheContactUncallableWithItsData() throws Exception {
        Withdrawal withdrawal = new Withdrawal("CRM-1", new String[] {"CRM-1", "+13172014455", "false"},
                List.of("+13172014455"), List.of(Reason.CONSENT_MISSING));

        List<WritableDialerContact> sent = read(CAMEL_JACKSON.writeValueAsString(List.of(new DialerContact(
                withdrawal.contactId(), "list-1", COLUMNS, withdrawal.values(), Boolean.FALSE, withdrawal))));

        assertThat(sent).singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo("CRM-1");
            assertThat(c.getCallable()).isFalse();
            assertThat(c.getData()).containsEntry("consent", "false");
        });
    }
}
