package io.outboundsync.runtime;

import io.outboundsync.config.ConfigException;
import io.outboundsync.config.Settings;
import io.outboundsync.genesys.GenesysHosts;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Genesys is for this process: {@code genesys.mode=sandbox} starts the embedded emulator in-process and points
 * everything at it; {@code live} uses the region's hosts and the credentials from {@code GENESYS_CLIENT_ID} /
 * {@code GENESYS_CLIENT_SECRET}, and says which is missing.
 */
public final class GenesysConnection implements AutoCloseable {

    private final String mode;
    private final GenesysHosts hosts;
    private final String clientId;
    private final String clientSecret;
    private final GenesysSandbox sandbox;

    private GenesysConnection(String mode, GenesysHosts hosts, String clientId, String clientSecret,
            GenesysSandbox sandbox) {
        this.mode = mode;
        this.hosts = hosts;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.sandbox = sandbox;
    }

    /**
     * The mode the settings ask for: {@code live} or {@code sandbox} as set; unset, the sandbox, unless OAuth client
     * credentials are set: then it is not clear which Genesys is meant, and guessing the sandbox would sync a
     * production install into an emulator.
     *
     * @throws ConfigException for credentials without a mode, or a mode that is neither
     */
    public static String mode(Settings settings) {
        java.util.Optional<String> mode = settings.find("genesys.mode");
        if (mode.isPresent()) {
            if (!List.of("sandbox", "live").contains(mode.get())) {
                throw settings.invalid("genesys.mode", mode.get(), "sandbox or live");
            }
            return mode.get();
        }
        List<String> given = new ArrayList<>();
        java.util.Map<String, String> tools = settings.fromGenesysToolVariables();
        for (String key : List.of("genesys.client-id", "genesys.client-secret")) {
            if (settings.find(key).isPresent()) {
                given.add(key + " / " + (tools.containsKey(key) ? tools.get(key) : Settings.environmentName(key)));
            }
        }
        if (!given.isEmpty()) {
            throw new ConfigException("Genesys OAuth client credentials are set (" + String.join(", ", given)
                    + "), but genesys.mode is not, so it is not clear whether to sync into their org or into the"
                    + " embedded sandbox. Fix: set GENESYS_MODE=live (or genesys.mode = live) to sync into the org of"
                    + " these credentials, or GENESYS_MODE=sandbox to try the embedded sandbox and leave them"
                    + " unused.");
        }
        return "sandbox";
    }

    public static GenesysConnection open(Settings settings) {
        String mode = mode(settings);
        switch (mode) {
            case "sandbox" -> {
                SandboxSettings sandboxSettings = SandboxSettings.from(settings);
                GenesysSandbox sandbox = GenesysSandbox.start(sandboxSettings);
                GenesysHosts hosts = new GenesysHosts(sandbox.baseUrl(), sandbox.baseUrl());
                return new GenesysConnection(mode, hosts, sandboxSettings.clientId(), sandboxSettings.clientSecret(),
                        sandbox);
            }
            case "live" -> {
                GenesysHosts hosts = GenesysHosts.of(settings.find("genesys.region").orElse(null),
                        settings.find("genesys.api-url").orElse(null), settings.find("genesys.login-url").orElse(null));
                List<String> missing = new ArrayList<>();
                String id = settings.find("genesys.client-id").orElse(null);
                String secret = settings.find("genesys.client-secret").orElse(null);
                if (id == null) {
                    missing.add("GENESYS_CLIENT_ID (or GENESYSCLOUD_OAUTHCLIENT_ID)");
                }
                if (secret == null) {
                    missing.add("GENESYS_CLIENT_SECRET (or GENESYSCLOUD_OAUTHCLIENT_SECRET)");
                }
                if (!missing.isEmpty()) {
                    throw new ConfigException("genesys.mode=live needs the OAuth client credentials, but "
                            + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                            + " not set. Fix: export " + String.join(" and ", missing) + " with the client-credentials"
                            + " grant of your Genesys Cloud OAuth client, or set genesys.mode=sandbox to try it"
                            + " locally.");
                }
                return new GenesysConnection(mode, hosts, id, secret, null);
            }
            default -> throw settings.invalid("genesys.mode", mode, "sandbox or live");
        }
    }

    public String mode() {
        return mode;
    }

    public GenesysHosts hosts() {
        return hosts;
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret, for the token request only. */
    String clientSecret() {
        return clientSecret;
    }

    /** The in-process emulator, or null in live mode. */
    public GenesysSandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    public String toString() {
        return "GenesysConnection[mode=" + mode + ", api=" + hosts.apiUrl() + ", login=" + hosts.loginUrl()
                + ", clientId=" + clientId + "]";
    }
}
