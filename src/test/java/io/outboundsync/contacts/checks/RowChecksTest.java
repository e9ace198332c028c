package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.Reason;
import io.outboundsync.contacts.SourceRow;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.testing.TempLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checks of a chunk ({@link RowChecks}) without Camel: cut in parts for the cores; in each part the rows the
 * ledger recognises as those Genesys acknowledged are not checked again, the others are checked by the demo
 * campaign's rules; a malformed row is rejected as it is.
 */
class RowChecksTest {

    private static final String LIST = "list-1";
    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));
    private static final RowNormaliser NORMALISER = new RowNormaliser(DEMO.mapping(), DEMO.contactList(),
            DncNumbers.none());

    @RegisterExtension
    final TempLedger ledgers = new TempLedger();
    private final RowChecks checks = new RowChecks(2);

    private record Context(RowNormaliser normaliser, Ledger ledger, String listId, DropSeen seen,
            Repeats repeats, ListRoom room) implements CheckContext {
    }

    private Context drop() {
        return new Context(NORMALISER, ledgers.get(), LIST, null, Repeats.NONE, null);
    }

    private static SourceRow row(long number, String id, String phone) {
        return io.outboundsync.contacts.DemoRows.row(DEMO, number, id, phone);
    }

    @Test
    void aChunkIsCutInPartsOfAtLeastTheMinimumForTheThreads() {
        List<SourceRow> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new SourceRow(i + 1, new String[0], null));
        }
        assertThat(checks.parts(many)).extracting(List::size).containsExactly(500, 500);
        assertThat(checks.parts(many.subList(0, RowChecks.MIN_PART + 10))).hasSize(1);
    }

    @Test
    void theRowGenesysAcknowledgedIsRecognisedAndNotCheckedAgain() {
        List<SourceRow> first = List.of(row(1, "CRM-1", "(317) 201-4455"), row(2, "CRM-2", "not a phone"));
        List<NormalisedRow> checked = checks.check(drop(), checks.recognise(drop(), first));
        assertThat(checked).extracting(NormalisedRow::accepted).containsExactly(true, false);
        assertThat(checked.get(1).reasons()).contains(Reason.PHONE_INVALID);
        assertThat(checked.get(0).phones()).containsExactly("+13172014455");
        ledgers.get().commit(LIST, List.of(checked.get(0)));

        List<NormalisedRow> again = checks.check(drop(), checks.recognise(drop(), List.of(row(1, "CRM-1",
                "(317) 201-4455"), row(2, "CRM-3", "(317) 201-4456"))));

        assertThat(again.get(0).recognised()).isTrue();
        assertThat(again.get(1).recognised()).isFalse();
        assertThat(again.get(1).accepted()).isTrue();
        // in file order, whatever the part
        assertThat(again).extracting(NormalisedRow::row).containsExactly(1L, 2L);
    }

    @Test
    void aMalformedRowIsRejectedAsItIs() {
        List<NormalisedRow> checked = checks.check(drop(), checks.recognise(drop(), List.of(new SourceRow(4,
                new String[DEMO.mapping().fields().size()], "row 4 has 3 fields where the header has 13"))));

        assertThat(checked).singleElement().satisfies(row -> {
            assertThat(row.reasons()).containsExactly(Reason.MALFORMED_ROW);
            assertThat(row.details()).containsExactly("row 4 has 3 fields where the header has 13");
        });
    }
}
