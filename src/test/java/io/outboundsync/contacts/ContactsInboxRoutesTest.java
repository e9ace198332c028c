package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.intake.ContactDrops;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.contacts.intake.DropEnd;
import io.outboundsync.contacts.intake.DropGate;
import io.outboundsync.contacts.intake.DropReport;
import io.outboundsync.contacts.intake.InboxStrays;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LedgerKeeper;
import io.outboundsync.genesys.GenesysCircuit;
import io.outboundsync.notify.TestKeys;
import io.outboundsync.observe.Meters;
import io.outboundsync.observe.StatusBoard;
import io.outboundsync.testing.YamlRoutes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of {@code routes/contacts-inbox.camel.yaml}, booted with Camel's test kit: the drop's rows
 * ({@code contacts-drop}) stubbed (three rows read), the log, audit and CDP event of its end and its alert mocked
 * by AdviceWith; each waits for the outcome the commands wait for. A file of the inbox is refused or taken by
 * the gate, and each ends with its summary, its ledger record, its file moved and its outcome told.
 */
class ContactsInboxRoutesTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, CampaignContacts> CAMPAIGNS = Map.of("demo", ContactConfig.load(
            Path.of("config"), Path.of("config/campaigns/demo.yaml")));

    @TempDir
    static Path root;
    private Path dir;
    private Ledger ledger;
    private final ContactDrops drops = new ContactDrops();
    private DropReport report;
    private AuditLog audit;

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
        properties.put("contacts.inbox.dir", dir().resolve("inbox/contacts").toString());
        properties.put("contacts.reports.dir", dir().resolve("reports").toString());
        properties.put("contacts.inbox.take-once", "false");
        properties.put("contacts.inbox.poll-delay-ms", "50");
        properties.put("contacts.inbox.completion-options", "readLock=none");
        properties.put("pipeline.trigger", "test");
        properties.put("audit.dir", dir().resolve("audit").toString());
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        ledger = Ledger.open(dir().resolve("state"));
        audit = new AuditLog(dir().resolve("audit"), AuditLog.headFile(dir()),
                "audit-key-of-the-inbox-test-0123".getBytes(StandardCharsets.US_ASCII), Clock.systemUTC(),
                TestKeys.REDACTOR, () -> template);
        report = new DropReport(dir(), audit, null, Clock.systemUTC(), () -> "sandbox (test)");
        registry.bind("audit", audit);
        registry.bind("dropGate", new DropGate(CAMPAIGNS, dir().resolve("inbox/contacts"), () -> ledger, null,
                "test"));
        registry.bind("dropReport", report);
        registry.bind("lineMemos", new io.outboundsync.contacts.intake.LineMemos());
        registry.bind("contactDrops", drops);
        registry.bind("inboxStrays", new InboxStrays(dir().resolve("inbox/contacts"), Clock.systemUTC()));
        registry.bind("genesysCircuit", new GenesysCircuit(new GenesysCircuit.Limits(50, 10, 20, 30, 3)));
        registry.bind("ledgerKeeper", new LedgerKeeper(new AtomicReference<>(ledger), Clock.systemUTC()));
        registry.bind("meters", Meters.none());
        registry.bind("statusBoard", new StatusBoard(Clock.systemUTC(), StatusBoard.Sources.none(), 20,
                Duration.ofHours(1), 2000));
    }

    @AfterEach
    void close() {
        context.stop();
        ledger.close();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {YamlRoutes.of("contacts-errors.camel.yaml", "contacts-inbox.camel.yaml",
                "audit.camel.yaml"),
            new RouteBuilder() {
                @Override
                public void configure() {
                    // three rows read, nothing rejected: the drop's end as contacts-drop answers it
                    from("direct:contacts-drop").routeId("stub-drop").to("mock:contacts-drop")
                            .process(exchange -> exchange.getIn().setBody(report.summary(exchange.getProperty(
                                    "drop", Drop.class), new RowsRead(3, 0, Map.of(), 0, 3, 0, 0, List.of(), null,
                                            null, 0))));
                }
            }};
    }

    private void start() throws Exception {
        AdviceWith.adviceWith(context, "contacts-drop-end", route -> {
            route.weaveById("drop-tell").replace().to("mock:told");
            route.weaveById("drop-failed-alert").replace().to("mock:alert");
        });
        context.start();
    }

    private Path drop(String campaign, String name) throws Exception {
        Path file = dir().resolve("inbox/contacts").resolve(campaign).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "externalId,phone\nCRM-1,3172014455\n", StandardCharsets.UTF_8);
        return file;
    }

    private JsonNode summary(String name) throws Exception {
        return JSON.readTree(dir().resolve("reports").resolve(name + ".summary.json").toFile());
    }

    @Test
    void anAdmittedDropIsReadAndEndsWithItsSummaryItsLedgerRecordAndItsFileInProcessed() throws Exception {
        start();
        Path file = drop("demo", "a.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> drops.outcomes().containsKey(file));
        getMockEndpoint("mock:contacts-drop").expectedMessageCount(1);
        getMockEndpoint("mock:told").expectedMessageCount(1);
        getMockEndpoint("mock:alert").expectedMessageCount(0);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(summary("a.csv").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(summary("a.csv").get("rowsRead").asLong()).isEqualTo(3);
        assertThat(summary("a.csv").get("target").asText()).isEqualTo("sandbox (test)");
        assertThat(file).doesNotExist();
        assertThat(dir().resolve("processed").resolve(LocalDate.now().toString()).resolve("a.csv")).exists();
        assertThat(drops.outcomes()).containsEntry(file, Drop.Status.COMPLETED);
        DropEnd told = getMockEndpoint("mock:told").getExchanges().get(0).getProperty("end", DropEnd.class);
        assertThat(told.summary().file()).isEqualTo("a.csv");
    }

    @Test
    void aFileOfNoCampaignIsRefusedWholeAndGoesToFailedWithItsReason() throws Exception {
        start();
        Path file = drop("nope", "b.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> drops.outcomes().containsKey(file));
        getMockEndpoint("mock:contacts-drop").expectedMessageCount(0);
        getMockEndpoint("mock:alert").expectedMessageCount(1);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(summary("b.csv").get("status").asText()).isEqualTo("FAILED");
        assertThat(summary("b.csv").get("error").asText()).contains("there is no campaign 'nope'");
        assertThat(Files.readString(dir().resolve("failed/b.csv.error.txt"))).contains("there is no campaign 'nope'");
        assertThat(drops.outcomes()).containsEntry(file, Drop.Status.FAILED);
    }
}
