package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LedgerKeeper;
import io.outboundsync.notify.Redactor;
import io.outboundsync.notify.WebhookTarget;
import io.outboundsync.runtime.ContactsConfiguration;
import io.outboundsync.runtime.GenesysConfiguration;
import io.outboundsync.runtime.GenesysConnection;
import io.outboundsync.runtime.NotifyConfiguration;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import io.outboundsync.support.Current;
import io.outboundsync.testing.SandboxControl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contacts flow of {@code routes/contacts-*.camel.yaml} together, booted by camel-main's test kit with the beans of
 * {@link ContactsConfiguration} and the project's properties, against the sandbox on loopback: a drop is read in
 * chunks, its duplicates and malformed rows go to the rejects file, the rest reaches Genesys in full batches, and
 * the drop ends with its summary and in {@code processed/}.
 */
class ContactsRoutesTest extends CamelMainTestSupport {

    @TempDir
    static Path root;

    private static GenesysSandbox sandbox;
    private static SandboxControl control;
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path dataDir;
    private Ledger ledger;
    /** What the status page would show (the contacts routes tell it at a drop's start and end). */
    private final io.outboundsync.observe.StatusBoard board = new io.outboundsync.observe.StatusBoard(
            Clock.systemUTC(), io.outboundsync.observe.StatusBoard.Sources.none(), 20, java.time.Duration.ofHours(1),
            2000);

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
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        dataDir = root.resolve(java.util.UUID.randomUUID().toString());
        Properties properties = new Properties();
        properties.put("contacts.inbox.dir", dataDir.resolve("inbox/contacts").toString());
        properties.put("pipeline.data-dir", dataDir.toString());
        properties.put("contacts.reports.dir", dataDir.resolve("reports").toString());
        properties.put("contacts.inbox.take-once", "true");
        properties.put("contacts.inbox.poll-delay-ms", "100");
        properties.put("contacts.inbox.completion-options", "readLock=changed&readLockCheckInterval=100");
        properties.put("contacts.dnc.auto-startup", "false");
        properties.put("audit.dir", dataDir.resolve("audit").toString());
        properties.put("notify.retry.max-attempts", "2");
        properties.put("pipeline.trigger", "test");
        // small batches, so one drop makes several requests and a short last one
        properties.put("genesys.contacts.batch-size", "40");
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "classpath:defaults/application.properties";
    }

    /**
     * What the {@code Pipeline} binds before Camel starts, under the same names: the parts the configurations' beans
     * are made of. A configuration instance, so camel-main binds them before the configurations that follow.
     */
    public final class Parts implements org.apache.camel.CamelConfiguration {

        @org.apache.camel.BindToRegistry("genesysConnection")
        public GenesysConnection connection() {
            return GenesysConnection.open(Settings.of(Map.of("genesys.mode", "live", "genesys.api-url",
                    sandbox.baseUrl(), "genesys.login-url", sandbox.baseUrl(), "genesys.client-id", "sandbox-client",
                    "genesys.client-secret", "sandbox-secret")));
        }

        @org.apache.camel.BindToRegistry("contactCampaigns")
        public Map<String, CampaignContacts> campaigns() {
            return ContactConfig.loadAll(Path.of("config"));
        }

        @org.apache.camel.BindToRegistry("refusedCampaignFiles")
        public java.util.List<io.outboundsync.config.CampaignFileException> refused() {
            return java.util.List.of();
        }

        @org.apache.camel.BindToRegistry("target")
        public Current<String> target() {
            return () -> "live: routes test (" + sandbox.baseUrl() + ")";
        }

        @org.apache.camel.BindToRegistry("clock")
        public Clock clock() {
            return Clock.systemUTC();
        }

        @org.apache.camel.BindToRegistry("templates")
        public Current<org.apache.camel.ProducerTemplate> templates() {
            return () -> template;
        }

        @org.apache.camel.BindToRegistry("ledgers")
        public Current<Ledger> ledgers() {
            return () -> ledger;
        }

        @org.apache.camel.BindToRegistry("ledgerKeeper")
        public LedgerKeeper ledgerKeeper() {
            return new LedgerKeeper(new java.util.concurrent.atomic.AtomicReference<>(ledger), Clock.systemUTC());
        }

        @org.apache.camel.BindToRegistry("redactor")
        public Redactor redactor() {
            return new Redactor(new byte[32]);
        }

        @org.apache.camel.BindToRegistry("webhookTargets")
        public Map<String, WebhookTarget> webhookTargets() {
            return Map.of("cdp", new WebhookTarget("cdp", sandbox.baseUrl() + "/sandbox/webhooks/cdp", "cdp-secret"),
                    "wfm", new WebhookTarget("wfm", null, null));
        }

        @org.apache.camel.BindToRegistry("meters")
        public io.outboundsync.observe.Meters meters() {
            return io.outboundsync.observe.Meters.none();
        }

        @org.apache.camel.BindToRegistry("auditKey")
        public byte[] auditKey() {
            return "audit-key-of-the-routes-test-0123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @org.apache.camel.BindToRegistry("statusBoard")
        public io.outboundsync.observe.StatusBoard statusBoard() {
            return board;
        }

        @org.apache.camel.BindToRegistry("contactsCheckPool")
        public java.util.concurrent.ExecutorService checks() {
            return Executors.newFixedThreadPool(2);
        }
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/contacts-*.camel.yaml,file:routes/genesys*.camel.yaml,"
                + "file:routes/audit.camel.yaml,file:routes/notify*.camel.yaml");
        ledger = Ledger.open(dataDir.resolve("state"));
        // instances, in the order the Pipeline adds the classes: each finds the beans of those before it
        configuration.addConfiguration(new Parts());
        configuration.addConfiguration(new GenesysConfiguration());
        configuration.addConfiguration(new NotifyConfiguration());
        configuration.addConfiguration(new ContactsConfiguration());
    }

    @org.junit.jupiter.api.AfterEach
    void closeLedger() {
        if (context != null) {
            context.stop();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    private static String rows(int from, int to) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i < to; i++) {
            csv.append("CRM-").append(i).append(",Ana,Lopez,+1317201").append(String.format("%04d", i))
                    .append(",ana").append(i).append("@example.com,yes,no,42,North,7.5,1200.00,30,jsmith\n");
        }
        return csv.toString();
    }

    @Test
    void aDropEndsInGenesysInFullBatchesWithItsRejectsAndSummary() throws Exception {
        String header = "externalId,firstName,lastName,phone,email,consent,doNotCall,age,region,engagementScore,"
                + "lifetimeValue,leadAgeDays,crmOwner\n";
        // 100 contacts, then one of them again and a row of three fields
        String csv = header + rows(0, 100) + rows(7, 8) + "CRM-X,only,three\n";
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("contacts-inbox")
                .wereSentTo("direct:contacts-drop-end").whenDone(1).create();
        Path inbox = dataDir.resolve("inbox/contacts/demo");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("drop.csv"), csv, StandardCharsets.UTF_8);

        assertThat(done.matches(60, TimeUnit.SECONDS)).isTrue();
        JsonNode summary = JSON.readTree(dataDir.resolve("reports/drop.csv.summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED_WITH_REJECTS");
        assertThat(summary.get("rowsRead").asLong()).isEqualTo(102);
        assertThat(summary.get("uploaded").asLong()).isEqualTo(100);
        // the status page's board was told: the drop ended with its counts, none in progress
        var shown = board.snapshot();
        assertThat(shown.running()).isNull();
        assertThat(shown.drops()).singleElement().satisfies(d -> {
            assertThat(d.rows()).isEqualTo(102);
            assertThat(d.uploaded()).isEqualTo(100);
        });
        assertThat(summary.get("rejectedByReason").get("DUPLICATE_IN_DROP").asLong()).isEqualTo(1);
        assertThat(summary.get("rejectedByReason").get("MALFORMED_ROW").asLong()).isEqualTo(1);
        List<String> rejects = Files.readAllLines(dataDir.resolve("reports/drop.csv.rejects.csv"));
        assertThat(rejects).hasSize(3).first().isEqualTo("row,externalId,reasons,details");
        // a contact named in more than one row is decided once the drop is read: its rejects come last
        assertThat(rejects.get(1)).startsWith("102,CRM-X,MALFORMED_ROW,");
        assertThat(rejects.get(2)).startsWith("101,CRM-7,DUPLICATE_IN_DROP,");
        assertThat(dataDir.resolve("processed").toFile().list()).hasSize(1);
        // batches of 40 across the chunks' edges: 40 + 40 + the last 20
        String listId = summary.get("contactListId").asText();
        List<JsonNode> posts = control.journal("/api/v2/outbound/contactlists/" + listId + "/contacts");
        assertThat(posts).hasSize(3).allSatisfy(p -> assertThat(p.get("status").asInt()).isEqualTo(200));
        assertThat(ledger.hashes(listId, List.of("CRM-0", "CRM-99"))).hasSize(2);
    }
}
