package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.config.ConfigException;
import io.outboundsync.config.Settings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which Genesys a process acts on. Reproduced: with credentials in the environment and no mode set, `run` synced into
 * the embedded sandbox and nothing said so. Credentials and no mode is ambiguous: refused with the two ways out.
 */
class GenesysModeTest {

    private static Settings settings(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(values);
    }

    @Test
    void noModeAndNoCredentialsIsTheSandbox() {
        assertThat(GenesysConnection.mode(settings())).isEqualTo("sandbox");
    }

    @Test
    void credentialsWithoutAModeAreRefusedWithBothFixes() {
        String refusal = "Genesys OAuth client credentials are set (genesys.client-id / GENESYS_CLIENT_ID,"
                + " genesys.client-secret / GENESYS_CLIENT_SECRET), but"
                + " genesys.mode is not, so it is not clear whether to sync into their org or into the embedded"
                + " sandbox. Fix: set GENESYS_MODE=live (or genesys.mode = live) to sync into the org of these"
                + " credentials, or GENESYS_MODE=sandbox to try the embedded sandbox and leave them unused.";
        assertThatThrownBy(() -> GenesysConnection.mode(settings("genesys.client-id", "id", "genesys.client-secret",
                "s3cret"))).isInstanceOf(ConfigException.class).hasMessage(refusal);
        // one of the two is enough to be ambiguous; the secret never appears
        assertThatThrownBy(() -> GenesysConnection.mode(settings("genesys.client-secret", "s3cret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Genesys OAuth client credentials are set (genesys.client-secret /"
                        + " GENESYS_CLIENT_SECRET), but genesys.mode is not")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void aModeSaidInSoManyWordsIsFollowed() {
        assertThat(GenesysConnection.mode(settings("genesys.mode", "sandbox", "genesys.client-id", "id")))
                .isEqualTo("sandbox");
        assertThat(GenesysConnection.mode(settings("genesys.mode", "live", "genesys.client-id", "id")))
                .isEqualTo("live");
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> GenesysConnection.mode(settings("genesys.mode", "Live")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Setting genesys.mode=Live is not valid."
                        + " Fix: set it to sandbox or live");
    }
}
