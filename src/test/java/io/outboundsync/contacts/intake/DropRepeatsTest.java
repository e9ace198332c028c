package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.Key128;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.checks.DncNumbers;
import io.outboundsync.contacts.checks.Repeats;
import io.outboundsync.contacts.checks.RowNormaliser;
import io.outboundsync.testing.TempLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first pass over a drop for the contacts it names more than once ({@link DropRepeats}), without Camel: found
 * by identity in CSV and JSON, malformed rows left to the drop's own read, a file broken half-way read up to there.
 */
class DropRepeatsTest {

    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));
    private static final RowNormaliser NORMALISER = new RowNormaliser(DEMO.mapping(), DEMO.contactList(),
            DncNumbers.none());

    @TempDir
    Path dir;
    @RegisterExtension
    final TempLedger ledgers = new TempLedger();

    private Drop drop(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Admission admission = new Admission(file, "demo", "test", Admission.Verdict.ADMITTED, null, DEMO,
                DropFile.inspect(file), null, null);
        return new Drop(admission, System.nanoTime(), ledgers.get(), 1, "list-1", NORMALISER, null, null, Repeats.NONE,
                null);
    }

    @Test
    void aContactNamedTwiceInACsvDropIsFoundWhereverItsRowsStand() throws Exception {
        Drop drop = drop("export.csv", "externalId,phone\nCRM-1,3172014451\nCRM-2,3172014452\nCRM-3,3172014453\n"
                + " CRM-1 ,3172014459\n");

        Drop marked = new DropRepeats().mark(drop, ",");

        // trimmed as the mapping says, so " CRM-1 " is CRM-1
        assertThat(marked.repeats().contacts()).containsExactly(Key128.ofContact("CRM-1"));
        // read to its end, every row's id from its externalId: a contact not repeated is named once
        assertThat(marked.repeats().complete()).isTrue();
        assertThat(marked.repeats().namedOnce(Key128.ofContact("CRM-2"))).isTrue();
        assertThat(marked.repeats().namedOnce(Key128.ofContact("CRM-1"))).isFalse();
        assertThat(marked.getFile()).isEqualTo(drop.getFile());
    }

    @Test
    void aJsonDropIsReadTheSameWay() throws Exception {
        Drop drop = drop("export.ndjson", "{\"externalId\":\"CRM-1\"}\n{\"externalId\":\"CRM-2\"}\n"
                + "{\"externalId\":\"CRM-2\"}\n{\"externalId\":\"CRM-1\"}\n");

        assertThat(new DropRepeats().find(drop, null).contacts()).containsExactlyInAnyOrder(Key128.ofContact("CRM-1"),
                Key128.ofContact("CRM-2"));
    }

    @Test
    void aFileBrokenHalfWayIsReadUpToThereAndTheDropsOwnReadSaysWhy() throws Exception {
        Drop drop = drop("broken.ndjson", "{\"externalId\":\"CRM-1\"}\n{\"externalId\":\"CRM-1\"}\n"
                + "{\"externalId\": \"CRM-2\"\n{\"externalId\":\"CRM-2\"}\n");

        Repeats found = new DropRepeats().find(drop, null);
        assertThat(found.contacts()).containsExactly(Key128.ofContact("CRM-1"));
        // the rows after the break were not seen: the drop's read looks every contact up as it comes
        assertThat(found.complete()).isFalse();
        assertThat(found.namedOnce(Key128.ofContact("CRM-2"))).isFalse();
    }

    @Test
    void aRowWhoseIdThisPassCannotWorkOutLeavesTheFindingIncomplete() throws Exception {
        // an externalId Genesys cannot take as an id: the checks reject it, this pass does not vouch for it
        Drop drop = drop("export.csv", "externalId,phone\nCRM-1,3172014451\nnot usable!,3172014452\n");

        Repeats found = new DropRepeats().find(drop, ",");

        assertThat(found.contacts()).isEmpty();
        assertThat(found.complete()).isFalse();
    }
}
