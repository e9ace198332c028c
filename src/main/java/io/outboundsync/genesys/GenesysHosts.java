package io.outboundsync.genesys;

import io.outboundsync.config.ConfigException;
import java.util.Map;

/**
 * The API and login hosts of a Genesys Cloud region: {@code https://api.<domain>} and {@code https://login.<domain>},
 * or the URLs given by {@code genesys.api-url} / {@code genesys.login-url}.
 */
public record GenesysHosts(String apiUrl, String loginUrl) {

    /** Region ids as the SDKs name them, mapped to their domains (../shared/genesys-api/NOTES.md §1). */
    public static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("us-east-1", "mypurecloud.com"),
            Map.entry("us-east-2", "use2.us-gov-pure.cloud"),
            Map.entry("us-west-2", "usw2.pure.cloud"),
            Map.entry("ca-central-1", "cac1.pure.cloud"),
            Map.entry("sa-east-1", "sae1.pure.cloud"),
            Map.entry("eu-west-1", "mypurecloud.ie"),
            Map.entry("eu-west-2", "euw2.pure.cloud"),
            Map.entry("eu-central-1", "mypurecloud.de"),
            Map.entry("eu-central-2", "euc2.pure.cloud"),
            Map.entry("ap-south-1", "aps1.pure.cloud"),
            Map.entry("ap-northeast-1", "mypurecloud.jp"),
            Map.entry("ap-northeast-2", "apne2.pure.cloud"),
            Map.entry("ap-northeast-3", "apne3.pure.cloud"),
            Map.entry("ap-southeast-2", "mypurecloud.com.au"),
            Map.entry("me-central-1", "mec1.pure.cloud"),
            Map.entry("mx-central-1", "mxc1.pure.cloud"));

    /**
     * The hosts for a region given as a domain ({@code mypurecloud.ie}) or a region id ({@code eu-west-1}),
     * each overridden by an explicit URL when one is given.
     */
    public static GenesysHosts of(String region, String apiUrlOverride, String loginUrlOverride) {
        String domain = null;
        if (region != null && !region.isBlank()) {
            String r = region.trim().toLowerCase(java.util.Locale.ROOT);
            domain = REGIONS.getOrDefault(r, REGIONS.containsValue(r) ? r : null);
            if (domain == null && (apiUrlOverride == null || loginUrlOverride == null)) {
                throw new ConfigException("Setting genesys.region=" + region + " is not a Genesys Cloud region."
                        + " Fix: use a region domain such as mypurecloud.com or mypurecloud.ie, a region id such as"
                        + " eu-west-1 (known: " + String.join(", ", new java.util.TreeSet<>(REGIONS.values()))
                        + "), or set genesys.api-url and genesys.login-url.");
            }
        } else if (apiUrlOverride == null || loginUrlOverride == null) {
            throw new ConfigException("Setting genesys.region is missing. Fix: set it to your org's region domain,"
                    + " e.g. mypurecloud.com, or set genesys.api-url and genesys.login-url.");
        }
        String api = apiUrlOverride != null ? trimSlash(apiUrlOverride) : "https://api." + domain;
        String login = loginUrlOverride != null ? trimSlash(loginUrlOverride) : "https://login." + domain;
        return new GenesysHosts(api, login);
    }

    private static String trimSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
