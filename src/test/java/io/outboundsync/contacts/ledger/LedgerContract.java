package io.outboundsync.contacts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every ledger store must do, run against each: {@link LedgerTest} (the embedded store) and
 * {@link PostgresLedgerTest} (the shared PostgreSQL one). {@link #reopen()} is a restart: a new ledger on the same
 * state.
 */
abstract class LedgerContract {

    /** A ledger on this test's state, as a process that starts (again) opens it. */
    protected abstract Ledger reopen();

    static NormalisedRow row(String id, String... values) {
        return new NormalisedRow(1, id, id, values, List.of(), List.of(), List.of(), ContactKeys.rowHash(values));
    }

    static Map<String, List<String>> contacts(Ledger ledger, String listId) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        ledger.forEachContact(listId, (id, values) -> all.put(id, java.util.Arrays.asList(values)));
        return all;
    }

    static NormalisedRow keyed(String id, byte[] key, String... values) {
        return row(id, values).withKey(key, null);
    }

    static byte[] key(int n) {
        byte[] key = new byte[16];
        key[0] = (byte) n;
        key[15] = 7;
        return key;
    }

    /** A contact made uncallable: never unchanged, left out of the callable contacts, until accepted again. */
    @Test
    void remembersWithdrawalsDncNumbersAndObjectIdsAcrossARestart() {
        NormalisedRow ann = row("C-1", "Ann", "+13172000001", "true");
        try (Ledger ledger = reopen()) {
            ledger.commit("list-a", List.of(ann, row("C-2", "Bob", "+13172000002", "true")));
            ledger.commitWithdrawn("list-a", Map.of("C-1", new String[] {"Ann", "+13172000001", "false"}));
            ledger.commitDncNumbers("dnc-1", "withdrawal", List.of("+13172000001"));
            ledger.commitDncNumbers("dnc-1", "file", List.of("+13175550199"));
            ledger.recordObject("contactList", "Renewals", "list-a");
        }
        try (Ledger ledger = reopen()) {
            assertThat(ledger.hashes("list-a", List.of("C-1", "C-2"))).containsOnlyKeys("C-2");
            assertThat(ledger.withdrawnAmong("list-a", List.of("C-1", "C-2"))).containsExactly("C-1");
            assertThat(ledger.acknowledgedValues("list-a", List.of("C-1")).get("C-1"))
                    .containsExactly("Ann", "+13172000001", "false");
            assertThat(contacts(ledger, "list-a")).containsOnlyKeys("C-2");
            assertThat(ledger.dncNumbersSent("dnc-1", "file")).containsExactly("+13175550199");
            assertThat(ledger.dncNumbersSent("dnc-1", "withdrawal")).containsExactly("+13172000001");
            assertThat(ledger.objectId("contactList", "Renewals")).isEqualTo("list-a");
            assertThat(ledger.objectId("dncList", "Renewals")).isNull();

            ledger.commit("list-a", List.of(ann));
            assertThat(ledger.withdrawnAmong("list-a", List.of("C-1"))).isEmpty();
            assertThat(ledger.hashes("list-a", List.of("C-1"))).containsOnlyKeys("C-1");
        }
    }

    @Test
    void keepsAcknowledgedRowsPerListAcrossARestart() {
        NormalisedRow ann = row("C-1", "Ann", null, "+13172000001", "Zoë ✓");
        NormalisedRow bob = row("C-2", "Bob", "", "+13172000002", null);
        try (Ledger ledger = reopen()) {
            ledger.commit("list-a", List.of(ann, bob));
            ledger.commit("list-b", List.of(row("C-1", "Other")));
            ledger.commit("list-a", List.of(row("C-2", "Bob", "x", "+13172000002", null)));
        }
        try (Ledger ledger = reopen()) {
            assertThat(ledger.hashes("list-a", List.of("C-1", "C-2", "C-3"))).containsOnlyKeys("C-1", "C-2")
                    .hasEntrySatisfying("C-1", hash -> assertThat(hash).isEqualTo(ann.hash()))
                    .hasEntrySatisfying("C-2", hash -> assertThat(hash).isNotEqualTo(bob.hash()));
            assertThat(contacts(ledger, "list-a")).containsExactly(
                    Map.entry("C-1", java.util.Arrays.asList("Ann", null, "+13172000001", "Zoë ✓")),
                    Map.entry("C-2", java.util.Arrays.asList("Bob", "x", "+13172000002", null)));
            assertThat(contacts(ledger, "list-b")).containsOnlyKeys("C-1");
            assertThat(contacts(ledger, "list")).isEmpty();
        }
    }

    /** A row is recognised only by the key of the row Genesys acknowledged last, while its contact is callable. */
    @Test
    void recognisesTheKeyOfTheRowLastAcknowledgedWhileTheContactIsCallable() {
        NormalisedRow ann = new NormalisedRow(1, "C-1", "C-1", new String[] {"Ann", "+13172000001"},
                List.of("+13172000001"), List.of(), List.of(), ContactKeys.rowHash(new String[] {"Ann",
                        "+13172000001"}), key(1), null);
        try (Ledger ledger = reopen()) {
            assertThat(ledger.acknowledged("list-a", "C-1", key(1))).isNull();
            ledger.commit("list-a", List.of(ann));
        }
        try (Ledger ledger = reopen()) {
            Ledger.Acknowledged same = ledger.acknowledged("list-a", "C-1", key(1));
            assertThat(same.sameRow()).isTrue();
            assertThat(same.hash()).isEqualTo(ann.hash());
            assertThat(same.firstPhone()).isEqualTo("+13172000001");
            assertThat(ledger.acknowledged("list-a", "C-1", key(2)).sameRow()).isFalse();
            assertThat(ledger.acknowledged("list-b", "C-1", key(1))).isNull();

            // checked again under other inputs, the same values: the new key is remembered, the old one is not
            ledger.rememberKeys("list-a", List.of(ann.withKey(key(2), null)));
            assertThat(ledger.acknowledged("list-a", "C-1", key(2)).sameRow()).isTrue();
            assertThat(ledger.acknowledged("list-a", "C-1", key(1)).sameRow()).isFalse();
            // a key is never remembered over other values
            ledger.rememberKeys("list-a", List.of(keyed("C-1", key(3), "Anna", "+13172000001")));
            assertThat(ledger.acknowledged("list-a", "C-1", key(3)).sameRow()).isFalse();

            // made uncallable: nothing is recognised, whatever the key
            ledger.commitWithdrawn("list-a", Map.of("C-1", new String[] {"Ann", "+13172000001"}));
            assertThat(ledger.acknowledged("list-a", "C-1", key(2))).isNull();
            ledger.rememberKeys("list-a", List.of(ann.withKey(key(2), null)));
            assertThat(ledger.acknowledged("list-a", "C-1", key(2))).isNull();
            // acknowledged callable again: its new key
            ledger.commit("list-a", List.of(ann.withKey(key(4), null)));
            assertThat(ledger.acknowledged("list-a", "C-1", key(4)).sameRow()).isTrue();
        }
    }
}
