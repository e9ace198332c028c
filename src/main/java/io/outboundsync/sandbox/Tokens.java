package io.outboundsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks client-credentials bearer tokens that expire like the real ones. */
final class Tokens {

    private record Issued(String clientId, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final String clientId;
    private final byte[] clientSecret;
    private final long lifetimeSeconds;
    private final Clock clock;

    Tokens(String clientId, String clientSecret, long lifetimeSeconds, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
    }

    /** {@code POST /oauth/token}: HTTP Basic client credentials and {@code grant_type=client_credentials}. */
    Reply token(Call call) {
        String authorization = call.header("Authorization");
        String[] credentials = basicCredentials(authorization);
        if (credentials == null || !clientId.equals(credentials[0])
                || !MessageDigest.isEqual(clientSecret, credentials[1].getBytes(StandardCharsets.UTF_8))) {
            return oauthError(401, "invalid_client", "Client authentication failed: unknown client or wrong secret.")
                    .header("WWW-Authenticate", "Basic realm=\"oauth\"");
        }
        String grant = Call.parseQuery(call.bodyText()).getOrDefault("grant_type", java.util.List.of("")).get(0);
        if (!"client_credentials".equals(grant)) {
            return oauthError(400, "unsupported_grant_type",
                    "Only grant_type=client_credentials is supported, sent as an x-www-form-urlencoded body.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, new Issued(credentials[0], clock.instant().plusSeconds(lifetimeSeconds)));
        dropExpired();
        var body = Json.object();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", lifetimeSeconds);
        return Reply.ok(body).header("Cache-Control", "no-store");
    }

    /**
     * The token of a {@code /api/v2} call, checked: 401 {@code authentication.required} without one,
     * {@code bad.credentials} for an unknown or expired one.
     */
    String authenticate(Call call) {
        String authorization = call.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "authentication.required", "No authentication bearer token specified in"
                    + " authorization header.");
        }
        String token = authorization.substring(7).trim();
        Issued found = issued.get(token);
        if (found == null || !clock.instant().isBefore(found.expires)) {
            throw new ApiError(401, "bad.credentials", "Invalid login credentials: the bearer token is unknown or"
                    + " has expired.");
        }
        call.clientId = found.clientId;
        return token;
    }

    /** Sandbox control: every issued token stops working, as if the service had revoked them. */
    void revokeAll() {
        issued.clear();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        issued.values().removeIf(i -> !now.isBefore(i.expires));
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Reply oauthError(int status, String error, String description) {
        var body = Json.object();
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        return Reply.of(status, body);
    }
}
