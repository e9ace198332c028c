package io.outboundsync.sandbox;

import io.outboundsync.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every knob of the emulator, read from the {@code sandbox.*} settings (file, environment or {@code -D}).
 *
 * @param port                    loopback port; 0 picks a free one
 * @param clientId                the OAuth client the emulator accepts
 * @param clientSecret            its secret
 * @param tokenLifetimeSeconds    how long an issued bearer token is valid
 * @param maxContactsPerRequest   the most contacts one add-contacts request may carry
 * @param rateLimitPerMinute      requests a token may make per window (a minute unless changed); 0 for no limit
 * @param rateLimitWindowMs       the rate-limit window; the real service's is a minute
 * @param faultSeed               seed of the fault-injection random sequence
 * @param faultErrorRate          probability that a request gets a 503 with Retry-After
 * @param faultRetryAfterSeconds  the Retry-After sent with an injected 503
 * @param faultSlowRate           probability that a request is delayed
 * @param faultSlowMs             the delay of a slow request
 * @param faultDropRate           probability that the connection is closed without a reply
 * @param campaignStoppingMs      how long a campaign turned off stays {@code stopping} before it is {@code off}
 * @param importDurationMs        how long a contact list's import stays {@code IN_PROGRESS} after contacts are added
 * @param exportDelayMs           how long a contact list export takes before its download URI is given
 * @param contactsPerList         the most contacts a contact list holds (Genesys: 1,000,000)
 * @param contactsPerOrg          the most contacts all the org's lists hold (Genesys: 5,000,000)
 * @param contactLists            the most contact lists an org has (Genesys: 1,000)
 * @param journalSize             how many requests the journal keeps
 * @param threads                 worker threads serving requests
 * @param org                     the org objects campaigns refer to
 */
public record SandboxSettings(
        int port,
        String clientId,
        String clientSecret,
        long tokenLifetimeSeconds,
        int maxContactsPerRequest,
        int rateLimitPerMinute,
        long rateLimitWindowMs,
        long faultSeed,
        double faultErrorRate,
        int faultRetryAfterSeconds,
        double faultSlowRate,
        long faultSlowMs,
        double faultDropRate,
        long campaignStoppingMs,
        long importDurationMs,
        long exportDelayMs,
        long contactsPerList,
        long contactsPerOrg,
        int contactLists,
        int journalSize,
        int threads,
        OrgSeed org) {

    /**
     * The emulated org: its id and name ({@code GET /api/v2/organizations/me}) and the queues, scripts, sites, edge
     * groups, call analysis response sets and routing skills it has. The id is {@code sandbox.org.id}, or a new one for each
     * sandbox started: an emulator that starts empty is another org than the one before it.
     */
    public record OrgSeed(List<QueueSeed> queues, List<String> scripts, List<String> sites, List<String> edgeGroups,
            List<String> callAnalysisResponseSets, List<String> skills, String id, String name) {
    }

    /** A queue and its agents: how many are on queue, and how many of those are idle (available). */
    public record QueueSeed(String name, int onQueue, int idle) {
    }

    /** The shipped defaults for everything (port 0: a free one): what tests start from. */
    public static SandboxSettings defaults() {
        return from(Settings.of(Map.of()));
    }

    public static SandboxSettings from(Settings s) {
        SandboxSettings settings = new SandboxSettings(
                s.getInt("sandbox.port"),
                s.get("sandbox.client-id"),
                s.get("sandbox.client-secret"),
                s.getLong("sandbox.token-lifetime-seconds"),
                s.getInt("sandbox.max-contacts-per-request"),
                s.getInt("sandbox.rate-limit-per-minute"),
                s.getLong("sandbox.rate-limit-window-ms"),
                s.getLong("sandbox.fault.seed"),
                s.getDouble("sandbox.fault.error-rate"),
                s.getInt("sandbox.fault.retry-after-seconds"),
                s.getDouble("sandbox.fault.slow-rate"),
                s.getLong("sandbox.fault.slow-ms"),
                s.getDouble("sandbox.fault.drop-rate"),
                s.getLong("sandbox.campaign.stopping-ms"),
                s.getLong("sandbox.import-duration-ms"),
                s.getLong("sandbox.export-delay-ms"),
                s.getLong("sandbox.limits.contacts-per-list"),
                s.getLong("sandbox.limits.contacts-per-org"),
                s.getInt("sandbox.limits.contact-lists"),
                s.getInt("sandbox.journal-size"),
                s.getInt("sandbox.threads"),
                new OrgSeed(
                        queues(s, "sandbox.org.queues"),
                        names(s, "sandbox.org.scripts"),
                        names(s, "sandbox.org.sites"),
                        names(s, "sandbox.org.edge-groups"),
                        names(s, "sandbox.org.call-analysis-response-sets"),
                        names(s, "sandbox.org.skills"),
                        orgId(s), s.get("sandbox.org.name")));
        settings.check(s);
        return settings;
    }

    private static String orgId(Settings s) {
        String id = s.find("sandbox.org.id").orElse(null);
        if (id == null) {
            return java.util.UUID.randomUUID().toString();
        }
        try {
            return java.util.UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw s.invalid("sandbox.org.id", id, "a UUID such as 6a2f7c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b (Genesys org ids"
                    + " are UUIDs), or leave it unset for a new org each time the sandbox starts");
        }
    }

    /** The same settings on another port. */
    public SandboxSettings withPort(int newPort) {
        return new SandboxSettings(newPort, clientId, clientSecret, tokenLifetimeSeconds, maxContactsPerRequest,
                rateLimitPerMinute, rateLimitWindowMs, faultSeed, faultErrorRate, faultRetryAfterSeconds, faultSlowRate, faultSlowMs,
                faultDropRate, campaignStoppingMs, importDurationMs, exportDelayMs, contactsPerList, contactsPerOrg,
                contactLists, journalSize, threads, org);
    }

    private void check(Settings s) {
        range(s, "sandbox.port", port, 0, 65_535);
        range(s, "sandbox.token-lifetime-seconds", tokenLifetimeSeconds, 1, Integer.MAX_VALUE);
        range(s, "sandbox.max-contacts-per-request", maxContactsPerRequest, 1, 100_000);
        range(s, "sandbox.rate-limit-per-minute", rateLimitPerMinute, 0, Integer.MAX_VALUE);
        range(s, "sandbox.rate-limit-window-ms", rateLimitWindowMs, 100, 3_600_000);
        range(s, "sandbox.fault.retry-after-seconds", faultRetryAfterSeconds, 0, 3600);
        range(s, "sandbox.fault.slow-ms", faultSlowMs, 0, 600_000);
        range(s, "sandbox.campaign.stopping-ms", campaignStoppingMs, 0, 3_600_000);
        range(s, "sandbox.import-duration-ms", importDurationMs, 0, 3_600_000);
        range(s, "sandbox.export-delay-ms", exportDelayMs, 0, 3_600_000);
        range(s, "sandbox.limits.contacts-per-list", contactsPerList, 1, Long.MAX_VALUE);
        range(s, "sandbox.limits.contacts-per-org", contactsPerOrg, 1, Long.MAX_VALUE);
        range(s, "sandbox.limits.contact-lists", contactLists, 1, Integer.MAX_VALUE);
        range(s, "sandbox.journal-size", journalSize, 0, 10_000_000);
        range(s, "sandbox.threads", threads, 1, 1000);
        probability(s, "sandbox.fault.error-rate", faultErrorRate);
        probability(s, "sandbox.fault.slow-rate", faultSlowRate);
        probability(s, "sandbox.fault.drop-rate", faultDropRate);
        if (faultErrorRate + faultDropRate > 1) {
            throw s.invalid("sandbox.fault.error-rate", String.valueOf(faultErrorRate),
                    "a probability that, added to sandbox.fault.drop-rate, stays at most 1");
        }
    }

    private static void range(Settings s, String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw s.invalid(key, String.valueOf(value), "a whole number from " + min + " to " + max);
        }
    }

    private static void probability(Settings s, String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw s.invalid(key, String.valueOf(value), "a probability from 0 to 1, e.g. 0.05");
        }
    }

    private static List<String> names(Settings s, String key) {
        List<String> names = new ArrayList<>();
        for (String name : s.get(key).split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }

    private static List<QueueSeed> queues(Settings s, String key) {
        String expected = "a comma-separated list of name=onQueue/idle, e.g. Outbound Sales=12/8,Collections=6/3";
        List<QueueSeed> queues = new ArrayList<>();
        for (String entry : names(s, key)) {
            int eq = entry.lastIndexOf('=');
            int slash = entry.lastIndexOf('/');
            if (eq <= 0 || slash < eq) {
                throw s.invalid(key, entry, expected);
            }
            try {
                int onQueue = Integer.parseInt(entry.substring(eq + 1, slash).trim());
                int idle = Integer.parseInt(entry.substring(slash + 1).trim());
                if (onQueue < 0 || idle < 0 || idle > onQueue) {
                    throw s.invalid(key, entry, expected + " (idle agents are some of those on queue)");
                }
                queues.add(new QueueSeed(entry.substring(0, eq).trim(), onQueue, idle));
            } catch (NumberFormatException e) {
                throw s.invalid(key, entry, expected);
            }
        }
        return List.copyOf(queues);
    }
}
