package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.testing.CommandLineRun;
import io.outboundsync.testing.DropHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} and {@code once} from the command line, against the sandbox as a live org, on the demo campaign. */
class PlanCommandTest {

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
        org.setForCommandLine(Map.of());
        Files.createDirectories(config.resolve("campaigns"));
        Files.createDirectories(config.resolve("dnc"));
        Files.copy(Path.of("config/dnc/internal-dnc.txt"), config.resolve("dnc/internal-dnc.txt"));
        Files.copy(Path.of("config/campaigns/demo.yaml"), config.resolve("campaigns/demo.yaml"));
    }

    @AfterEach
    void stop() {
        org.clearForCommandLine();
        org.close();
    }

    private int run(String... command) {
        return cli.run(command);
    }

    private String output() {
        return cli.output();
    }

    @Test
    void plansEverythingThenNothingOnceApplied() throws IOException {
        assertThat(run("plan")).isEqualTo(PlanCommand.PENDING);
        assertThat(output()).contains("Campaign demo (")
                .containsPattern("contactListFilter +Demo Renewals segments +create")
                .containsPattern("dncList +Demo Renewals DNC +create")
                .containsPattern("schedule +Demo Renewals +create")
                .contains("Plan: 7 change(s) pending.");
        assertThat(org.control.get("/api/v2/outbound/campaigns").get("entities")).as("a plan changes nothing")
                .isEmpty();

        org.drop("demo", "demo-contacts.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        assertThat(run("once")).isZero();
        // stdout is the outcome table: the drop's counts and top reject reasons, then the campaign's sync
        List<String> table = output().lines().toList();
        assertThat(table).hasSize(6);
        assertThat(table.get(0).split("\\s+")).containsExactly("DROP", "STATUS", "ROWS", "ACCEPTED", "REJECTED",
                "WITHDRAWN", "UPLOADED", "UNCHANGED", "SECONDS");
        assertThat(table.get(1)).matches("demo-contacts\\.csv +COMPLETED_WITH_REJECTS +30 +18 +12 +0 +18 +0 +\\d+\\.\\d");
        assertThat(table.get(2)).isEqualTo("  rejected: CONSENT_MISSING 3, ON_DNC 2, PHONE_INVALID 2 (+6 more)");
        assertThat(table.get(3)).startsWith("Reports: ");
        assertThat(table.get(4).split("\\s+")).containsExactly("CAMPAIGN", "SYNC", "APPLIED", "DRIFT", "STATE");
        // the drop created the contact list; the sync creates the other five objects; the campaign is made off
        assertThat(table.get(5)).matches("demo +SYNCED +5 +0 +off");

        // --json: the same outcome for scripts
        assertThat(run("once", "--json")).isZero();
        JsonNode once = DropHarness.JSON.readTree(output());
        assertThat(once.get("drops")).isEmpty();
        assertThat(once.get("campaigns").get(0).get("campaign").asText()).isEqualTo("demo");
        assertThat(once.get("campaigns").get(0).get("changesApplied").asLong()).isZero();
        assertThat(once.get("campaigns").get(0).get("state").asText()).isEqualTo("off");

        assertThat(run("plan")).isZero();
        assertThat(output()).containsPattern("campaign +Demo Renewals +unchanged").contains("Plan: nothing to change.");
        // the segment's size twice: over the 18 contacts the ledger synced, and by the service's preview
        Matcher size = Pattern.compile("segment size: (\\d+) of (\\d+) contacts by the ledger's last synced rows,"
                + " (\\d+) of (\\d+) by Genesys' preview").matcher(output());
        assertThat(size.find()).as(output()).isTrue();
        assertThat(size.group(2)).isEqualTo("18");
        assertThat(size.group(1)).isEqualTo(size.group(3));
        assertThat(size.group(2)).isEqualTo(size.group(4));
        assertThat(Integer.parseInt(size.group(1))).isBetween(1, 17);
        assertThat(output()).contains("rule hits over the ledger's rows: VIP caller id");

        assertThat(run("plan", "--json")).isZero();
        JsonNode plan = DropHarness.JSON.readTree(output());
        assertThat(plan.get("pending").asBoolean()).isFalse();
        assertThat(plan.at("/campaigns/0/changes")).hasSize(7)
                .allSatisfy(c -> assertThat(c.get("action").asText()).isEqualTo("UNCHANGED"));
        assertThat(plan.at("/campaigns/0/segmentSize/preview").asLong()).isEqualTo(Long.parseLong(size.group(3)));

        // a change made in Genesys shows with its values, Genesys' first, the file's second
        assertThat(plan.at("/campaigns/0/changes/2/kind").asText()).isEqualTo("contactListFilter");
        JsonNode filter = org.control.get("/api/v2/outbound/contactlistfilters/"
                + plan.at("/campaigns/0/changes/2/id").asText());
        org.control.put("/api/v2/outbound/contactlistfilters/" + filter.get("id").asText(),
                ((com.fasterxml.jackson.databind.node.ObjectNode) filter.deepCopy()).put("filterType", "OR")
                        .toString());
        assertThat(run("plan")).isEqualTo(PlanCommand.PENDING);
        assertThat(output()).containsPattern("contactListFilter +Demo Renewals segments +drifted")
                .contains("      ~ filterType: \"OR\" -> \"AND\"");
        assertThat(run("plan", "--json")).isEqualTo(PlanCommand.PENDING);
        assertThat(DropHarness.JSON.readTree(output()).at("/campaigns/0/changes/2/values/0").toString())
                .isEqualTo("{\"field\":\"filterType\",\"from\":\"\\\"OR\\\"\",\"to\":\"\\\"AND\\\"\"}");
    }

    @Test
    void exportsTheChangeHistoryOfRulesFiltersAndSchedulesWithGenesysOwnAudits() throws IOException {
        assertThat(run("once")).isZero();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        Path file = data.resolve("export.json");
        assertThat(run("audit", "export", "--from", today, "--to", today, "--out", file.toString())).isZero();
        JsonNode export = DropHarness.JSON.readTree(file.toFile());
        assertThat(export.get("changes")).extracting(c -> c.get("subject").asText()).containsExactlyInAnyOrder(
                "demo/contactListFilter", "demo/ruleSet", "demo/callableTimeSet", "demo/schedule");
        assertThat(export.get("changes")).allSatisfy(c -> assertThat(c.get("type").asText())
                .isEqualTo("campaign.change"));
        assertThat(export.get("genesysAudits")).extracting(a -> a.get("entityType").asText())
                .contains("ContactListFilter", "RuleSet", "CallableTimeSet", "CampaignSchedule")
                .doesNotContain("Campaign", "ContactList");
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        assertThat(run("audit", "export", "--from", yesterday, "--to", yesterday, "--out", file.toString())).isZero();
        assertThat(DropHarness.JSON.readTree(file.toFile()).get("changes")).isEmpty();
        assertThat(run("audit", "export", "--from", today, "--to", yesterday)).isEqualTo(1);
    }

    @Test
    void aGenesysFailureExits2SayingWhatFailed() {
        org.control.fail("GET", "/api/v2/routing/queues", 400, 1);
        assertThat(run("plan")).isEqualTo(2);
        assertThat(output()).contains("FAILED: could not look up queue 'Outbound Sales'").contains("400");
    }

    @Test
    void aCampaignFileWithMistakesExits1NamingTheLine() throws IOException {
        Path file = config.resolve("campaigns/demo.yaml");
        Files.writeString(file, Files.readString(file).replace("  dialingMode: progressive", "  dialingMode: fast"));
        assertThat(run("plan")).isEqualTo(1);
        assertThat(output()).contains("demo.yaml line 58:16, campaign.dialingMode: is 'fast', which is not one of"
                + " agentless, preview, power, predictive, progressive, external. Fix: use one of agentless, preview,"
                + " power, predictive, progressive, external.");
        assertThat(run("plan", "--json")).isEqualTo(1);
        JsonNode plan = DropHarness.JSON.readTree(output());
        assertThat(plan.at("/invalid/0/problems/0/line").asInt()).isEqualTo(58);
        assertThat(plan.at("/invalid/0/problems/0/key").asText()).isEqualTo("campaign.dialingMode");
    }
}
