package io.outboundsync.contacts.reconcile;

import static io.outboundsync.contacts.reconcile.ReconcileData.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.contacts.upload.DialerContact;
import io.outboundsync.genesys.GenesysCalls;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.notify.PseudonymKey;
import io.outboundsync.notify.Redactor;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import io.outboundsync.testing.LoopbackGenesys;
import io.outboundsync.testing.SandboxControl;
import io.outboundsync.testing.YamlRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route of {@code routes/contacts-reconcile.camel.yaml}, booted with Camel's test kit against the sandbox on
 * loopback (through the real Genesys routes), its audit and CDP steps stubbed by mock endpoints: the export is waited
 * for in the route's loop, downloaded, compared, repaired through the halving route, and reported.
 */
class ContactsReconcileRoutesTest extends CamelTestSupport {

    @TempDir
    static Path root;
    private static GenesysSandbox sandbox;
    private static SandboxControl control;
    private Ledger ledger;
    private GenesysCalls calls;

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
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("contacts.reconcile.export-poll-ms", "100");
        properties.put("contacts.reports.dir", root.resolve("reports").toString());
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        ledger = Ledger.open(Files.createDirectories(root.resolve("state-" + System.nanoTime())));
        calls = LoopbackGenesys.bind(registry, sandbox.baseUrl(), () -> template);
        GenesysClient genesys = new GenesysClient(() -> template, calls);
        registry.bind("reconciler", new Reconciler(genesys, () -> ledger, Map.of("demo", DEMO),
                new Redactor(PseudonymKey.load(null, root)), Clock.systemUTC(), () -> "sandbox (test)", 30_000, 2));
        registry.bind("reconcileRepairedSum", new Repaired.Sum());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("genesys.camel.yaml", "genesys-contacts.camel.yaml", "genesys-storage.camel.yaml",
                "contacts-reconcile.camel.yaml");
    }

    private GenesysClient genesys() {
        return new GenesysClient(() -> template, calls);
    }

    /** The demo list in the sandbox (a fresh one per test: its name is the campaign's) with these contacts. */
    private String listWith(List<String> ids, String variant) {
        ContactListSpec spec = DEMO.contactList();
        JsonNode old = genesys().findByName("/api/v2/outbound/contactlists", spec.name());
        if (old != null) {
            genesys().delete("/api/v2/outbound/contactlists/" + old.get("id").asText());
        }
        String listId = new ContactListResolver(genesys(), () -> null).resolve(spec);
        List<DialerContact> contacts = ids.stream().map(id -> new DialerContact(id, listId, spec.columns(),
                ReconcileData.values(id, id.equals("C-2") ? variant : ""), null, null)).toList();
        genesys().postIgnoringAnswer("/api/v2/outbound/contactlists/" + listId + "/contacts", DEMO.addFlags().query(),
                contacts);
        return listId;
    }

    private Reconciliation reconcile(boolean repair) {
        return template.requestBodyAndHeaders("direct:contacts-reconcile", null, Map.of("campaign", "demo", "repair",
                repair, "trigger", "test"), Reconciliation.class);
    }

    private void stubAuditAndCdp() throws Exception {
        AdviceWith.adviceWith(context, "contacts-reconcile", route -> {
            route.weaveById("reconcile-audited").replace().to("mock:audit");
            route.weaveById("reconcile-told").replace().to("mock:cdp");
        });
        context.start();
    }

    @Test
    void theExportIsWaitedForComparedRepairedThroughTheHalvingRouteAndReported() throws Exception {
        stubAuditAndCdp();
        String listId = listWith(List.of("C-1", "C-2", "C-3"), "-edited");
        ledger.commit(listId, ReconcileData.acknowledged("C-1", "C-2", "C-4", "C-5", "C-6"));
        MockEndpoint audit = getMockEndpoint("mock:audit");
        audit.expectedMessageCount(1);
        getMockEndpoint("mock:cdp").expectedMessageCount(1);

        Reconciliation done = reconcile(true);

        assertThat(done.getInGenesys()).isEqualTo(3);
        assertThat(done.getAgree()).isEqualTo(1);
        assertThat(done.getChanged()).isEqualTo(1);
        assertThat(done.getUnknown()).isEqualTo(1);
        assertThat(done.getMissing()).isEqualTo(3);
        // C-2 with the ledger's values, C-4..C-6 again: 4 contacts in batches of 2
        assertThat(done.getRepaired()).isEqualTo(4);
        assertThat(done.getOutcome()).isEqualTo("differences");
        // the export was asked for once and looked at until ready (404 first), each look a request
        List<String> exportCalls = control.journal("/api/v2/outbound/contactlists/" + listId + "/export").stream()
                .map(e -> e.get("method").asText() + " " + e.get("status").asText()).toList();
        assertThat(exportCalls).startsWith("POST 200", "GET 404").endsWith("GET 200");
        assertThat(control.journal("/api/v2/outbound/contactlists/" + listId + "/contacts").stream()
                .filter(e -> e.get("method").asText().equals("POST")).count()).isEqualTo(1 + 2);
        JsonNode c2 = genesys().get("/api/v2/outbound/contactlists/" + listId + "/contacts/C-2");
        assertThat(c2.get("data").get(DEMO.contactList().columns().get(0)).asText())
                .isEqualTo(ReconcileData.values("C-2", "")[0]);
        MockEndpoint.assertIsSatisfied(context);
        // what the audit record and the CDP event are made of: the report, counts and scrubbed samples
        Reconciler.Report report = audit.getExchanges().get(0).getProperty("report", Reconciler.Report.class);
        assertThat(report.repaired()).isEqualTo(4);
        assertThat(report.repairRefused()).isZero();
        assertThat(report.target()).isEqualTo("sandbox (test)");
        assertThat(report.samples().get(Findings.MISSING)).hasSize(3);
        try (var reports = Files.list(root.resolve("reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("reconcile-" + listId));
        }
    }

    @Test
    void aReportOnlyRunSendsNothingAndSaysTheListsAgree() throws Exception {
        stubAuditAndCdp();
        String listId = listWith(List.of("C-1", "C-2"), "");
        ledger.commit(listId, ReconcileData.acknowledged("C-1", "C-2"));

        Reconciliation done = reconcile(false);

        assertThat(done.isInAgreement()).isTrue();
        assertThat(done.getAgree()).isEqualTo(2);
        assertThat(done.getRepaired()).isZero();
        assertThat(control.journal("/api/v2/outbound/contactlists/" + listId + "/contacts").stream()
                .filter(e -> e.get("method").asText().equals("POST")).count()).isEqualTo(1);
    }
}
