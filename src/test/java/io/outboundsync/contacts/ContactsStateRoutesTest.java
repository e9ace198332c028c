package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LedgerKeeper;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of {@code routes/contacts-state.camel.yaml}, booted with Camel's test kit: the ledger's watch opens a
 * ledger closed by a failed write again (the real keeper over a real ledger), and the do-not-call files' watch pushes
 * each changed file (its neighbour, the DNC sync, stubbed in the registry).
 */
class ContactsStateRoutesTest extends CamelTestSupport {

    @TempDir
    static Path root;
    private final AtomicReference<Ledger> ledger = new AtomicReference<>();
    private LedgerKeeper keeper;
    private final DncFiles dncFiles = new DncFiles();

    /** The DNC sync as the route calls it: the campaigns whose file changed, and each push. */
    public static final class DncFiles {
        final List<String> changed = new CopyOnWriteArrayList<>(List.of("demo", "renewals"));
        final List<String> pushed = new CopyOnWriteArrayList<>();

        public List<String> changed() {
            List<String> now = List.copyOf(changed);
            changed.clear();
            return now;
        }

        public boolean tryPush(String campaign, String trigger) {
            pushed.add(campaign + " " + trigger);
            return true;
        }
    }

    private Path dir() {
        return root.resolve("state");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("contacts.ledger.check-ms", "50");
        properties.put("contacts.dnc.check-interval-ms", "50");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Files.createDirectories(dir());
        ledger.set(Ledger.open(dir()));
        keeper = new LedgerKeeper(ledger, Clock.systemUTC()).reopenWith(() -> Ledger.open(dir()), () -> null);
        registry.bind("ledgerKeeper", keeper);
        registry.bind("dncFiles", dncFiles);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("contacts-state.camel.yaml");
    }

    @AfterEach
    void closeLedger() {
        context.stop();
        ledger.get().close();
    }

    @Test
    void aLedgerClosedByAFailedWriteIsOpenedAgainByTheWatch() {
        Ledger closed = ledger.get();
        closed.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.get() != closed);
        assertThat(ledger.get().isOpen()).isTrue();
        assertThat(keeper.reopened()).isEqualTo(1);
        assertThat(keeper.problem()).isNull();
    }

    @Test
    void eachChangedDoNotCallFileIsPushedOnceAsARunsPush() {
        NotifyBuilder twice = new NotifyBuilder(context).fromRoute("contacts-dnc-file").whenDone(2).create();

        assertThat(twice.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dncFiles.pushed).containsExactly("demo run", "renewals run");
    }
}
