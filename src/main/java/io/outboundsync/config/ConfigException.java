package io.outboundsync.config;

/** A setting or configuration file that stops start-up; the message names the key and the fix. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
