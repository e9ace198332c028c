package io.outboundsync.observe;

import io.outboundsync.campaigns.CampaignState;
import io.outboundsync.contacts.Ledger;
import io.outboundsync.genesys.TokenCache;
import io.outboundsync.notify.DeadLetters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** What each readiness check finds wrong, as plain Java (null: nothing): the checks' logic, without Camel. */
public final class ReadinessProblems {

    private ReadinessProblems() {
    }

    /** The inbox must be a folder this process can read and write (it moves files out of it). */
    public static String inbox(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return "The inbox " + inbox + " is not a folder. Fix: create it, or point --data-dir at the right one.";
        }
        if (!Files.isReadable(inbox) || !Files.isWritable(inbox)) {
            return "The inbox " + inbox + " is not readable and writable by this process. Fix: give its user"
                    + " read and write access.";
        }
        return null;
    }

    /** The org's state databases (the ledger, the campaign state) must be open. */
    public static String state(Supplier<Ledger> ledger, Supplier<CampaignState> campaigns) {
        Ledger l = ledger.get();
        CampaignState c = campaigns.get();
        if (l == null || c == null) {
            return "The org's state is not open yet (start-up has not reached Genesys).";
        }
        if (!l.isOpen()) {
            return "The ledger under " + l.stateDir() + " is closed or does not answer.";
        }
        if (!c.isOpen()) {
            return "The campaign state database does not answer.";
        }
        return null;
    }

    /** Genesys must have given a token that is still valid, or give one now. */
    public static String token(TokenCache tokens) {
        try {
            tokens.requireUsable();
            return null;
        } catch (RuntimeException e) {
            return "Genesys gives no token: " + e.getMessage() + " Fix: check the OAuth client's id and secret"
                    + " (GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET) and genesys.region.";
        }
    }

    /** Webhook events given up on must stay below a threshold. */
    public static String deadLetters(DeadLetters letters, long max) {
        long waiting = letters.count();
        if (waiting >= max) {
            return waiting + " webhook events are dead-lettered (observe.health.dead-letters-max is " + max + ")."
                    + " Fix: make the receivers answer, then `outbound-sync webhooks resend`.";
        }
        return null;
    }
}
