package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.config.ConfigException;
import io.outboundsync.config.Settings;
import io.outboundsync.runtime.GenesysConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenesysHostsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mypurecloud.com,  https://api.mypurecloud.com,    https://login.mypurecloud.com",
            "us-east-1,        https://api.mypurecloud.com,    https://login.mypurecloud.com",
            "mypurecloud.ie,   https://api.mypurecloud.ie,     https://login.mypurecloud.ie",
            "eu-west-2,        https://api.euw2.pure.cloud,    https://login.euw2.pure.cloud",
            "mypurecloud.de,   https://api.mypurecloud.de,     https://login.mypurecloud.de",
            "ap-southeast-2,   https://api.mypurecloud.com.au, https://login.mypurecloud.com.au",
            "mypurecloud.jp,   https://api.mypurecloud.jp,     https://login.mypurecloud.jp",
            "cac1.pure.cloud,  https://api.cac1.pure.cloud,    https://login.cac1.pure.cloud",
            "us-east-2,        https://api.use2.us-gov-pure.cloud, https://login.use2.us-gov-pure.cloud",
            "me-central-1,     https://api.mec1.pure.cloud,    https://login.mec1.pure.cloud",
    })
    void derivesBothHostsFromTheRegion(String region, String api, String login) {
        assertThat(GenesysHosts.of(region, null, null)).isEqualTo(new GenesysHosts(api, login));
    }

    @Test
    void takesExplicitUrlsOverTheRegion() {
        assertThat(GenesysHosts.of("mypurecloud.ie", "http://127.0.0.1:9000/", null))
                .isEqualTo(new GenesysHosts("http://127.0.0.1:9000", "https://login.mypurecloud.ie"));
        assertThat(GenesysHosts.of(null, "http://a", "http://b")).isEqualTo(new GenesysHosts("http://a", "http://b"));
    }

    @Test
    void refusesAnUnknownRegionNamingTheFix() {
        assertThatThrownBy(() -> GenesysHosts.of("mypurecloud.moon", null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("genesys.region=mypurecloud.moon")
                .hasMessageContaining("mypurecloud.ie");
    }

    @Test
    void liveModeSaysWhichCredentialIsMissing() {
        assertThatThrownBy(() -> GenesysConnection.open(Settings.of(Map.of("genesys.mode", "live",
                "genesys.region", "mypurecloud.com", "genesys.client-id", "abc"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GENESYS_CLIENT_SECRET (or GENESYSCLOUD_OAUTHCLIENT_SECRET) is not set")
                .hasMessageNotContaining("GENESYS_CLIENT_ID");
        assertThatThrownBy(() -> GenesysConnection.open(Settings.of(Map.of("genesys.mode", "live",
                "genesys.region", "mypurecloud.com"))))
                .hasMessageContaining("GENESYS_CLIENT_ID (or GENESYSCLOUD_OAUTHCLIENT_ID) and GENESYS_CLIENT_SECRET"
                        + " (or GENESYSCLOUD_OAUTHCLIENT_SECRET) are not set");
        assertThatThrownBy(() -> GenesysConnection.open(Settings.of(Map.of("genesys.mode", "cloud"))))
                .hasMessageContaining("genesys.mode=cloud").hasMessageContaining("sandbox or live");
    }

    @Test
    void liveModeWithCredentialsPointsAtTheRegionAndNeverPrintsTheSecret() {
        try (GenesysConnection live = GenesysConnection.open(Settings.of(Map.of("genesys.mode", "live",
                "genesys.region", "eu-west-1", "genesys.client-id", "abc", "genesys.client-secret", "s3cr3t")))) {
            assertThat(live.hosts().apiUrl()).isEqualTo("https://api.mypurecloud.ie");
            assertThat(live.sandbox()).isNull();
            assertThat(live.toString()).doesNotContain("s3cr3t");
        }
    }
}
