package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.ContactKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropSeenTest {

    @TempDir
    Path dir;

    @Test
    void theFirstOccurrenceOfAContactWinsAcrossManyTableGrowths() {
        try (DropSeen seen = new DropSeen(dir)) {
            for (int i = 0; i < 300_000; i++) {
                assertThat(seen.firstOccurrence("CRM-" + i, null)).as("CRM-%d", i).isTrue();
            }
            for (int i = 0; i < 300_000; i += 7) {
                assertThat(seen.firstOccurrence("CRM-" + i, null)).as("CRM-%d again", i).isFalse();
            }
            assertThat(seen.firstOccurrence("crm-1", null)).as("ids are case-sensitive").isTrue();
            assertThat(seen.size()).isEqualTo(300_001);
        }
    }

    @Test
    void tablesSizedForTheFileStillGrowWhenItsRowsAreShorterThanExpected() {
        // sized for a 10 MB file (about 100,000 rows), given 300,000 ids and numbers
        try (DropSeen seen = new DropSeen(dir, 10_000_000)) {
            for (int i = 0; i < 300_000; i++) {
                assertThat(seen.firstOccurrence("CRM-" + i, "+1317" + (2_000_000 + i))).as("CRM-%d", i).isTrue();
            }
            assertThat(seen.firstOccurrence("CRM-299999", null)).isFalse();
            assertThat(seen.firstOccurrence("CRM-300000", "+13172000000")).isTrue();
            assertThat(seen.sharedPhones()).isEqualTo(1);
            assertThat(seen.size()).isEqualTo(300_001);
        }
    }

    @Test
    void countsEachNumberHeldByMoreThanOneContactOnce() {
        try (DropSeen seen = new DropSeen(dir)) {
            for (int i = 0; i < 100_000; i++) {
                seen.firstOccurrence("A-" + i, "+1317" + (2_000_000 + i));
            }
            assertThat(seen.sharedPhones()).isZero();
            seen.firstOccurrence("B-1", "+13172000005");
            seen.firstOccurrence("B-2", "+13172000005");
            seen.firstOccurrence("B-3", "+13172000006");
            // a repeated contact is not a second holder
            seen.firstOccurrence("A-7", "+13172000007");
            seen.firstOccurrence("C-1", null);
            seen.firstOccurrence("C-2", "not e164");
            assertThat(seen.sharedPhones()).isEqualTo(2);
        }
    }

    @Test
    void leavesNoFilesBehind() throws Exception {
        try (DropSeen seen = new DropSeen(dir)) {
            for (int i = 0; i < 200_000; i++) {
                seen.firstOccurrence("X" + i, "+4420794" + (10_000 + i % 90_000));
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void readsE164DigitsExactly() {
        assertThat(ContactKeys.e164Digits("+13172000001")).isEqualTo(13172000001L);
        assertThat(ContactKeys.e164Digits("+999999999999999")).isEqualTo(999999999999999L);
        assertThat(ContactKeys.e164Digits("13172000001")).isZero();
        assertThat(ContactKeys.e164Digits("+1317x")).isZero();
        assertThat(ContactKeys.e164Digits("+")).isZero();
    }
}
