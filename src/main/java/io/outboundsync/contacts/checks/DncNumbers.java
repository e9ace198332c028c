package io.outboundsync.contacts.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The internal do-not-call list: a file of phone numbers, one a line ({@code #} starts a comment), normalised to
 * E.164 the same way as the contacts so any spelling of a number matches.
 */
public final class DncNumbers {

    private final Set<String> numbers;
    private final int unreadable;

    private DncNumbers(Set<String> numbers, int unreadable) {
        this.numbers = numbers;
        this.unreadable = unreadable;
    }

    public static DncNumbers none() {
        return new DncNumbers(Set.of(), 0);
    }

    public static DncNumbers load(Path file, PhoneNumbers phones) {
        if (file == null) {
            return none();
        }
        Set<String> numbers = new HashSet<>();
        int unreadable = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String value = line.replaceFirst("#.*", "").trim();
                if (value.isEmpty()) {
                    continue;
                }
                String e164 = phones.e164(value);
                if (e164 == null) {
                    unreadable++;
                } else {
                    numbers.add(e164);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The do-not-call file " + file + " cannot be read", e);
        }
        return new DncNumbers(Set.copyOf(numbers), unreadable);
    }

    /** The numbers, in E.164. */
    public java.util.Set<String> numbers() {
        return numbers;
    }

    public boolean contains(String e164) {
        return numbers.contains(e164);
    }

    /** Lines that were not a valid number. */
    public int unreadable() {
        return unreadable;
    }
}
