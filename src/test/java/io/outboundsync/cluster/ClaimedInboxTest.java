package io.outboundsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outboundsync.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two file consumers (two instances' inbox routes) on one folder, each with its own claim repository on one
 * PostgreSQL database, with the inbox's read-lock options: every file is taken by exactly one of them.
 */
class ClaimedInboxTest {

    @TempDir
    Path inbox;

    @Test
    void twoConsumersOnOneFolderTakeEachFileOnce() throws Exception {
        List<String> taken = new CopyOnWriteArrayList<>();
        try (StateDatabase database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER,
                TestPostgres.PASSWORD, "org", 8); CamelContext context = new DefaultCamelContext()) {
            for (String instance : List.of("a", "b")) {
                InboxClaims claims = new InboxClaims();
                ClaimRepository repository = new ClaimRepository(database.dataSource(), "inbox", context, 30_000);
                context.getRegistry().bind("claims-" + instance, claims);
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("file:" + inbox + "?recursive=true&noop=true&idempotent=false&delay=50&initialDelay=0"
                                + "&" + io.outboundsync.runtime.InboxOptions.claimedOptions("claims-" + instance))
                                .routeId("inbox-" + instance)
                                // a drop takes a while
                                .delay(300)
                                .process(exchange -> {
                                    taken.add(instance + ":" + exchange.getIn().getHeader("CamelFileName"));
                                    // done with it: the drop is moved away, as the contacts flow does
                                    Files.deleteIfExists(Path.of(exchange.getIn().getHeader("CamelFileAbsolutePath",
                                            String.class)));
                                });
                    }
                });
                context.addService(repository, true, true);
                claims.use(repository);
            }
            context.start();
            Files.createDirectories(inbox.resolve("demo"));
            for (int i = 0; i < 20; i++) {
                Path temp = inbox.resolve("demo/.f" + i + ".tmp");
                Files.writeString(temp, "row " + i + "\n");
                Files.move(temp, inbox.resolve("demo/f" + i + ".csv"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> taken.size() >= 20);
            // and none taken twice in the second after
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> taken.size() == 20);
        }
        assertThat(taken.stream().map(t -> t.substring(2)).toList()).doesNotHaveDuplicates().hasSize(20);
        assertThat(taken).anyMatch(t -> t.startsWith("a:")).anyMatch(t -> t.startsWith("b:"));
    }
}
