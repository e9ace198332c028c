package io.outboundsync.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import io.outboundsync.support.HttpFailures;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Fetches a client-credentials token: {@code POST <login>/oauth/token} with the credentials in HTTP Basic and
 * {@code grant_type=client_credentials}, through the {@code genesys-token} route. A refusal surfaces as the
 * {@link HttpOperationFailedException} itself, so the calling route's retry policy sees its status.
 */
public final class TokenFetcher implements Supplier<TokenCache.Token> {

    public static final String ENDPOINT = "direct:genesys-token";

    private final Supplier<ProducerTemplate> template;
    private final String tokenUrl;
    private final String basic;
    private final Clock clock;

    /** @param template the producer template, looked up when a token is needed (Camel starts after the beans) */
    public TokenFetcher(Supplier<ProducerTemplate> template, GenesysHosts hosts, String clientId, String clientSecret,
            Clock clock) {
        this.template = template;
        this.tokenUrl = hosts.loginUrl() + "/oauth/token";
        this.basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    @Override
    public TokenCache.Token get() {
        Exchange done = template.get().send(ENDPOINT, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getIn().setHeader(Exchange.HTTP_URI, tokenUrl);
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            exchange.getIn().setHeader("Authorization", basic);
            exchange.getIn().setBody("grant_type=client_credentials");
        });
        Exception failure = done.getException();
        if (failure != null) {
            HttpOperationFailedException http = HttpFailures.find(failure, HttpOperationFailedException.class);
            if (http != null) {
                throw new TokenRefused(http);
            }
            throw new IllegalStateException("The Genesys login service could not be reached at " + tokenUrl + ": "
                    + failure.getMessage(), failure);
        }
        try {
            String answer = done.getMessage().getBody(String.class);
            JsonNode token = GenesysClient.JSON.readTree(answer);
            long expiresIn = token.path("expires_in").asLong(3600);
            return new TokenCache.Token(token.path("access_token").asText(),
                    clock.instant().plusSeconds(expiresIn));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The Genesys login service answered something that is not a token.", e);
        }
    }

    /** A refused token request, carrying the login service's status for the retry policy. */
    static final class TokenRefused extends RuntimeException {
        private final int status;

        TokenRefused(HttpOperationFailedException cause) {
            super("The Genesys login service refused the client credentials: " + cause.getStatusCode() + " "
                    + cause.getStatusText(), cause);
            this.status = cause.getStatusCode();
        }

        int status() {
            return status;
        }
    }
}
