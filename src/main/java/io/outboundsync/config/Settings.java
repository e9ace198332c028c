package io.outboundsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The project's settings, in the layers Camel's property placeholders resolve too: the shipped defaults
 * ({@code config/application.properties} as built into the jar, {@code defaults/application.properties}), under the
 * config folder's {@code application.properties}, under the environment, under JVM system properties
 * ({@code -Dkey=value}), under values a command gives in code. A key {@code sandbox.fault.error-rate} is overridden by
 * the environment variable {@code SANDBOX_FAULT_ERROR_RATE}, Camel's convention.
 *
 * <p>Every default is written once, in the shipped file: {@link #get(String)} and the typed getters have no fallback
 * argument, and a key no layer sets is an error naming it. A blank value means "not set here": the layer below
 * answers (so {@code genesys.api-url =} in a file leaves the region's hosts in place).
 */
public final class Settings {

    /** Where the build puts the shipped {@code config/application.properties} inside the jar. */
    public static final String SHIPPED = "/defaults/application.properties";

    private static volatile Map<String, String> shippedDefaults;

    private final Map<String, String> defaults;
    private final Map<String, String> file;
    private final Map<String, String> environment;
    private final Map<String, String> system;
    private final String source;

    private Settings(Map<String, String> defaults, Map<String, String> file, Map<String, String> environment,
            Map<String, String> system, String source) {
        this.defaults = defaults;
        this.file = file;
        this.environment = environment;
        this.system = system;
        this.source = source;
    }

    /** Loads {@code application.properties} from the config directory over the shipped defaults. */
    public static Settings load(Path configDir) {
        return load(configDir, System.getenv(), systemProperties());
    }

    /** As {@link #load(Path)}, with the environment and system properties given. */
    static Settings load(Path configDir, Map<String, String> environment, Map<String, String> system) {
        Path file = configDir.resolve("application.properties");
        Map<String, String> values = Map.of();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values = read(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(file + " cannot be read: " + e.getMessage()
                        + ". Fix: make it a valid Java properties file in UTF-8.");
            }
        }
        return new Settings(shipped(), values, environment, system, file.toString());
    }

    /** The shipped defaults with the given values over them (no file, no environment): for tests and tools. */
    public static Settings of(Map<String, String> values) {
        return new Settings(shipped(), Map.of(), Map.of(), Map.copyOf(values), "(given values)");
    }

    /** These settings with the given values taking precedence over everything else. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(system);
        merged.putAll(overrides);
        return new Settings(defaults, file, environment, merged, source);
    }

    /** The shipped defaults, read once from the jar. */
    static Map<String, String> shipped() {
        Map<String, String> loaded = shippedDefaults;
        if (loaded == null) {
            try (InputStream in = Settings.class.getResourceAsStream(SHIPPED)) {
                if (in == null) {
                    throw new IllegalStateException(SHIPPED.substring(1) + " is missing from the class path: the"
                            + " build copies config/application.properties there");
                }
                loaded = read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shippedDefaults = loaded;
        }
        return loaded;
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        return Map.copyOf(values);
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> values = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> values.put(k, System.getProperty(k)));
        return values;
    }

    /** The environment variable that overrides a key: upper case, with dots and dashes as underscores. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The environment variables of Genesys's own tools (the {@code gc} CLI, CX as Code) read for our keys: after our
     * own variable, before the settings file, so a shell set up for those tools works as it is.
     */
    public static final Map<String, String> GENESYS_TOOL_VARIABLES = Map.of(
            "genesys.client-id", "GENESYSCLOUD_OAUTHCLIENT_ID",
            "genesys.client-secret", "GENESYSCLOUD_OAUTHCLIENT_SECRET",
            "genesys.region", "GENESYSCLOUD_REGION");

    /** The key's value from the highest layer that sets it to something not blank. */
    public Optional<String> find(String key) {
        String tools = GENESYS_TOOL_VARIABLES.get(key);
        for (String value : new String[] {system.get(key), environment.get(environmentName(key)),
                tools == null ? null : environment.get(tools), file.get(key), defaults.get(key)}) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    /**
     * The keys whose value comes from a variable of Genesys's tools ({@link #GENESYS_TOOL_VARIABLES}), each with
     * that variable's name (never the value): what start-up says it used.
     */
    public Map<String, String> fromGenesysToolVariables() {
        Map<String, String> used = new TreeMap<>();
        GENESYS_TOOL_VARIABLES.forEach((key, variable) -> {
            if (isSet(system.get(key)) || isSet(environment.get(environmentName(key)))) {
                return;
            }
            if (isSet(environment.get(variable))) {
                used.put(key, variable);
            }
        });
        return used;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** A key the shipped file sets: its value. */
    public String get(String key) {
        return find(key).orElseThrow(() -> new ConfigException("Setting " + key + " has no value, and the shipped"
                + " defaults (" + SHIPPED.substring(1) + ") do not set it either. Fix: set " + key + " (in " + source
                + ", as environment variable " + environmentName(key) + " or as -D" + key + "=...), or restore"
                + " the line from the shipped config/application.properties."));
    }

    public String require(String key, String fix) {
        return find(key).orElseThrow(() -> new ConfigException(
                "Setting " + key + " is missing. Fix: " + fix + " (in " + source + ", as environment variable "
                        + environmentName(key) + " or as -D" + key + "=...)."));
    }

    public int getInt(String key) {
        return parse(key, get(key), "a whole number", Integer::parseInt);
    }

    public long getLong(String key) {
        return parse(key, get(key), "a whole number", Long::parseLong);
    }

    public double getDouble(String key) {
        return parse(key, get(key), "a decimal number", Double::parseDouble);
    }

    public boolean getBoolean(String key) {
        return bool(key, get(key));
    }

    /**
     * A process-internal switch the shipped file does not name (set by the commands, e.g. {@code pipeline.tool}),
     * and what it is when nobody sets it.
     */
    public boolean getSwitch(String key, boolean unset) {
        return find(key).map(v -> bool(key, v)).orElse(unset);
    }

    private boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    /**
     * Every key given under a prefix by the config file, the environment (where a key of the shipped file or of
     * the file names it) or the system properties; the shipped defaults are not "given".
     */
    public Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new TreeSet<>();
        file.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        system.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        defaults.keySet().stream().filter(k -> k.startsWith(prefix))
                .filter(k -> environment.containsKey(environmentName(k))).forEach(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** Where a key given by {@link #keysStartingWith} comes from, for a message about it. */
    public String whereGiven(String key) {
        if (file.containsKey(key)) {
            return "in " + source;
        }
        if (system.containsKey(key)) {
            return "given as -D" + key;
        }
        return "as environment variable " + environmentName(key);
    }

    /** The environment variables set in this process whose names start with the prefix. */
    public Set<String> environmentNamesStartingWith(String prefix) {
        Set<String> names = new TreeSet<>();
        environment.keySet().stream().filter(n -> n.startsWith(prefix)).forEach(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** Throws the error every invalid setting gets: the key, what it holds, and what it should hold. */
    public ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Setting " + key + "=" + value + " is not valid. Fix: set it to " + expected
                + " (in " + source + ", as environment variable " + environmentName(key) + " or as -D" + key
                + "=...).");
    }

    private <T> T parse(String key, String value, String expected, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, expected);
        }
    }
}
