package io.outboundsync.testing;

import io.outboundsync.contacts.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded ledger in a folder of its own for each test ({@code @RegisterExtension}), closed and removed
 * after it: for the step beans' tests that read and write one without Camel.
 */
public final class TempLedger implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private Ledger ledger;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("ledger-test");
        ledger = Ledger.open(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        ledger.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The ledger of the running test. */
    public Ledger get() {
        return ledger;
    }
}
