package io.outboundsync.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The setting keys Outbound Sync reads: every key of the shipped {@code config/application.properties}, set or
 * commented out ({@code #genesys.api-url =}), carried in the jar as {@code defaults/application.properties}. A key
 * under one of our prefixes that is not among them is most likely misspelled, and would otherwise be ignored
 * without a word: start-up refuses it ({@link #check}).
 */
public final class KnownKeys {

    /** The prefixes of our keys; Camel's own ({@code camel.}) are Camel's to check. */
    static final List<String> PREFIXES = List.of("genesys.", "contacts.", "campaigns.", "state.", "notify.",
            "sandbox.", "audit.", "privacy.", "observe.");
    /** Keys written by the process itself or named in the README without a line in the settings file. */
    private static final Set<String> INTERNAL = Set.of("genesys.client-id", "genesys.client-secret",
            "notify.cdp.secret", "notify.wfm.secret", "notify.alerts.secret", "state.jdbc-user", "state.jdbc-password",
            "contacts.inbox.take-once", "contacts.inbox.auto-startup", "contacts.inbox.completion-options",
            "contacts.reports.dir", "contacts.dnc.auto-startup", "campaigns.routes.auto-startup", "campaigns.triggers",
            "campaigns.commands.read-lock", "audit.dir", "observe.status.auto-startup", "contacts.reconcile.auto-startup");
    private static final Pattern KEY = Pattern.compile("^#?\\s*([a-z][a-z0-9.-]*)\\s*[=:]");

    private final Set<String> keys;

    private KnownKeys(Set<String> keys) {
        this.keys = keys;
    }

    /** The keys of the shipped settings file in the jar. */
    public static KnownKeys shipped() {
        try (InputStream in = KnownKeys.class.getResourceAsStream("/defaults/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("defaults/application.properties is missing from the jar");
            }
            return of(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of a settings file's lines. */
    static KnownKeys of(List<String> lines) {
        Set<String> keys = new TreeSet<>(INTERNAL);
        for (String line : lines) {
            Matcher m = KEY.matcher(line.strip());
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return new KnownKeys(keys);
    }

    /**
     * Environment variables set by others that share a prefix with ours: systemd sets {@code STATE_DIRECTORY} for
     * a unit with {@code StateDirectory=} (deploy/outbound-sync.service has one).
     */
    static final Set<String> FOREIGN_VARIABLES = Set.of("STATE_DIRECTORY");

    /**
     * Refuses settings that look like ours and are not: a key under one of our prefixes (in the settings file or as
     * {@code -D}) or an environment variable named like one that Outbound Sync does not read would otherwise be
     * ignored in silence, and the value it was meant to change left at its default.
     *
     * @throws ConfigException naming every such key, where it was given and the key it most likely meant
     */
    public void check(Settings settings) {
        List<String> unknown = unknown(settings);
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown.size() + " setting" + (unknown.size() == 1 ? " is" : "s are")
                    + " not read by Outbound Sync, and would be ignored:\n  " + String.join("\n  ", unknown));
        }
        List<String> mistyped = mistyped(settings);
        if (!mistyped.isEmpty()) {
            throw new ConfigException(mistyped.size() + (mistyped.size() == 1 ? " setting does not hold a value of"
                    + " its type" : " settings do not hold a value of their type") + ":\n  "
                    + String.join("\n  ", mistyped));
        }
    }

    private static final Pattern WHOLE = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    /**
     * One line per given key whose value is not of its shipped default's type (a whole number, a decimal number,
     * true or false), with where it was given: said before anything starts, not as a bean that failed to build.
     */
    public List<String> mistyped(Settings settings) {
        Map<String, String> defaults = Settings.shipped();
        Set<String> given = new TreeSet<>();
        for (String prefix : PREFIXES) {
            given.addAll(settings.keysStartingWith(prefix));
        }
        List<String> mistyped = new ArrayList<>();
        for (String key : given) {
            String shipped = defaults.get(key);
            String value = settings.find(key).orElse(null);
            if (shipped == null || shipped.isBlank() || value == null) {
                continue;
            }
            String expected = null;
            if (WHOLE.matcher(shipped).matches() && !WHOLE.matcher(value.strip()).matches()) {
                expected = "a whole number";
            } else if (DECIMAL.matcher(shipped).matches() && !WHOLE.matcher(shipped).matches()
                    && !DECIMAL.matcher(value.strip()).matches()) {
                expected = "a decimal number";
            } else if ((shipped.equals("true") || shipped.equals("false"))
                    && !value.strip().equalsIgnoreCase("true") && !value.strip().equalsIgnoreCase("false")) {
                expected = "true or false";
            }
            if (expected != null) {
                mistyped.add("Setting " + key + "=" + value + " (" + settings.whereGiven(key) + ") is not " + expected
                        + ". Fix: set it to " + expected + ", such as the default " + shipped);
            }
        }
        return mistyped;
    }

    /** One line per key or environment variable under our prefixes that Outbound Sync does not read. */
    public List<String> unknown(Settings settings) {
        Set<String> given = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        for (String prefix : PREFIXES) {
            given.addAll(settings.keysStartingWith(prefix));
            variables.addAll(settings.environmentNamesStartingWith(Settings.environmentName(prefix)));
        }
        List<String> unknown = new ArrayList<>();
        for (String key : given) {
            if (!keys.contains(key)) {
                unknown.add(unknownKey(key, settings.whereGiven(key)));
            }
        }
        unknown.addAll(unknownVariables(variables));
        return unknown;
    }

    /**
     * One line per environment variable named like one of our keys ({@code GENESYS_...}, {@code CONTACTS_...})
     * that no key we read maps to. Dots and dashes both become underscores, so the closest key is suggested by its
     * variable name.
     */
    List<String> unknownVariables(Set<String> variables) {
        Map<String, String> byVariable = new TreeMap<>();
        keys.forEach(k -> byVariable.put(Settings.environmentName(k), k));
        List<String> unknown = new ArrayList<>();
        for (String variable : variables) {
            if (byVariable.containsKey(variable) || FOREIGN_VARIABLES.contains(variable)) {
                continue;
            }
            String closest = closest(variable, byVariable.keySet());
            unknown.add("Environment variable " + variable + " is not a setting Outbound Sync reads. Fix: "
                    + (closest == null ? "unset it, or name one of the settings of config/application.properties"
                            : "did you mean " + closest + " (" + byVariable.get(closest) + ")?"));
        }
        return unknown;
    }

    private String unknownKey(String key, String where) {
        String closest = closest(key, keys);
        return "Setting " + key + " (" + where + ") is not a setting Outbound Sync reads. Fix: " + (closest == null
                ? "remove it, or name one of the settings of config/application.properties"
                : "did you mean " + closest + "?");
    }

    private static String closest(String key, Set<String> candidates) {
        return DidYouMean.closest(key, candidates);
    }
}
