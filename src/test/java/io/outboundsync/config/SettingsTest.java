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

        assertThat(settings.get("a.b-c", null)).isEqualTo("system");
        assertThat(settings.get("both", null)).isEqualTo("env");
        assertThat(settings.get("only.file", null)).isEqualTo("f");
        assertThat(settings.get("missing", "fallback")).isEqualTo("fallback");
        assertThat(Settings.environmentName("sandbox.fault.error-rate")).isEqualTo("SANDBOX_FAULT_ERROR_RATE");
    }

    @Test
    void treatsABlankValueAsUnset() throws IOException {
        Settings settings = load("genesys.api-url =\n", Map.of(), Map.of());
        assertThat(settings.find("genesys.api-url")).isEmpty();
    }

    @Test
    void namesTheKeyAndTheFixWhenAValueDoesNotParse() throws IOException {
        Settings settings = load("sandbox.port = eighty\nflag = yes\n", Map.of(), Map.of());

        assertThatThrownBy(() -> settings.getInt("sandbox.port", 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sandbox.port=eighty")
                .hasMessageContaining("a whole number")
                .hasMessageContaining("SANDBOX_PORT");
        assertThatThrownBy(() -> settings.getBoolean("flag", false)).hasMessageContaining("true or false");
        assertThatThrownBy(() -> settings.require("genesys.client-id", "set your OAuth client id"))
                .hasMessageContaining("genesys.client-id is missing")
                .hasMessageContaining("set your OAuth client id");
    }

    @Test
    void loadsTheShippedConfigurationWithoutErrors() {
        Settings shipped = Settings.load(Path.of("config"), Map.of(), Map.of());
        assertThat(shipped.get("genesys.mode", null)).isEqualTo("sandbox");
        assertThat(shipped.getInt("sandbox.rate-limit-per-minute", -1)).isEqualTo(300);
        assertThat(shipped.get("camel.component.http.automatic-retries-disabled", null)).isEqualTo("true");
    }
}
