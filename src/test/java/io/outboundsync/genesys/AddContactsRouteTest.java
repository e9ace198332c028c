package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.AddFlags;
import io.outboundsync.contacts.upload.DialerContact;
import io.outboundsync.contacts.upload.Upsert;
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
 * The {@code genesys-add-contacts} and {@code genesys-call} routes ({@code routes/genesys-contacts.camel.yaml},
 * {@code routes/genesys.camel.yaml}), booted with Camel's test kit against the sandbox on loopback: a batch Genesys
 * refuses is halved until the one contact it refuses is isolated; every other contact lands.
 */
class AddContactsRouteTest extends CamelTestSupport {

    private static GenesysSandbox sandbox;
    private static SandboxControl control;
    private static final List<String> COLUMNS = List.of("externalId", "phone");

    @BeforeAll
    static void startSandbox() {
        // a contact list holds 1,000 contacts here (Genesys: 1,000,000), so a batch can meet a full list
        sandbox = GenesysSandbox.start(SandboxSettings.from(io.outboundsync.config.Settings.of(Map.of(
                "sandbox.limits.contacts-per-list", "1000"))), Clock.systemUTC());
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
        return YamlRoutes.of("genesys.camel.yaml", "genesys-contacts.camel.yaml");
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

        Upsert outcome = template.requestBody("direct:genesys-add-contacts", new Upsert(listId, AddFlags.UPSERT, contacts),
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

    /**
     * A batch refused for what it is, not for one contact (the list is full): each refusal's message differs (the
     * counts), its kind does not (code and template, {@code messageWithParams}). Once a second half is refused like
     * its first half was, whole, the halving stops: 19 requests for 1,000 contacts, not 1,999, and every contact is
     * refused with the service's message, none lost.
     */
    @Test
    void aBatchRefusedForItsListNotForAContactStopsHalvingAfterAboutTwentyRequests() {
        String listId = newList();
        Upsert filling = template.requestBody("direct:genesys-add-contacts", new Upsert(listId, AddFlags.UPSERT,
                contacts(listId, "FILL-", 1000)), Upsert.class);
        assertThat(filling.acknowledged()).hasSize(1000);
        control.delete("/sandbox/journal");

        Upsert outcome = template.requestBody("direct:genesys-add-contacts", new Upsert(listId, AddFlags.UPSERT,
                contacts(listId, "MORE-", 1000)), Upsert.class);

        assertThat(outcome.acknowledged()).isEmpty();
        assertThat(outcome.refused()).hasSize(1000);
        assertThat(outcome.refused().values()).allSatisfy(why -> assertThat(why).startsWith("bad.request: Adding ")
                .contains("a contact list holds at most 1000"));
        // 1000, 500, 250, 125, 62, 31, 15, 7, 3 and 1 down the first halves (ten), and once each second half (nine)
        List<JsonNode> posts = control.journal("/api/v2/outbound/contactlists/" + listId + "/contacts");
        assertThat(posts).hasSize(19).allSatisfy(p -> assertThat(p.get("status").asInt()).isEqualTo(400));
    }

    private static List<DialerContact> contacts(String listId, String prefix, int count) {
        List<DialerContact> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contacts.add(new DialerContact(prefix + i, listId, COLUMNS, new String[] {prefix + i,
                    String.format("+1317%07d", i)}, null, null));
        }
        return contacts;
    }
}
