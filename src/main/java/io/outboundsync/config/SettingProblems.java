package io.outboundsync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The mistakes of one reading of the settings, collected so start-up reports them all at once instead of one per
 * attempt: each {@link #read} that fails is noted and answers null, and {@link #throwIfAny} stops start-up with every
 * key, what it holds and the fix.
 */
public final class SettingProblems {

    private final List<String> problems = new ArrayList<>();

    /** The value, or null with its problem noted. */
    public <T> T read(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** One problem alone keeps its message; several are listed under one line. */
    public void throwIfAny() {
        if (problems.size() == 1) {
            throw new ConfigException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.size() + " settings are not valid; start-up stops until all are fixed:\n - "
                    + String.join("\n - ", problems));
        }
    }
}
