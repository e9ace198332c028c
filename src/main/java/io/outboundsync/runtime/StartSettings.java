package io.outboundsync.runtime;

import io.outboundsync.campaigns.CampaignLimits;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.config.ConfigException;
import io.outboundsync.config.SettingProblems;
import io.outboundsync.config.Settings;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * What the start of a run needs of the settings, read once and checked together: every mistake is reported at once
 * ({@link SettingProblems}), and nothing after start-up looks a setting up by key. The flows' own numbers reach their
 * beans as Camel properties ({@code @PropertyInject} in the {@code *Configuration} classes, {@code {{key}}} in the
 * routes): {@link #camelProperties} says what this run gives Camel over the shipped defaults.
 *
 * @param trigger what started the run: {@code run}, {@code once}, {@code cli}, {@code plan}, {@code test}
 * @param tool a one-shot tool (plan, campaign, audit export): no inbox, no command files, no schedules, and the
 *        ledger may be in use by a running process
 * @param claims instances on one shared state claim each file in the database before they take it ({@code run}
 *        with {@code state.jdbc-url}; {@code once} takes the inbox as one machine does)
 * @param reconcileCron the nightly reconciliation's cron, when it runs on one in this process
 * @param shared the PostgreSQL state the instances share, if any
 */
public record StartSettings(String trigger, boolean tool, boolean watchInbox, boolean triggers, boolean claims,
        Path inbox, Path commands, String inboxCompletion, Schedule sync, Optional<Schedule> reconcileCron,
        CampaignSpec.Slot defaultCallingWindow, CampaignSync.DriftPolicy drift, int checkThreads, String instance,
        Optional<Shared> shared, Observe observe, boolean resendDeadLetters, String pseudonymKey, String auditKey,
        Map<String, Webhook> webhooks, Map<String, String> givenRouteKeys) {

    /** The receivers of webhooks ({@code notify.<name>.url} / {@code .secret}). */
    public static final List<String> RECEIVERS = List.of("cdp", "wfm", io.outboundsync.observe.Alerts.RECEIVER);
    /** The prefixes of the keys the routes and beans read as Camel properties. */
    private static final List<String> ROUTE_PREFIXES = List.of("contacts.", "notify.", "genesys.", "campaigns.",
            "state.", "observe.");

    /** A Quartz cron and the zone it runs in. */
    public record Schedule(String cron, String timeZone) {
    }

    /**
     * The shared PostgreSQL state: its URL, user and password ({@code STATE_JDBC_USER} / {@code STATE_JDBC_PASSWORD}),
     * pool size, how often an instance checks in and how long a claim lasts unrenewed.
     */
    public record Shared(String url, String user, String password, int poolSize, long checkInMs, long claimLeaseMs) {

        @Override
        public String toString() {
            return "Shared[" + url + "]"; // never the password
        }
    }

    /** Health, metrics and the status page: served by {@code run} only, on host:port; tracing with them. */
    public record Observe(boolean enabled, String host, int port, boolean tracing) {

        /**
         * The health and metrics port must be free when served: Camel's HTTP server only logs a port it cannot take
         * and runs on without health or metrics, which a supervisor would read as a dead process.
         */
        void requireFreePort() {
            if (!enabled) {
                return;
            }
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(host, port));
            } catch (java.io.IOException e) {
                throw new ConfigException("observe.port " + port + " on " + host + " cannot be taken for health and"
                        + " metrics (" + e.getMessage() + "): is another Outbound Sync running? Fix: stop it, set"
                        + " observe.port (OBSERVE_PORT) to a free port, or observe.enabled=false.");
            }
        }
    }

    /** A webhook receiver as set: its URL and shared secret, either absent. */
    public record Webhook(String url, String secret) {

        @Override
        public String toString() {
            return "Webhook[" + url + "]"; // never the secret
        }
    }

    /** Never the keys, the secrets or the values given (a secret may be among them): what the run is. */
    @Override
    public String toString() {
        return "StartSettings[trigger=" + trigger + ", instance=" + instance + ", tool=" + tool + ", claims=" + claims
                + ", inbox=" + inbox + ", shared=" + shared.map(Shared::toString).orElse("none") + "]";
    }

    /** Reads the settings of a run started by {@code trigger} on the data folder; all mistakes in one exception. */
    public static StartSettings read(Settings settings, Path dataDir, String trigger) {
        SettingProblems problems = new SettingProblems();
        boolean tool = Boolean.TRUE.equals(problems.read(() -> settings.getSwitch("pipeline.tool", false)));
        Optional<String> jdbcUrl = settings.find("state.jdbc-url").filter(url -> !url.isBlank());
        boolean claims = jdbcUrl.isPresent() && "run".equals(trigger);
        boolean run = "run".equals(trigger);
        boolean watchInbox = !tool && Boolean.TRUE.equals(problems.read(() ->
                settings.getSwitch("contacts.inbox.auto-startup", true)));
        boolean triggers = !tool && Boolean.TRUE.equals(problems.read(() ->
                settings.getSwitch("campaigns.triggers", true)));
        Long quietMs = problems.read(() -> quietMs(settings));
        Long checkMs = problems.read(() -> settings.getLong("contacts.inbox.read-lock-check-ms"));
        String completion = problems.read(() -> completion(settings, claims, checkMs, quietMs));
        Schedule sync = new Schedule(problems.read(() -> cron(settings, "campaigns.sync.cron")),
                problems.read(() -> zone(settings, "campaigns.sync.time-zone")));
        // the nightly reconciliation: off unless its cron is set, never in a one-shot tool (checked wherever set)
        Optional<Schedule> reconcile = settings.find("contacts.reconcile.cron").map(cron -> new Schedule(
                problems.read(() -> cron(settings, "contacts.reconcile.cron")),
                problems.read(() -> zone(settings, "contacts.reconcile.time-zone")))).filter(cron -> !tool && run);
        Optional<Shared> shared = jdbcUrl.map(url -> new Shared(url, settings.find("state.jdbc-user").orElse(null),
                settings.find("state.jdbc-password").orElse(null), intOr0(problems.read(() ->
                        settings.getInt("state.jdbc-pool-size"))), longOr0(problems.read(() ->
                        settings.getLong("state.cluster-check-in-ms"))), longOr0(problems.read(() ->
                        settings.getLong("state.claim-lease-ms")))));
        Boolean observeSet = problems.read(() -> settings.getBoolean("observe.enabled"));
        Boolean tracing = problems.read(() -> settings.getBoolean("observe.tracing"));
        Observe observe = new Observe(run && Boolean.TRUE.equals(observeSet), problems.read(() ->
                settings.get("observe.host")), intOr0(problems.read(() -> settings.getInt("observe.port"))),
                Boolean.TRUE.equals(tracing));
        Integer threads = problems.read(() -> settings.getInt("contacts.validation-threads"));
        StartSettings read = new StartSettings(trigger, tool, watchInbox, triggers, claims,
                folder(settings, "contacts.inbox.dir", dataDir.resolve("inbox").resolve("contacts")),
                folder(settings, "campaigns.commands.dir", dataDir.resolve("inbox").resolve("commands")), completion,
                sync, reconcile, problems.read(() -> defaultCallingWindow(settings)),
                problems.read(() -> driftPolicy(settings)),
                threads == null || threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads,
                problems.read(() -> instanceId(settings)), shared, observe,
                Boolean.TRUE.equals(problems.read(() -> settings.getBoolean("notify.resend-dead-letters-at-start"))),
                settings.find("privacy.pseudonym-key").orElse(null), settings.find("audit.key").orElse(null),
                webhooks(settings), givenRouteKeys(settings));
        problems.throwIfAny();
        return read;
    }

    /**
     * What this run gives Camel over the shipped defaults: the keys the settings give (file, environment,
     * {@code -D}, values given in code) and the ones the run works out (folders, the inbox's read lock, who starts
     * what). The inbox, the command files, the schedules and the DNC file's route are started by the start-up once
     * the org's state is open ({@link OrgStartup}), never by Camel.
     */
    public Map<String, String> camelProperties(Path dataDir) {
        Map<String, String> camel = new LinkedHashMap<>(givenRouteKeys);
        camel.put("contacts.inbox.dir", inbox.toString());
        camel.put("contacts.inbox.completion-options", inboxCompletion);
        camel.put("campaigns.commands.dir", commands.toString());
        camel.put("campaigns.commands.read-lock", InboxOptions.commandReadLock(claims));
        if (claims) {
            camel.put("contacts.inbox.take-once", "false");
        }
        camel.put("contacts.inbox.auto-startup", "false");
        camel.put("campaigns.routes.auto-startup", "false");
        camel.put("contacts.dnc.auto-startup", "false");
        camel.put("contacts.reconcile.auto-startup", "false");
        camel.put("campaigns.sync.cron", sync.cron());
        camel.put("campaigns.sync.time-zone", sync.timeZone());
        camel.put("contacts.validation-threads", String.valueOf(checkThreads));
        camel.put("pipeline.trigger", trigger);
        camel.put("pipeline.instance", instance);
        camel.put("pipeline.data-dir", dataDir.toAbsolutePath().toString());
        camel.put("pipeline.observe", String.valueOf(observe.enabled()));
        camel.put("pipeline.tracing", String.valueOf(observe.enabled() && observe.tracing()));
        camel.put("observe.status.auto-startup", String.valueOf(observe.enabled()));
        camel.put("contacts.reports.dir", dataDir.resolve("reports").toAbsolutePath().toString());
        camel.put("audit.dir", dataDir.resolve("audit").toAbsolutePath().toString());
        return camel;
    }

    /** {@code contacts.inbox.quiet-ms}: how long a drop must not have changed before it is taken. */
    static long quietMs(Settings settings) {
        long quiet = settings.getLong("contacts.inbox.quiet-ms");
        if (quiet < 0) {
            throw settings.invalid("contacts.inbox.quiet-ms", String.valueOf(quiet), "0 or more milliseconds (10000"
                    + " or more on a network share)");
        }
        return quiet;
    }

    private static String completion(Settings settings, boolean claims, Long checkMs, Long quietMs) {
        String completion = settings.get("contacts.inbox.completion");
        String options = InboxOptions.completion(completion, claims, checkMs == null ? 0 : checkMs,
                quietMs == null ? 0 : quietMs);
        if (options == null) {
            throw settings.invalid("contacts.inbox.completion", completion, "read-lock or done-file");
        }
        return options;
    }

    /** A Quartz cron (seconds minutes hours day-of-month month day-of-week). */
    static String cron(Settings settings, String key) {
        String cron = settings.get(key);
        if (!CronExpression.isValidExpression(cron)) {
            throw settings.invalid(key, cron, "a Quartz cron of six fields such as 0 0/15 * * * ? (every 15 minutes)");
        }
        return cron;
    }

    static String zone(Settings settings, String key) {
        String zone = settings.get(key);
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw settings.invalid(key, zone, "an IANA time zone such as Europe/London");
        }
    }

    /** {@code campaigns.default-calling-window}: HH:mm-HH:mm, every day in the campaign's zone. */
    static CampaignSpec.Slot defaultCallingWindow(Settings settings) {
        String value = settings.get("campaigns.default-calling-window");
        var window = CampaignLimits.parseWindow(value);
        if (window == null) {
            throw settings.invalid("campaigns.default-calling-window", value, "HH:mm-HH:mm with the start before the"
                    + " end, such as 08:00-21:00 (the TCPA hours)");
        }
        return window;
    }

    /** {@code campaigns.drift}: report or correct. */
    static CampaignSync.DriftPolicy driftPolicy(Settings settings) {
        String value = settings.get("campaigns.drift");
        return switch (value) {
            case "report" -> CampaignSync.DriftPolicy.REPORT;
            case "correct" -> CampaignSync.DriftPolicy.CORRECT;
            default -> throw settings.invalid("campaigns.drift", value, "report or correct");
        };
    }

    /** {@code state.instance-id}, or this host's name and the process id: unique among running instances. */
    public static String instanceId(Settings settings) {
        Optional<String> set = settings.find("state.instance-id").filter(id -> !id.isBlank());
        if (set.isPresent() && !set.get().matches("[A-Za-z0-9._-]{1,100}")) {
            throw settings.invalid("state.instance-id", set.get(), "up to 100 letters, digits, dots, dashes and"
                    + " underscores, unique among the instances (such as the host's name)");
        }
        return set.orElseGet(() -> hostName().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid());
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** A folder the settings may name (the inbox and command files may be on a share); else one in the data folder. */
    private static Path folder(Settings settings, String key, Path otherwise) {
        return settings.find(key).filter(d -> !d.isBlank()).map(Path::of).orElse(otherwise).toAbsolutePath();
    }

    private static Map<String, Webhook> webhooks(Settings settings) {
        Map<String, Webhook> webhooks = new LinkedHashMap<>();
        for (String name : RECEIVERS) {
            webhooks.put(name, new Webhook(settings.find("notify." + name + ".url").orElse(null),
                    settings.find("notify." + name + ".secret").orElse(null)));
        }
        return webhooks;
    }

    /** The keys the settings give under the routes' prefixes, as they resolve them. */
    private static Map<String, String> givenRouteKeys(Settings settings) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String prefix : ROUTE_PREFIXES) {
            for (String key : settings.keysStartingWith(prefix)) {
                settings.find(key).ifPresent(value -> given.put(key, value));
            }
        }
        return given;
    }

    private static int intOr0(Integer value) {
        return value == null ? 0 : value;
    }

    private static long longOr0(Long value) {
        return value == null ? 0 : value;
    }
}
