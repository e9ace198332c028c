package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver's outbox, without Camel: publishing order, the hold, and what may be sent now. */
class WebhookOutboxTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheOldestEventOfAReceiverMayGoAndNoneWhileItIsHeld() {
        DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letter"), Clock.systemUTC(), TestKeys.REDACTOR);
        WebhookOutbox outbox = new WebhookOutbox(dir.resolve("outbox"), deadLetters, Clock.systemUTC());
        Path first = outbox.append("cdp", "e1", "{}");
        Path second = outbox.append("cdp", "e2", "{}");
        Path other = outbox.append("wfm", "e3", "{}");

        assertThat(WebhookOutbox.sequenceOf(second)).isGreaterThan(WebhookOutbox.sequenceOf(first));
        assertThat(outbox.overtakes(first.toString())).isFalse();
        assertThat(outbox.overtakes(second.toString())).as("e1 waits before it").isTrue();
        assertThat(outbox.overtakes(other.toString())).as("another receiver's order").isFalse();

        // e1 given up on: the receiver is held, nothing of it may go until the dead letter gets through
        deadLetters.park(first, DeadLetters.read(first), 5, "HTTP 503");
        outbox.hold("cdp");
        assertThat(outbox.overtakes(second.toString())).isTrue();
        assertThat(outbox.probes()).extracting(DeadLetters.Letter::eventId).containsExactly("e1");

        // e1 delivered (the probe removes it) and the hold lifted: e2 goes
        deadLetters.delete(deadLetters.of("cdp").get(0).file());
        outbox.release("cdp");
        assertThat(outbox.overtakes(second.toString())).isFalse();
        assertThat(outbox.backlog()).isEqualTo(2);
    }
}
