package io.outboundsync.contacts.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import io.outboundsync.testing.LoopbackGenesys;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contact list a drop and a campaign sync both need: found, or made once. Reproduces what CI saw: `once` applied
 * the campaign while the sample drop ran, both looked for "Demo Renewals", neither found it, both created it, and
 * the sync failed on "A ContactList named 'Demo Renewals' already exists".
 */
class ContactListResolverTest extends CamelTestSupport {

    private static GenesysSandbox sandbox;
    private GenesysCalls calls;

    @BeforeAll
    static void startSandbox() {
        sandbox = GenesysSandbox.start(SandboxSettings.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        calls = LoopbackGenesys.bind(registry, sandbox.baseUrl(), () -> template);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("genesys.camel.yaml", "genesys-contacts.camel.yaml", "genesys-storage.camel.yaml");
    }

    @Test
    void twoResolversRacingForANewListEndWithOneListAndTheSameId() throws Exception {
        GenesysClient genesys = new GenesysClient(() -> template, calls);
        ContactListSpec spec = ContactConfig.loadAll(Path.of("config")).get("demo").contactList();
        ContactListSpec fresh = new ContactListSpec("Race " + System.nanoTime(), spec.columns(), spec.phoneColumns(),
                spec.emailColumns(), spec.dncList());
        for (int round = 0; round < 5; round++) {
            ContactListSpec list = new ContactListSpec(fresh.name() + " " + round, fresh.columns(),
                    fresh.phoneColumns(), fresh.emailColumns(), fresh.dncList());
            // as in one process: the drop's resolver and the campaign sync's, one ledger-less org
            List<ContactListResolver> resolvers = List.of(new ContactListResolver(genesys, () -> null),
                    new ContactListResolver(genesys, () -> null));
            CyclicBarrier together = new CyclicBarrier(resolvers.size());
            List<CompletableFuture<String>> ids = new ArrayList<>();
            for (ContactListResolver resolver : resolvers) {
                ids.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return resolver.resolve(list);
                }));
            }

            assertThat(ids.get(0).get()).isEqualTo(ids.get(1).get());
            List<JsonNode> named = new ArrayList<>();
            genesys.get("/api/v2/outbound/contactlists", Map.of("name", list.name(), "pageSize", 100))
                    .path("entities").forEach(named::add);
            assertThat(named).hasSize(1);
        }
    }
}
