package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.CommandLineRun;
import io.outboundsync.testing.DropHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} from the command line, against the sandbox as a live org, on the demo campaign. */
class DoctorCommandTest {

    @TempDir
    Path data;

    @TempDir
    Path config;

    private DropHarness org;
    private CommandLineRun cli;

    @BeforeEach
    void start() throws IOException {
        org = new DropHarness(data, Map.of());
        cli = new CommandLineRun(config, data);
        org.withDemoConfigIn(config);
        org.setForCommandLine(Map.of());
    }

    @AfterEach
    void stop() {
        org.clearForCommandLine();
        org.close();
    }

    private List<String> lines() {
        return cli.output().lines().toList();
    }

    @Test
    void findsEverythingAFirstRunNeedsInTheSandbox() {
        assertThat(cli.run("doctor")).isZero();
        assertThat(lines()).allSatisfy(l -> assertThat(l).doesNotStartWith("✘"))
                .contains("✔ org Outbound Sync Sandbox (" + org.control.get("/api/v2/organizations/me").get("id")
                        .asText() + ")", "✔ demo: queue 'Outbound Sales'", "✔ demo: script 'Outbound Default Script'",
                        "✔ demo: site 'Main Site'", "✔ demo: callAnalysisResponseSet 'Default Call Analysis'",
                        "✔ read /api/v2/outbound/contactlists (contacts)", "✔ read /api/v2/routing/queues (campaigns)")
                .last().isEqualTo("All good.");
        assertThat(lines()).filteredOn(l -> l.startsWith("✔ read ")).hasSize(DoctorCommand.READS.values().stream()
                .mapToInt(List::size).sum());
        // read-only: nothing was made in the org
        assertThat(org.control.get("/api/v2/outbound/campaigns").get("entities")).isEmpty();
        assertThat(org.control.get("/api/v2/outbound/contactlists").get("entities")).isEmpty();
    }

    /** A refused login is answered at once (it used to be retried without end: the guard below is for a hang). */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void namesAWrongSecretWithItsFix() {
        System.setProperty("genesys.client-secret", "not-the-secret");
        assertThat(cli.run("doctor")).isEqualTo(2);
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("✘ Genesys credentials and org: ")
                .contains("401").contains("GENESYS_CLIENT_SECRET").doesNotContain("not-the-secret"))
                .last().isEqualTo("1 thing(s) to fix.");
    }

    @Test
    void everyReadItTriesHasItsPermissionListed() {
        DoctorCommand.READS.values().stream().flatMap(List::stream).forEach(path -> assertThat(
                io.outboundsync.genesys.Permissions.read(path)).as(path).isPresent());
    }

    @Test
    void namesThePermissionARefusedReadNeeds() {
        org.control.post("/sandbox/faults", "{'method':'GET','path':'/api/v2/outbound/rulesets','status':403,"
                + "'times':1}");
        assertThat(cli.run("doctor")).isEqualTo(2);
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("✘ read /api/v2/outbound/rulesets (campaigns): ")
                .contains("403").endsWith("Fix: give the OAuth client's role outbound:ruleSet:view (README \"Going"
                        + " live\" lists what each flow needs)."))
                .last().isEqualTo("1 thing(s) to fix.");
    }

    /** The reconciliation's export needs two permissions at once; doctor asks for its URI, read-only. */
    @Test
    void namesBothPermissionsTheExportNeedsWhenGenesysRefusesIt() throws IOException {
        org.drop("demo", "first.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        assertThat(cli.run("once")).isZero();
        assertThat(cli.run("doctor")).isZero();
        assertThat(lines()).contains("✔ demo: export of contact list 'Demo Renewals' (reconcile)");

        org.control.post("/sandbox/faults", "{'method':'GET','path':'/api/v2/outbound/contactlists/','status':403,"
                + "'times':1}");
        assertThat(cli.run("doctor")).isEqualTo(2);
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("✘ demo: export of contact list 'Demo"
                + " Renewals' (reconcile): ").contains("403").endsWith("Fix: give the OAuth client's role"
                        + " outbound:contact:view and outbound:contactList:view (README \"Going live\")."));
        // nothing was exported
        assertThat(org.control.journal("/api/v2/outbound/contactlists/")).noneSatisfy(e -> assertThat(
                e.get("method").asText() + " " + e.get("path").asText()).matches("POST .*/export"));
    }

    @Test
    void namesAQueueTheOrgDoesNotHaveWithTheFileAndKeyToFix() throws IOException {
        Path campaign = config.resolve("campaigns/demo.yaml");
        Files.writeString(campaign, Files.readString(campaign).replace("queue: Outbound Sales", "queue: Night Shift"));
        assertThat(cli.run("doctor")).isEqualTo(2);
        assertThat(lines()).contains("✘ demo: queue 'Night Shift': not found in the org. Fix: create it in Genesys"
                + " Cloud, or name an existing one at campaign.queue in " + campaign + ".")
                .contains("✔ demo: script 'Outbound Default Script'")
                .last().isEqualTo("1 thing(s) to fix.");
    }
}
