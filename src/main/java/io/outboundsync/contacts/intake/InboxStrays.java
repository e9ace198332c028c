package io.outboundsync.contacts.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the inbox it never reads, said once each instead of left there in silence: a file in a subfolder of a
 * campaign's folder (only {@code inbox/contacts/<campaign>/<file>} is read), and a file whose name marks it as being
 * written (a leading dot, {@code .tmp}, {@code .part}) that has not changed for an hour.
 */
public final class InboxStrays {

    private static final Logger LOG = LoggerFactory.getLogger(InboxStrays.class);
    /** The names the inbox leaves alone while they are written: the route's exclude pattern. */
    static final Pattern BEING_WRITTEN = Pattern.compile("^\\..*|.*\\.(tmp|part)$");
    static final Duration STALE = Duration.ofHours(1);

    private final Path root;
    private final Clock clock;
    private final Set<Path> told = ConcurrentHashMap.newKeySet();

    public InboxStrays(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** Logs each stray not told of before (the inbox route calls it when a poll found nothing to take). */
    public void report() {
        for (String stray : strays(root, clock.instant(), told)) {
            LOG.warn("{}", stray);
        }
    }

    /** The strays under the inbox, each with what to do; {@code told} keeps those said before (and gains these). */
    static List<String> strays(Path root, Instant now, Set<Path> told) {
        List<String> strays = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return strays;
        }
        try (Stream<Path> files = Files.walk(root, 6)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = root.relativize(file);
                String name = file.getFileName().toString();
                String why = null;
                if (relative.getNameCount() > 2) {
                    why = "is in a subfolder of campaign " + relative.getName(0) + "'s inbox, which is never read."
                            + " Fix: move it into " + root.resolve(relative.getName(0)) + "/";
                } else if (BEING_WRITTEN.matcher(name).matches() && !name.endsWith(".error.txt")
                        && age(file, now).compareTo(STALE) > 0) {
                    why = "has not changed for over an hour, but its name (a leading dot, .tmp or .part) marks a file"
                            + " still being written, which is never read. Fix: rename it to its final name when it is"
                            + " complete";
                }
                if (why != null && told.add(file)) {
                    strays.add("Inbox file " + relative + " " + why);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("The inbox {} could not be looked through for strays", root, e);
        }
        return strays;
    }

    private static Duration age(Path file, Instant now) {
        try {
            return Duration.between(Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime()
                    .toInstant(), now);
        } catch (IOException e) {
            return Duration.ZERO;
        }
    }
}
