package io.outboundsync.sandbox;

import io.outboundsync.testing.MutableClock;

import io.outboundsync.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A sandbox on a free loopback port for each test, with a logged-in client and a clock the test can move. */
final class SandboxExtension implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> settings;
    final MutableClock clock = MutableClock.atNow();
    private GenesysSandbox sandbox;
    private SandboxHttp http;

    SandboxExtension() {
        this(Map.of());
    }

    SandboxExtension(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox = GenesysSandbox.start(SandboxSettings.from(Settings.of(settings)), clock);
        http = new SandboxHttp(sandbox).login();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sandbox.close();
    }

    GenesysSandbox sandbox() {
        return sandbox;
    }

    /** A client holding a valid token. */
    SandboxHttp http() {
        return http;
    }
}
