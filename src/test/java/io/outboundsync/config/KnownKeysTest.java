package io.outboundsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A misspelled key is named at start-up with the key it most likely meant, instead of being ignored in silence. */
class KnownKeysTest {

    private final KnownKeys shipped = KnownKeys.shipped();

    @Test
    void everyKeyOfTheShippedFileSetOrCommentedIsKnown() {
        assertThat(shipped.warnings(Set.of("genesys.contacts.batch-size", "genesys.api-url", "notify.cdp.url",
                "privacy.pseudonym-key", "sandbox.org.id", "camel.main.name", "java.home"))).isEmpty();
    }

    @Test
    void aMisspelledKeyIsWarnedAboutWithTheKeyItMeant() {
        assertThat(shipped.warnings(Settings.of(Map.of("genesys.contacts.batchsize", "500",
                "genesys.retry.max-attemps", "3", "contacts.something-else-entirely", "1"))))
                .containsExactly(
                        "Setting contacts.something-else-entirely is not a setting Outbound Sync reads, and is ignored.",
                        "Setting genesys.contacts.batchsize is not a setting Outbound Sync reads, and is ignored."
                                + " Did you mean genesys.contacts.batch-size?",
                        "Setting genesys.retry.max-attemps is not a setting Outbound Sync reads, and is ignored."
                                + " Did you mean genesys.retry.max-attempts?");
    }

    @Test
    void distanceCountsEditsAsLevenshteinDoes() {
        assertThat(KnownKeys.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KnownKeys.distance("", "abc")).isEqualTo(3);
        assertThat(KnownKeys.distance("same", "same")).isZero();
    }
}
