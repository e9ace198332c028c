package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A drop's room under Genesys' limits: asked once, when the first new contact needs it, and never before. */
class ListRoomTest {

    private final AtomicInteger asked = new AtomicInteger();

    private ListRoom room(long inList, long inOrg) {
        return new ListRoom("Demo", 10, 100, () -> {
            asked.incrementAndGet();
            return new ListRoom.Held(inList, inOrg);
        });
    }

    @Test
    void aDropWithNoNewContactAsksGenesysNothing() {
        room(8, 50);

        assertThat(asked).hasValue(0);
    }

    @Test
    void theRoomIsAskedOnceAndSpentOneNewContactAtATime() {
        ListRoom room = room(8, 50);

        assertThat(room.take()).isTrue();
        assertThat(room.take()).isTrue();
        assertThat(room.take()).isFalse();
        assertThat(asked).hasValue(1);
        assertThat(room.refusal()).contains("held 8 contacts and the org 50 when this drop's first new contact came")
                .contains("at most 10 contacts a list");
    }

    @Test
    void theOrgsLimitCountsWhenItIsTheNearer() {
        ListRoom room = room(0, 99);

        assertThat(room.take()).isTrue();
        assertThat(room.take()).isFalse();
        assertThat(room.refusal()).contains("at most 100 contacts an org");
    }
}
