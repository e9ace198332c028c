package io.outboundsync.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The client-credentials token of the process: fetched on first use, reused until shortly before it expires,
 * renewed then, and renewed at once when the service answers 401. Callers never see the credentials; the token
 * itself never goes to a log line or a message (its {@code toString} is redacted).
 *
 * <p>Hand-made, not camel-http's {@code oauth2CacheTokens}: that cache keeps a token until it expires, with no way
 * to drop one Genesys refused with 401, and its token request bypasses the retries, budget and circuit of
 * {@code genesys-call}; readiness ({@code genesys-token}) reads this cache's state.
 */
public final class TokenCache {

    /** A bearer token and when it expires. */
    public record Token(String value, Instant expires) {
        @Override
        public String toString() {
            return "Token[redacted, expires " + expires + "]";
        }
    }

    private final Supplier<Token> fetch;
    private final Duration renewBefore;
    private final Clock clock;
    private Token current;
    private int fetches;

    public TokenCache(Supplier<Token> fetch, Duration renewBefore, Clock clock) {
        this.fetch = fetch;
        this.renewBefore = renewBefore;
        this.clock = clock;
    }

    /** A token valid for at least {@code renewBefore} more. */
    public synchronized String bearer() {
        if (current == null || !clock.instant().isBefore(current.expires.minus(renewBefore))) {
            current = fetch.get();
            fetches++;
        }
        return current.value;
    }

    /**
     * Throws unless the process holds a token Genesys gave it that has not expired, or can get one now (a token
     * request when it holds none): what readiness asks. The token itself is never returned.
     */
    public synchronized void requireUsable() {
        if (current == null || !clock.instant().isBefore(current.expires)) {
            bearer();
        }
    }

    /** Forgets the token a 401 refused, unless another caller already replaced it. */
    public synchronized void invalidate(String refused) {
        if (current != null && current.value.equals(refused)) {
            current = null;
        }
    }

    /** How many tokens were fetched so far. */
    public synchronized int fetches() {
        return fetches;
    }
}
