package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.checks.ChunkSteps;
import io.outboundsync.contacts.checks.DncNumbers;
import io.outboundsync.contacts.checks.DropSeen;
import io.outboundsync.contacts.checks.ListRoom;
import io.outboundsync.contacts.checks.RowNormaliser;
import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.intake.Admission;
import io.outboundsync.contacts.intake.CsvRows;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.contacts.intake.DropEnd;
import io.outboundsync.contacts.intake.DropFile;
import io.outboundsync.contacts.intake.DropProgress;
import io.outboundsync.contacts.intake.DropRepeats;
import io.outboundsync.contacts.intake.DropReport;
import io.outboundsync.contacts.intake.DropRows;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.Batching;
import io.outboundsync.contacts.upload.UploadSteps;
import io.outboundsync.contacts.upload.UploadWindow;
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
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route of {@code routes/contacts-rows.camel.yaml}, booted with Camel's test kit: the drop's list is given by
 * AdviceWith (finding it is Genesys' part) and its neighbours are stubs (each chunk counted as read, the rows left
 * passed through): the file is read as a stream in chunks, their counts added up by the split, and the drop ends as
 * its DropEnd, whether its file was read to its end, broke, or a chunk stopped it.
 */
class ContactsRowsRoutesTest extends CamelTestSupport {

    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));
    private static final String HEADER = "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,"
            + "engagementScore,lifetimeValue,leadAgeDays,crmOwner\n";

    @TempDir
    static Path root;
    private Path dir;
    private Ledger ledger;
    /** The chunk (1-based) the stubbed chunk route fails, or 0. */
    private volatile int failingChunk;

    private Path dir() {
        if (dir == null) {
            dir = root.resolve(java.util.UUID.randomUUID().toString());
        }
        return dir;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("contacts.reports.dir", dir().resolve("reports").toString());
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ledger = Ledger.open(dir().resolve("state"));
        registry.bind("dropRows", new DropRows(4));
        registry.bind("dropRepeats", new DropRepeats());
        registry.bind("lineMemos", new io.outboundsync.contacts.intake.LineMemos());
        registry.bind("dropProgress", new DropProgress(60_000));
        registry.bind("statusBoard", new StatusBoard(Clock.systemUTC(), StatusBoard.Sources.none(), 20,
                Duration.ofHours(1), 2000));
        registry.bind("chunkSteps", new ChunkSteps(new Redactor(new byte[32])));
        registry.bind("uploadSteps", new UploadSteps());
        registry.bind("dropReport", new DropReport(dir(), null, null, Clock.systemUTC(), () -> "test"));
        registry.bind("dropCsvCommas", new CsvDataFormat(CsvRows.FORMAT).setLazyLoad(true));
        registry.bind("dropCsvSemicolons", new CsvDataFormat(CsvRows.FORMAT.builder().setDelimiter(';').get())
                .setLazyLoad(true));
        registry.bind("rowsReadSum", new RowsRead.Sum());
        registry.bind("keepBody", new UseOriginalAggregationStrategy());
    }

    @AfterEach
    void close() {
        context.stop();
        ledger.close();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {YamlRoutes.of("contacts-errors.camel.yaml", "contacts-rows.camel.yaml"),
            new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:contacts-chunk").routeId("stub-chunk").to("mock:contacts-chunk")
                            .process(exchange -> {
                                Rows rows = exchange.getIn().getBody(Rows.class);
                                int chunk = exchange.getProperty("CamelSplitIndex", Integer.class) + 1;
                                RowsRead read = new RowsRead(rows.rows().size(), 0, Map.of(), 0, 0, 0,
                                        rows.bytesRead(), List.of(), rows.unreadable(), null, 0);
                                if (chunk == failingChunk) {
                                    IllegalStateException failed = new IllegalStateException("the ledger failed");
                                    exchange.getProperty("drop", Drop.class).uploads().fail(failed);
                                    read = read.stoppedBy(failed);
                                }
                                exchange.getIn().setBody(read);
                            });
                    from("direct:contacts-rows-left").routeId("stub-rows-left").to("mock:contacts-rows-left");
                    from("direct:contacts-rejects").routeId("stub-rejects").to("mock:contacts-rejects");
                }
            }};
    }

    /** A started drop of this content, its list given in place of Genesys'. */
    private Drop start(String name, String content) throws Exception {
        Path file = dir().resolve("inbox/demo").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Admission admission = new Admission(file, "demo", "test", Admission.Verdict.ADMITTED, null, DEMO,
                DropFile.inspect(file), DropFile.Stamp.of(file), null);
        Drop started = new Drop(admission, System.nanoTime(), ledger, ledger.startDrop("demo", name, admission
                .facts().sha256()), null, new RowNormaliser(DEMO.mapping(), DEMO.contactList(), DncNumbers.none()),
                new DropSeen(dir().resolve("seen-" + name)), null, io.outboundsync.contacts.checks.Repeats.NONE, null);
        Drop bound = started.boundTo("list-1", ListRoom.unlimited(), new UploadWindow(new Batching(4, () -> 4,
                Batching.MAX_REQUEST_BYTES).forList(DEMO.contactList().columns(), "list-1")));
        AdviceWith.adviceWith(context, "contacts-drop", route -> route.weaveById("drop-list").replace()
                .setProperty("drop", route.constant(bound)));
        context.start();
        return started;
    }

    private DropEnd read(Drop drop) {
        return template.send("direct:contacts-drop", exchange -> {
            exchange.setProperty("drop", drop);
            exchange.getIn().setBody(drop);
        }).getMessage().getBody(DropEnd.class);
    }

    private static String rows(int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            csv.append("CRM-").append(i).append(",Ana,Lopez,(317) 201-4455,ana@example.com,yes,no,42,North,7.5,")
                    .append("1200.00,30,jsmith\n");
        }
        return csv.toString();
    }

    @Test
    void aFileIsReadInChunksWhoseCountsAddUpAndTheRowsLeftAreSent() throws Exception {
        MockEndpoint chunks = getMockEndpoint("mock:contacts-chunk");
        chunks.expectedMessageCount(3);
        getMockEndpoint("mock:contacts-rows-left").expectedMessageCount(1);

        DropEnd end = read(start("ten.csv", rows(10)));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(chunks.getExchanges()).extracting(e -> e.getIn().getBody(Rows.class).rows().size())
                .containsExactly(4, 4, 2);
        assertThat(end.summary().rowsRead()).isEqualTo(10);
        assertThat(end.summary().status()).isEqualTo("COMPLETED");
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.PROCESSED);
        assertThat(Files.readString(dir().resolve("reports/ten.csv.rejects.csv")))
                .isEqualTo("row,externalId,reasons,details\r\n");
    }

    @Test
    void aFileWithNoRowsReadsNothingAndCompletes() throws Exception {
        getMockEndpoint("mock:contacts-chunk").expectedMessageCount(0);

        DropEnd end = read(start("header-only.csv", HEADER));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(end.summary().rowsRead()).isZero();
        assertThat(end.summary().status()).isEqualTo("COMPLETED");
    }

    @Test
    void theRowsBeforeABrokenPlaceAreSentAndTheFileGoesToFailed() throws Exception {
        getMockEndpoint("mock:contacts-rows-left").expectedMessageCount(1);

        DropEnd end = read(start("broken.json", "[{\"externalId\":\"CRM-1\"},{\"externalId\":\"CRM-2\"},"
                + "{\"externalId\":"));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(end.summary().rowsRead()).isEqualTo(2);
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.UNREADABLE);
        assertThat(end.reason()).contains("row 3");
    }

    @Test
    void aChunkThatStopsTheDropEndsItsReadAndNothingMoreIsSent() throws Exception {
        failingChunk = 2;
        // of its five chunks: the second stops the drop; the split has read the third by then (it reads one ahead
        // to know which is the last; contacts-chunk leaves it), and no more
        getMockEndpoint("mock:contacts-chunk").expectedMessageCount(3);
        getMockEndpoint("mock:contacts-rows-left").expectedMessageCount(0);

        DropEnd end = read(start("stopped.csv", rows(20)));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(end.summary().rowsRead()).isEqualTo(12);
        assertThat(end.summary().status()).isEqualTo("FAILED");
        assertThat(end.ending()).isEqualTo(DropEnd.Ending.RETRY);
        assertThat(end.summary().error()).contains("the ledger failed");
    }
}
