package io.outboundsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    private Settings load(String properties, Map<String, String> env, Map<String, String> sys) throws IOException {
        Files.writeString(dir.resolve("application.properties"), properties);
        return Settings.load(dir, env, sys);
    }

    @Test
    void takesSystemPropertiesOverTheEnvironmentOverTheFile() throws IOException {
        String file = "a.b-c = file\nonly.file = f\nboth = file\n";
        Settings settings = load(file, Map.of("A_B_C", "env", "BOTH", "env"), Map.of("a.b-c", "system"));

        assertThat(settings.get("a.b-c")).isEqualTo("system");
        assertThat(settings.get("both")).isEqualTo("env");
        assertThat(settings.get("only.file")).isEqualTo("f");
        assertThat(settings.find("missing")).isEmpty();
        assertThat(Settings.environmentName("sandbox.fault.error-rate")).isEqualTo("SANDBOX_FAULT_ERROR_RATE");
    }

    /** A shell set up for Genesys's gc CLI or CX as Code works as it is; our own variables win over theirs. */
    @Test
    void readsTheVariablesOfGenesysToolsAfterOurOwn() throws IOException {
        Map<String, String> theirs = Map.of("GENESYSCLOUD_OAUTHCLIENT_ID", "their-id",
                "GENESYSCLOUD_OAUTHCLIENT_SECRET", "their-secret", "GENESYSCLOUD_REGION", "eu-west-1");
        Settings onlyTheirs = load("genesys.region = mypurecloud.com\n", theirs, Map.of());
        assertThat(onlyTheirs.find("genesys.client-id")).contains("their-id");
        assertThat(onlyTheirs.find("genesys.client-secret")).contains("their-secret");
        // over the settings file, as every variable is
        assertThat(onlyTheirs.find("genesys.region")).contains("eu-west-1");
        assertThat(onlyTheirs.fromGenesysToolVariables()).containsExactly(
                Map.entry("genesys.client-id", "GENESYSCLOUD_OAUTHCLIENT_ID"),
                Map.entry("genesys.client-secret", "GENESYSCLOUD_OAUTHCLIENT_SECRET"),
                Map.entry("genesys.region", "GENESYSCLOUD_REGION"));

        Map<String, String> both = new java.util.HashMap<>(theirs);
        both.put("GENESYS_CLIENT_ID", "our-id");
        Settings ours = load("", both, Map.of("genesys.region", "mypurecloud.de"));
        assertThat(ours.find("genesys.client-id")).contains("our-id");
        assertThat(ours.find("genesys.region")).contains("mypurecloud.de");
        assertThat(ours.fromGenesysToolVariables()).containsOnlyKeys("genesys.client-secret");
        // a key they have no variable for is not read from one of theirs
        assertThat(load("", Map.of("GENESYSCLOUD_API_URL", "https://x"), Map.of()).find("genesys.api-url")).isEmpty();
    }

    @Test
    void treatsABlankValueAsUnset() throws IOException {
        Settings settings = load("genesys.api-url =\n", Map.of(), Map.of());
        assertThat(settings.find("genesys.api-url")).isEmpty();
    }

    @Test
    void answersFromTheShippedDefaultsWhatNoOtherLayerSets() throws IOException {
        // an operator's file names two keys; every other key still has the value the shipped file gives it once
        Settings settings = load("genesys.contacts.batch-size = 250\ncampaigns.drift =\n",
                Map.of("CAMPAIGNS_SYNC_TIME_ZONE", "Europe/London"), Map.of());

        assertThat(settings.getInt("genesys.contacts.batch-size")).isEqualTo(250);
        assertThat(settings.get("campaigns.sync.time-zone")).isEqualTo("Europe/London");
        // blank in the file: the shipped default answers
        assertThat(settings.get("campaigns.drift")).isEqualTo("report");
        assertThat(settings.get("campaigns.sync.cron")).isEqualTo("0 0/15 * * * ?");
        assertThat(settings.getBoolean("notify.resend-dead-letters-at-start")).isTrue();
        assertThat(Settings.of(Map.of("sandbox.threads", "3")).getInt("sandbox.threads")).isEqualTo(3);
        assertThat(Settings.of(Map.of()).getInt("sandbox.threads")).isEqualTo(16);
        // what an operator set is "given" (checked for misspellings, handed to Camel); the defaults are not
        assertThat(settings.keysStartingWith("campaigns.")).containsExactly("campaigns.drift",
                "campaigns.sync.time-zone");
    }

    @Test
    void namesTheKeyWhenNoLayerSetsIt() {
        Settings settings = Settings.of(Map.of());
        assertThatThrownBy(() -> settings.getLong("contacts.no-such-key"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("contacts.no-such-key has no value")
                .hasMessageContaining("CONTACTS_NO_SUCH_KEY")
                .hasMessageContaining("restore the line from the shipped config/application.properties");
        // an internal switch the commands set has its unset value in the one place that reads it
        assertThat(settings.getSwitch("pipeline.tool", false)).isFalse();
        assertThat(settings.with(Map.of("pipeline.tool", "true")).getSwitch("pipeline.tool", false)).isTrue();
        assertThatThrownBy(() -> settings.with(Map.of("pipeline.tool", "yes")).getSwitch("pipeline.tool", false))
                .hasMessageContaining("true or false");
    }

    @Test
    void namesTheKeyAndTheFixWhenAValueDoesNotParse() throws IOException {
        Settings settings = load("sandbox.port = eighty\nflag = yes\n", Map.of(), Map.of());

        assertThatThrownBy(() -> settings.getInt("sandbox.port"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sandbox.port=eighty")
                .hasMessageContaining("a whole number")
                .hasMessageContaining("SANDBOX_PORT");
        assertThatThrownBy(() -> settings.getBoolean("flag")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> settings.require("genesys.client-id", "set your OAuth client id"))
                .hasMessageContaining("genesys.client-id is missing")
                .hasMessageContaining("set your OAuth client id");
    }

    @Test
    void loadsTheShippedConfigurationWithoutErrors() {
        Settings shipped = Settings.load(Path.of("config"), Map.of(), Map.of());
        // the mode is unset (sandbox unless credentials are set: runtime.GenesysModeTest)
        assertThat(shipped.find("genesys.mode")).isEmpty();
        assertThat(shipped.getInt("sandbox.rate-limit-per-minute")).isEqualTo(300);
        assertThat(shipped.get("camel.component.http.automatic-retries-disabled")).isEqualTo("true");
    }
}
