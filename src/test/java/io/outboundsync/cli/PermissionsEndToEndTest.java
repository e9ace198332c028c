package io.outboundsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.genesys.Permissions;
import io.outboundsync.testing.CommandLineRun;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call the flows make has its permissions listed (README "Going live", {@link Permissions}): the sandbox's
 * journal of a doctor, a drop with do-not-call numbers and a withdrawal, the campaign sync, a state request and a
 * compliance export, each request matched to a listed call.
 */
class PermissionsEndToEndTest {

    @TempDir
    Path data;

    @TempDir
    Path config;

    private DropHarness org;
    private CommandLineRun cli;

    @BeforeEach
    void start() throws Exception {
        org = new DropHarness(data, Map.of());
        cli = new CommandLineRun(config, data);
        org.withDemoConfigIn(config);
        // calling hours all day, every day: the activation below must not depend on when the test runs
        Path campaign = config.resolve("campaigns/demo.yaml");
        Files.writeString(campaign, Files.readString(campaign).replaceAll("(?s)callingWindow:.*",
                "callingWindow:\n  weekdays: \"00:00-24:00\"\n  weekend: \"00:00-24:00\"\n"));
        org.setForCommandLine(Map.of("contacts.reconcile.export-poll-ms", "100"));
    }

    @AfterEach
    void stop() {
        org.clearForCommandLine();
        org.close();
    }

    @Test
    void everyCallTheFlowsMakeIsListed() throws Exception {
        assertThat(cli.run("doctor")).isZero();
        org.drop("demo", "first.csv", Files.readString(Path.of("config/samples/demo-contacts.csv")));
        cli.run("once");
        // consent withdrawn for a contact Genesys has: a withdrawal
        org.drop("demo", "second.csv", Files.readString(Path.of("config/samples/demo-contacts.csv"))
                .replace("CRM-10001,Ana,Lopez,(317) 201-4455,ana.lopez@example.com,yes",
                        "CRM-10001,Ana,Lopez,(317) 201-4455,ana.lopez@example.com,no"));
        cli.run("once");
        assertThat(org.summary("second.csv").get("withdrawn").asLong()).isEqualTo(1);
        cli.run("campaign", "activate", "demo");
        cli.run("campaign", "pause", "demo", "--reason", "maintenance");
        cli.run("audit", "export", "--from", "2026-11-01", "--to", "2026-11-02");
        cli.run("contacts", "reconcile", "demo");

        Set<String> calls = new TreeSet<>();
        for (JsonNode entry : org.control.journal("/api/v2/")) {
            calls.add(entry.get("method").asText() + " " + entry.get("path").asText().replaceFirst("\\?.*$", ""));
        }
        Set<String> unlisted = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String call : calls) {
            Permissions.Need need = Permissions.ALL.stream().filter(n -> matches(n, call)).findFirst().orElse(null);
            if (need == null) {
                unlisted.add(call);
            } else {
                used.add(need.method() + " " + need.path());
            }
        }
        assertThat(unlisted).as("calls made with no permission listed").isEmpty();
        // and the run covered the flows (the list is not a list of calls no one makes)
        assertThat(used).contains("POST /api/v2/outbound/contactlists/{contactListId}/contacts",
                "POST /api/v2/outbound/dnclists/{dncListId}/phonenumbers", "PUT /api/v2/outbound/campaigns/{campaignId}",
                "POST /api/v2/analytics/queues/observations/query", "POST /api/v2/audits/query",
                "PUT /api/v2/outbound/schedules/campaigns/{campaignId}", "GET /api/v2/organizations/me",
                "POST /api/v2/outbound/contactlists/{contactListId}/export", "GET /api/v2/downloads/{downloadId}");
    }

    private static boolean matches(Permissions.Need need, String call) {
        String pattern = Pattern.quote(need.method() + " " + need.path()).replaceAll("\\{[A-Za-z]+}", "\\\\E[^/]+\\\\Q");
        return call.matches(pattern);
    }
}
