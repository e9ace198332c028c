package io.outboundsync.contacts.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.NormalisedRow;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.genesys.BatchPace;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of {@code routes/contacts-upload.camel.yaml}, booted with Camel's test kit, their neighbour
 * {@code genesys-add-contacts} stubbed by a route of this test: a batch handed over goes through the upload queue as
 * an upsert, what Genesys acknowledged lands in the ledger and the drop's window, what it refused comes back for the
 * rejects file, and a failed upload holds the withdrawals back.
 */
class ContactsUploadRoutesTest extends CamelTestSupport {

    private static final String LIST = UploadDrop.LIST;

    @TempDir
    Path dir;
    private Ledger ledger;
    private final UploadWindow window = UploadDrop.window();
    /** What the stubbed Genesys does with each upsert: acknowledge it, unless it names a contact C-BAD. */
    private volatile boolean genesysDown;

    private UploadDrop drop() {
        return UploadDrop.of(ledger, window);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("genesys.contacts.upload-concurrency", "2");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ledger = Ledger.open(dir);
        registry.bind("uploadSteps", new UploadSteps());
        registry.bind("withdrawalSteps", new WithdrawalSteps(null, null, null));
        registry.bind("batchPace", new BatchPace(1000, 100));
    }

    @AfterEach
    void closeLedger() {
        context.stop();
        ledger.close();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {YamlRoutes.of("contacts-errors.camel.yaml", "contacts-upload.camel.yaml"),
            new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:genesys-add-contacts").routeId("stub-genesys-add-contacts")
                            .to("mock:genesys-add-contacts")
                            .process(exchange -> {
                                Upsert upsert = exchange.getIn().getBody(Upsert.class);
                                if (genesysDown) {
                                    throw new IllegalStateException("Genesys answered 503 after 5 attempts");
                                }
                                for (Upsert half : upsert.halves()) {
                                    if (half.getContacts().stream().anyMatch(c -> c.id().equals("C-BAD"))) {
                                        half.refuse("400: the phone column is not a number", "bad.request");
                                    } else {
                                        half.acknowledge();
                                    }
                                }
                            });
                }
            }};
    }

    private static List<NormalisedRow> rows(String... ids) {
        List<NormalisedRow> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(UploadDrop.row(rows.size() + 1, id));
        }
        return rows;
    }

    private void handOver(List<NormalisedRow> batch) {
        template.send("direct:contacts-upload-handover", exchange -> {
            exchange.setProperty("drop", drop());
            exchange.getIn().setBody(batch);
        });
    }

    @Test
    void aBatchIsUpsertedAndWhatGenesysTookAndRefusedComesBackToTheDrop() throws Exception {
        MockEndpoint genesys = getMockEndpoint("mock:genesys-add-contacts");
        genesys.expectedMessageCount(2);

        handOver(rows("C-1", "C-2"));
        handOver(rows("C-3", "C-BAD"));
        window.awaitLanded();

        genesys.assertIsSatisfied();
        assertThat(genesys.getExchanges()).allSatisfy(e -> assertThat(e.getIn().getBody(Upsert.class).getListId())
                .isEqualTo(LIST));
        assertThat(ledger.hashes(LIST, List.of("C-1", "C-2", "C-3", "C-BAD"))).containsOnlyKeys("C-1", "C-2", "C-3");
        assertThat(window.uploaded()).isEqualTo(3);
        assertThat(window.isFailed()).isFalse();
        assertThat(window.takeRefused()).extracting(NormalisedRow::contactId).containsExactly("C-BAD");
    }

    @Test
    void aFailedUploadClosesTheWindowAndTheWithdrawalsWaitForTheNextRun() {
        genesysDown = true;
        handOver(rows("C-1"));
        window.awaitLanded();

        assertThat(window.isFailed()).isTrue();
        assertThat(window.failure()).hasMessageContaining("503");
        window.withdraw(rows("C-9"));
        org.apache.camel.Exchange sent = template.send("direct:contacts-withdraw", exchange -> exchange.setProperty(
                "drop", drop()));

        assertThat(sent.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessage("an upload failed; the withdrawals wait for the next run");
        assertThat(window.takeWithdrawals()).as("still waiting").hasSize(1);
    }
}
