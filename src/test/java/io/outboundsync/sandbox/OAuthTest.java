package io.outboundsync.sandbox;

import io.outboundsync.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OAuthTest {

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension(Map.of("sandbox.token-lifetime-seconds", "600"));
    private MutableClock clock;
    private SandboxHttp http;

    @BeforeEach
    void anonymousClient() {
        clock = sandbox.clock;
        http = new SandboxHttp(sandbox.sandbox());
    }



    @Test
    void issuesABearerTokenForClientCredentialsInBasicAuth() {
        SandboxHttp.Response response = http.tokenRequest("sandbox-client", "sandbox-secret",
                "grant_type=client_credentials");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("token_type").asText()).isEqualTo("bearer");
        assertThat(response.body().get("expires_in").asLong()).isEqualTo(600);
        assertThat(response.body().get("access_token").asText()).hasSizeGreaterThan(20);
    }

    @Test
    void refusesWrongOrMissingCredentialsAndOtherGrants() {
        assertThat(http.tokenRequest("sandbox-client", "wrong", "grant_type=client_credentials").status())
                .isEqualTo(401);
        assertThat(http.tokenRequest("someone-else", "sandbox-secret", "grant_type=client_credentials").status())
                .isEqualTo(401);
        assertThat(http.tokenRequest(null, null, "grant_type=client_credentials").status()).isEqualTo(401);
        SandboxHttp.Response wrongGrant = http.tokenRequest("sandbox-client", "sandbox-secret", "grant_type=password");
        assertThat(wrongGrant.status()).isEqualTo(400);
        assertThat(wrongGrant.body().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void everyApiCallNeedsAValidToken() {
        SandboxHttp.Response none = http.get("/api/v2/outbound/contactlists");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("authentication.required");
        assertThat(none.body().get("contextId").asText()).isNotBlank();

        http.useToken("not-a-token");
        SandboxHttp.Response bad = http.get("/api/v2/outbound/contactlists");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.code()).isEqualTo("bad.credentials");

        http.login();
        assertThat(http.get("/api/v2/outbound/contactlists").status()).isEqualTo(200);
    }

    @Test
    void tokensExpireAfterTheConfiguredLifetime() {
        http.login();
        clock.advance(Duration.ofSeconds(599));
        assertThat(http.get("/api/v2/outbound/contactlists").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        SandboxHttp.Response expired = http.get("/api/v2/outbound/contactlists");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("bad.credentials");

        http.login();
        assertThat(http.get("/api/v2/outbound/contactlists").status()).isEqualTo(200);
    }
}
