package io.outboundsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelled key stops start-up with the key it most likely meant, instead of being ignored in silence. */
class KnownKeysTest {

    private final KnownKeys shipped = KnownKeys.shipped();

    @Test
    void everyKeyOfTheShippedFileSetOrCommentedIsKnown() {
        shipped.check(Settings.of(Map.of("genesys.contacts.batch-size", "500", "genesys.api-url", "",
                "notify.cdp.url", "", "privacy.pseudonym-key", "", "sandbox.org.id", "x", "camel.main.name", "x",
                "java.home", "/x")));
        assertThat(shipped.unknown(Settings.of(Map.of("genesys.contacts.batch-size", "500")))).isEmpty();
        // a decimal setting takes a decimal or a whole number; true and false in any case
        assertThat(shipped.mistyped(Settings.of(Map.of("sandbox.fault.error-rate", "0.05", "sandbox.fault.slow-rate",
                "1", "observe.tracing", "TRUE")))).isEmpty();
    }

    /** A misspelt key would leave the value it was meant to change at its default: start-up refuses it. */
    @Test
    void aMisspelledKeyIsRefusedWithWhereItWasGivenAndTheKeyItMeant(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("application.properties"), "genesys.contacts.batchsize = 500\n");
        Settings settings = Settings.load(config, Map.of(), Map.of("genesys.retry.max-attemps", "3",
                "contacts.something-else-entirely", "1"));

        assertThatThrownBy(() -> shipped.check(settings)).isInstanceOf(ConfigException.class).hasMessage(
                "3 settings are not read by Outbound Sync, and would be ignored:\n"
                        + "  Setting contacts.something-else-entirely (given as -Dcontacts.something-else-entirely) is"
                        + " not a setting Outbound Sync reads. Fix: remove it, or name one of the settings of"
                        + " config/application.properties\n"
                        + "  Setting genesys.contacts.batchsize (in " + config.resolve("application.properties")
                        + ") is not a setting Outbound Sync reads. Fix: did you mean genesys.contacts.batch-size?\n"
                        + "  Setting genesys.retry.max-attemps (given as -Dgenesys.retry.max-attemps) is not a"
                        + " setting Outbound Sync reads. Fix: did you mean genesys.retry.max-attempts?");
    }

    @Test
    void aMisspelledEnvironmentVariableIsRefusedWithTheVariableItMeant(@TempDir Path noConfig) {
        Settings settings = Settings.load(noConfig, Map.of(
                "GENESYS_CLIENT_SECRET", "s3cret",           // known (named in the README, not in the file)
                "GENESYS_CONTACTS_BATCH_SIZE", "500",        // known: genesys.contacts.batch-size
                "GENESYS_CONTACT_BATCH_SIZE", "500",         // misspelled
                "SANDBOX_FAULT_ERRORRATE", "0.1",            // misspelled
                "STATE_DIRECTORY", "/var/lib/outbound-sync", // systemd's, for StateDirectory=
                "HOME", "/root", "CAMEL_MAIN_NAME", "x"),    // not ours
                Map.of());

        assertThat(shipped.unknown(settings)).containsExactly(
                "Environment variable GENESYS_CONTACT_BATCH_SIZE is not a setting Outbound Sync reads. Fix: did you"
                        + " mean GENESYS_CONTACTS_BATCH_SIZE (genesys.contacts.batch-size)?",
                "Environment variable SANDBOX_FAULT_ERRORRATE is not a setting Outbound Sync reads. Fix: did you"
                        + " mean SANDBOX_FAULT_ERROR_RATE (sandbox.fault.error-rate)?");
        assertThatThrownBy(() -> shipped.check(settings)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("2 settings are not read by Outbound Sync, and would be ignored:\n")
                // the value of a secret is never part of the refusal
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    /**
     * Reproduced: a non-numeric value for a numeric setting ended start-up with "Error during post processing of bean
     * ContactsConfiguration@...". A value is checked against the type of its shipped default first.
     */
    @Test
    void aValueOfTheWrongTypeIsRefusedWithTheKeyTheValueAndWhatItShouldBe(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("application.properties"), "genesys.contacts.batch-size = 1k\n");
        Settings settings = Settings.load(config, Map.of("CONTACTS_INBOX_QUIET_MS", "ten seconds"),
                Map.of("notify.retry.max-attempts", "2.5", "observe.enabled", "yes", "observe.tracing", "FALSE"));

        assertThatThrownBy(() -> shipped.check(settings)).isInstanceOf(ConfigException.class).hasMessage(
                "4 settings do not hold a value of their type:\n"
                        + "  Setting contacts.inbox.quiet-ms=ten seconds (as environment variable"
                        + " CONTACTS_INBOX_QUIET_MS) is not a whole number. Fix: set it to a whole number, such as"
                        + " the default 10000\n"
                        + "  Setting genesys.contacts.batch-size=1k (in " + config.resolve("application.properties")
                        + ") is not a whole number. Fix: set it to a whole number, such as the default 1000\n"
                        + "  Setting notify.retry.max-attempts=2.5 (given as -Dnotify.retry.max-attempts) is not a"
                        + " whole number. Fix: set it to a whole number, such as the default 5\n"
                        + "  Setting observe.enabled=yes (given as -Dobserve.enabled) is not true or false. Fix: set it"
                        + " to true or false, such as the default true");
    }

    @Test
    void distanceCountsEditsAsLevenshteinDoes() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
