package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.checks.DncNumbers;
import io.outboundsync.contacts.checks.DropSeen;
import io.outboundsync.contacts.checks.ListRoom;
import io.outboundsync.contacts.checks.RowChecks;
import io.outboundsync.contacts.checks.RowNormaliser;
import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.intake.Admission;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.contacts.intake.DropFile;
import io.outboundsync.contacts.intake.DropProgress;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.Batching;
import io.outboundsync.contacts.upload.UploadSteps;
import io.outboundsync.contacts.upload.UploadWindow;
import io.outboundsync.contacts.upload.WithdrawalSteps;
import io.outboundsync.notify.Redactor;
import io.outboundsync.observe.StatusBoard;
import io.outboundsync.testing.YamlRoutes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of {@code routes/contacts-chunks.camel.yaml}, booted with Camel's test kit, their neighbours
 * ({@code contacts-upload-handover}, {@code contacts-withdraw}) stubbed by mock endpoints: one chunk of a drop is
 * checked, de-duplicated and sorted, its rejects written, its full batches handed over, its counts handed back.
 */
class ContactsChunksRoutesTest extends CamelTestSupport {

    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));

    @TempDir
    static Path root;
    private Path dir;

    /** This test's folder (Camel's test kit configures the context in its constructor, before any field is set). */
    private Path dir() {
        if (dir == null) {
            dir = root.resolve(java.util.UUID.randomUUID().toString());
        }
        return dir;
    }
    private Ledger ledger;
    private DropSeen seen;
    private ExecutorService pool;
    private final StatusBoard board = new StatusBoard(Clock.systemUTC(), StatusBoard.Sources.none(), 20,
            Duration.ofHours(1), 2000);

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("contacts.reports.dir", dir().resolve("reports").toString());
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ledger = Ledger.open(dir().resolve("state"));
        seen = new DropSeen(dir().resolve("seen"));
        pool = Executors.newFixedThreadPool(2);
        registry.bind("rowChecks", new RowChecks(2));
        registry.bind("rowChecksMerge", new RowChecks.Merge());
        registry.bind("chunkSteps", new io.outboundsync.contacts.checks.ChunkSteps(new Redactor(new byte[32])));
        registry.bind("uploadSteps", new UploadSteps());
        registry.bind("withdrawalSteps", new WithdrawalSteps(null, null, null));
        registry.bind("dropProgress", new DropProgress(60_000));
        registry.bind("statusBoard", board);
        registry.bind("contactsCheckPool", pool);
        registry.bind("keepBody", new UseOriginalAggregationStrategy());
    }

    @AfterEach
    void close() {
        context.stop();
        pool.shutdown();
        seen.close();
        ledger.close();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {YamlRoutes.of("contacts-errors.camel.yaml", "contacts-chunks.camel.yaml"),
            new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:contacts-upload-handover").routeId("stub-upload-handover")
                            .to("mock:contacts-upload-handover");
                    from("direct:contacts-withdraw").routeId("stub-withdraw").to("mock:contacts-withdraw");
                }
            }};
    }

    /** A drop of the demo campaign bound to a list, cut in batches of two. */
    private Drop drop() throws Exception {
        Path file = dir().resolve("export.csv");
        Files.writeString(file, "unused", StandardCharsets.UTF_8);
        Admission admission = new Admission(file, "demo", "test", Admission.Verdict.ADMITTED, null, DEMO,
                DropFile.inspect(file), null, null);
        return new Drop(admission, System.nanoTime(), ledger, 1, "list-1", new RowNormaliser(DEMO.mapping(),
                DEMO.contactList(), DncNumbers.none()), seen, ListRoom.unlimited(), io.outboundsync.contacts.checks.Repeats.NONE, new UploadWindow(
                        new Batching(2, () -> 2, Batching.MAX_REQUEST_BYTES).forList(DEMO.contactList().columns(),
                                "list-1")));
    }

    private static SourceRow row(long number, String id, String phone) {
        return io.outboundsync.contacts.DemoRows.row(DEMO, number, id, phone);
    }

    @Test
    void aChunkIsSortedItsRejectsWrittenItsFullBatchesHandedOverAndItsCountsHandedBack() throws Exception {
        MockEndpoint handover = getMockEndpoint("mock:contacts-upload-handover");
        handover.expectedMessageCount(1);
        Drop drop = drop();

        RowsRead read = template.send("direct:contacts-chunk", exchange -> {
            exchange.setProperty("drop", drop);
            exchange.getIn().setBody(new Rows(List.of(row(1, "CRM-1", "(317) 201-4455"),
                    row(2, "CRM-2", "(317) 201-4456"), row(3, "CRM-1", "(317) 201-4455"),
                    row(4, "CRM-4", "not a phone"), row(5, "CRM-5", "(317) 201-4457")), 500, null, 0));
        }).getMessage().getBody(RowsRead.class);

        assertThat(read.rowsRead()).isEqualTo(5);
        assertThat(read.rejected()).isEqualTo(2);
        assertThat(read.duplicates()).isEqualTo(1);
        assertThat(read.byReason()).containsEntry("DUPLICATE_IN_DROP", 1L).containsKey("PHONE_INVALID");
        handover.assertIsSatisfied();
        List<?> batch = handover.getExchanges().get(0).getIn().getBody(List.class);
        assertThat(batch).extracting(r -> ((NormalisedRow) r).contactId()).containsExactly("CRM-1", "CRM-2");
        assertThat(drop.uploads().rest()).singleElement().satisfies(rest -> assertThat(rest)
                .extracting(NormalisedRow::contactId).containsExactly("CRM-5"));
        List<String> rejects = Files.readAllLines(dir().resolve("reports/export.csv.rejects.csv"));
        assertThat(rejects).hasSize(2);
        assertThat(String.join("\n", rejects)).contains("3,CRM-1,DUPLICATE_IN_DROP").contains("4,CRM-4,PHONE_INVALID")
                .doesNotContain("(317)");
        assertThat(board.snapshot().running().rowsRead()).isEqualTo(5);
        getMockEndpoint("mock:contacts-withdraw").expectedMessageCount(0);
        getMockEndpoint("mock:contacts-withdraw").assertIsSatisfied();
    }

    @Test
    void aFailingStepStopsTheDropAndIsTheChunksOutcome() throws Exception {
        Drop drop = drop();
        ledger.close();

        RowsRead read = template.send("direct:contacts-chunk", exchange -> {
            exchange.setProperty("drop", drop);
            exchange.getIn().setBody(new Rows(List.of(row(1, "CRM-1", "(317) 201-4455"))));
        }).getMessage().getBody(RowsRead.class);

        assertThat(read.isStopped()).isTrue();
        assertThat(drop.uploads().isFailed()).as("the read stops at the next chunk").isTrue();
        assertThat(drop.uploads().failure()).isSameAs(read.failure());
    }

    @Test
    void aChunkReadAfterTheDropStoppedIsLeft() throws Exception {
        Drop drop = drop();
        drop.uploads().fail(new IllegalStateException("an upload failed"));
        getMockEndpoint("mock:contacts-upload-handover").expectedMessageCount(0);

        RowsRead read = template.send("direct:contacts-chunk", exchange -> {
            exchange.setProperty("drop", drop);
            exchange.getIn().setBody(new Rows(List.of(row(1, "CRM-1", "(317) 201-4455"))));
        }).getMessage().getBody(RowsRead.class);

        assertThat(read).isEqualTo(RowsRead.NONE);
        getMockEndpoint("mock:contacts-upload-handover").assertIsSatisfied();
        assertThat(Files.exists(dir().resolve("reports/export.csv.rejects.csv"))).isFalse();
    }
}
