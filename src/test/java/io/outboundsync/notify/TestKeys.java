package io.outboundsync.notify;

import java.nio.charset.StandardCharsets;

/** A fixed pseudonym key for tests that do not start a pipeline. */
public final class TestKeys {

    public static final byte[] KEY = "a-test-pseudonym-key-of-32-chars".getBytes(StandardCharsets.UTF_8);
    public static final Redactor REDACTOR = new Redactor(KEY);

    private TestKeys() {
    }
}
