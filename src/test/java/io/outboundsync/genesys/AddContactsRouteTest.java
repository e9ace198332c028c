package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.DialerContact;
import io.outboundsync.contacts.Upsert;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import io.outboundsync.testing.LoopbackGenesys;
import io.outboundsync.testing.SandboxControl;
import io.outboundsync.testing.YamlRoutes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code genesys-add-contacts} and {@code genesys-call} routes of {@code routes/genesys.camel.yaml}, booted with
 * Camel's test kit against the sandbox on loopback: a batch Genesys refuses is halved until the one contact it
 * refuses is isolated; every other contact lands.
 */
class AddContactsRouteTest extends CamelTestSupport {

    private static GenesysSandbox sandbox;
    private static SandboxControl control;
    private static final List<String> COLUMNS = List.of("externalId", "phone");

    @BeforeAll
    static void startSandbox() {
        sandbox = GenesysSandbox.start(SandboxSettings.defaults(), Clock.systemUTC());
        control = new SandboxControl(sandbox.baseUrl());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        LoopbackGenesys.bind(registry, sandbox.baseUrl(), () -> template);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("genesys.camel.yaml");
    }

    /** Genesys through the same genesys-call route. */
    private GenesysClient genesys() {
        return new GenesysClient(() -> template, context.getRegistry().lookupByNameAndType("genesysCalls",
                GenesysCalls.class));
    }

    private String newList() {
        return genesys().post("/api/v2/outbound/contactlists", Map.of("name", "Halving "
                        + System.nanoTime(), "columnNames", COLUMNS, "phoneColumns", List.of(Map.of("columnName",
                        "phone", "type", "cell")))).get("id").asText();
    }

    @Test
    void aRefusedBatchIsHalvedUntilTheRefusedContactIsIsolated() {
        String listId = newList();
        List<DialerContact> contacts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // the third contact's value is longer than Genesys takes: the request carrying it is refused whole
            String externalId = i == 2 ? "x".repeat(600) : "C-" + i;
            contacts.add(new DialerContact("C-" + i, listId, COLUMNS, new String[] {externalId, "+1317201445" + i},
                    null, null));
        }
        NotifyBuilder sent = new NotifyBuilder(context).fromRoute("genesys-add-contacts").whenDone(7).create();

        Upsert outcome = template.requestBody("direct:genesys-add-contacts", new Upsert(listId, io.outboundsync.contacts.AddFlags.UPSERT, contacts),
                Upsert.class);

        assertThat(sent.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.acknowledged()).extracting(DialerContact::id)
                .containsExactlyInAnyOrder("C-0", "C-1", "C-3", "C-4", "C-5", "C-6", "C-7");
        assertThat(outcome.refused().entrySet()).singleElement().satisfies(refused -> {
            assertThat(refused.getKey().id()).isEqualTo("C-2");
            assertThat(refused.getValue()).startsWith("bad.request: ").contains("512");
        });
        // 8, then 4 + 4, the refused four as 2 + 2, the refused two as 1 + 1: seven requests, four refused (the
        // eight, a four, a two and the one), three taken
        List<JsonNode> posts = control.journal("/api/v2/outbound/contactlists/" + listId + "/contacts");
        assertThat(posts).hasSize(7);
        assertThat(posts.stream().filter(p -> p.get("status").asInt() == 400)).hasSize(4);
        JsonNode stored = genesys().get("/api/v2/outbound/contactlists/" + listId + "/contacts/C-7");
        assertThat(stored.get("data").get("phone").asText()).isEqualTo("+13172014457");
    }
}
