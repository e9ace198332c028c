package io.outboundsync.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.Set;

/**
 * The project's settings: {@code config/application.properties}, overridden by the environment, overridden by JVM
 * system properties ({@code -Dkey=value}). A key {@code sandbox.fault.error-rate} is overridden by the environment
 * variable {@code SANDBOX_FAULT_ERROR_RATE}, the convention Camel's own property resolution follows.
 */
public final class Settings {

    private final Map<String, String> file;
    private final Map<String, String> environment;
    private final Map<String, String> system;
    private final String source;

    private Settings(Map<String, String> file, Map<String, String> environment, Map<String, String> system,
            String source) {
        this.file = file;
        this.environment = environment;
        this.system = system;
        this.source = source;
    }

    /** Loads {@code application.properties} from the config directory (absent file: defaults only). */
    public static Settings load(Path configDir) {
        return load(configDir, System.getenv(), systemProperties());
    }

    /** As {@link #load(Path)}, with the environment and system properties given. */
    static Settings load(Path configDir, Map<String, String> environment, Map<String, String> system) {
        Path file = configDir.resolve("application.properties");
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(file + " cannot be read: " + e.getMessage()
                        + ". Fix: make it a valid Java properties file in UTF-8.");
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        }
        return new Settings(values, environment, system, file.toString());
    }

    /** Settings from the given values only, for tests and embedded use. */
    public static Settings of(Map<String, String> values) {
        return new Settings(Map.copyOf(values), Map.of(), Map.of(), "(given values)");
    }

    /** These settings with the given values taking precedence over everything else. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(system);
        merged.putAll(overrides);
        return new Settings(file, environment, merged, source);
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

    public Optional<String> find(String key) {
        String value = system.get(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = file.get(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public String require(String key, String fix) {
        return find(key).orElseThrow(() -> new ConfigException(
                "Setting " + key + " is missing. Fix: " + fix + " (in " + source + ", as environment variable "
                        + environmentName(key) + " or as -D" + key + "=...)."));
    }

    public int getInt(String key, int fallback) {
        return find(key).map(v -> parse(key, v, "a whole number", Integer::parseInt)).orElse(fallback);
    }

    public long getLong(String key, long fallback) {
        return find(key).map(v -> parse(key, v, "a whole number", Long::parseLong)).orElse(fallback);
    }

    public double getDouble(String key, double fallback) {
        return find(key).map(v -> parse(key, v, "a decimal number", Double::parseDouble)).orElse(fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return find(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "true or false");
        }).orElse(fallback);
    }

    /** Every key known from the file, the environment or the system properties under a prefix. */
    public Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new TreeSet<>();
        file.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        system.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** Throws the error every invalid setting gets: the key, what it holds, and what it should hold. */
    public ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Setting " + key + "=" + value + " is not valid. Fix: set it to " + expected
                + " (in " + source + ", as environment variable " + environmentName(key) + " or as -D" + key
                + "=...).");
    }

    private <T> T parse(String key, String value, String expected, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, expected);
        }
    }
}
