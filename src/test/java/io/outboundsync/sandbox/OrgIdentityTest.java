package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulated org's id: a new one for each sandbox started, or the one {@code sandbox.org.id} fixes. */
class OrgIdentityTest {

    @Test
    void eachSandboxIsAnotherOrgUnlessTheIdIsFixed() {
        String fixed = "6a2f7c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
        try (GenesysSandbox a = GenesysSandbox.start(SandboxSettings.defaults());
                GenesysSandbox b = GenesysSandbox.start(SandboxSettings.defaults());
                GenesysSandbox c = GenesysSandbox.start(SandboxSettings.from(Settings.of(Map.of("sandbox.org.id",
                        fixed, "sandbox.org.name", "Acme Outbound"))))) {
            assertThat(a.orgId()).isNotEqualTo(b.orgId());
            assertThat(c.orgId()).isEqualTo(fixed);
            SandboxHttp http = new SandboxHttp(c).login();
            assertThat(http.get("/api/v2/organizations/me").body().get("name").asText()).isEqualTo("Acme Outbound");
        }
        assertThatThrownBy(() -> SandboxSettings.from(Settings.of(Map.of("sandbox.org.id", "acme"))))
                .hasMessageContaining("sandbox.org.id").hasMessageContaining("UUID");
    }
}
