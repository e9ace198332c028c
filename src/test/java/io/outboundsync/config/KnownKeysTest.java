package io.outboundsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aMisspelledEnvironmentVariableIsWarnedAboutWithTheVariableItMeant(@TempDir Path noConfig) {
        Settings settings = Settings.load(noConfig, Map.of(
                "GENESYS_CLIENT_SECRET", "s3cret",           // known (named in the README, not in the file)
                "GENESYS_CONTACTS_BATCH_SIZE", "500",        // known: genesys.contacts.batch-size
                "GENESYS_CONTACT_BATCH_SIZE", "500",         // misspelled
                "SANDBOX_FAULT_ERRORRATE", "0.1",            // misspelled
                "HOME", "/root", "CAMEL_MAIN_NAME", "x"),    // not ours
                Map.of());

        assertThat(shipped.warnings(settings)).containsExactly(
                "Environment variable GENESYS_CONTACT_BATCH_SIZE is not a setting Outbound Sync reads, and is"
                        + " ignored. Did you mean GENESYS_CONTACTS_BATCH_SIZE (genesys.contacts.batch-size)?",
                "Environment variable SANDBOX_FAULT_ERRORRATE is not a setting Outbound Sync reads, and is ignored."
                        + " Did you mean SANDBOX_FAULT_ERROR_RATE (sandbox.fault.error-rate)?");
        // the value of a secret is never part of a warning
        assertThat(String.join("\n", shipped.warnings(settings))).doesNotContain("s3cret");
    }

    @Test
    void distanceCountsEditsAsLevenshteinDoes() {
        assertThat(KnownKeys.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KnownKeys.distance("", "abc")).isEqualTo(3);
        assertThat(KnownKeys.distance("same", "same")).isZero();
    }
}
