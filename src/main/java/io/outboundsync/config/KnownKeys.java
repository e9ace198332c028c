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
 * without a word.
 */
public final class KnownKeys {

    /** The prefixes of our keys; Camel's own ({@code camel.}) are Camel's to check. */
    static final List<String> PREFIXES = List.of("genesys.", "contacts.", "campaigns.", "state.", "notify.",
            "sandbox.", "audit.", "privacy.", "observe.");
    /** Keys written by the process itself or named in the README without a line in the settings file. */
    private static final Set<String> INTERNAL = Set.of("genesys.client-id", "genesys.client-secret",
            "notify.cdp.secret", "notify.wfm.secret", "notify.alerts.secret", "state.jdbc-user", "state.jdbc-password",
            "contacts.inbox.read-lock-min-age-ms",
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
     * One warning per key under our prefixes that Outbound Sync does not read, with the known key it most likely
     * meant.
     */
    public List<String> warnings(Settings settings) {
        Set<String> given = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        for (String prefix : PREFIXES) {
            given.addAll(settings.keysStartingWith(prefix));
            variables.addAll(settings.environmentNamesStartingWith(Settings.environmentName(prefix)));
        }
        List<String> warnings = warnings(given);
        warnings.addAll(environmentWarnings(variables));
        return warnings;
    }

    /**
     * One warning per environment variable named like one of our keys ({@code GENESYS_...}, {@code CONTACTS_...})
     * that no key we read maps to. Dots and dashes both become underscores, so the closest key is suggested by its
     * variable name.
     */
    List<String> environmentWarnings(Set<String> variables) {
        Map<String, String> byVariable = new TreeMap<>();
        keys.forEach(k -> byVariable.put(Settings.environmentName(k), k));
        List<String> warnings = new ArrayList<>();
        for (String variable : variables) {
            if (byVariable.containsKey(variable)) {
                continue;
            }
            String closest = closest(variable, byVariable.keySet());
            warnings.add("Environment variable " + variable + " is not a setting Outbound Sync reads, and is ignored."
                    + (closest == null ? "" : " Did you mean " + closest + " (" + byVariable.get(closest) + ")?"));
        }
        return warnings;
    }

    List<String> warnings(Set<String> given) {
        List<String> warnings = new ArrayList<>();
        for (String key : given) {
            if (PREFIXES.stream().noneMatch(key::startsWith) || keys.contains(key)) {
                continue;
            }
            String closest = closest(key, keys);
            warnings.add("Setting " + key + " is not a setting Outbound Sync reads, and is ignored."
                    + (closest == null ? "" : " Did you mean " + closest + "?"));
        }
        return warnings;
    }

    private static String closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : candidates) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
