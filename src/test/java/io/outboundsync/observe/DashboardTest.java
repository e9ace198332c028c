package io.outboundsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.DropSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample Grafana dashboard ({@code docs/grafana-dashboard.json}) queries only meters Outbound Sync writes, under
 * the names Prometheus shows them, and the README's table names the same.
 */
class DashboardTest {

    private static final Pattern NAME = Pattern.compile("outboundsync_[a-z_]+");

    /** Every meter, once each, in a Prometheus registry: the exposition text a scrape gets. */
    private static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Meters meters = new Meters(registry);
        meters.drop(new DropSummary("COMPLETED_WITH_REJECTS", "sha", 10, 8, 2, Map.of("ON_DNC", 2L), 0, 3, 5, 1,
                "list", 100, "demo", "a.csv", 0, 0, 3, null, null));
        meters.genesysAnswer(200);
        meters.genesysAnswer(429);
        meters.genesysAnswer(0);
        meters.genesysRetry();
        meters.budgetWaited(250);
        meters.budgetRemaining(() -> 0.5);
        meters.webhook("cdp", "delivered");
        meters.webhookRetry("cdp");
        meters.deadLetters(() -> 2);
        meters.webhookBacklog(() -> 3);
        meters.campaigns(new CampaignsFlow.Outcome(List.of(), List.of()));
        meters.campaignSync("demo", "synced", 1);
        meters.stateRequest("demo", "pause", "APPLIED");
        meters.circuitState(() -> "OPEN");
        meters.circuitTransition("OPEN");
        meters.genesysRefusedByCircuit();
        meters.alert("circuit_open");
        return registry.scrape();
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void queriesOnlyMetersOutboundSyncWrites() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("docs/grafana-dashboard.json")));
        assertThat(dashboard.get("panels")).isNotEmpty();
        StringBuilder queries = new StringBuilder();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> queries.append(t.get("expr").asText())
                .append('\n')));
        Set<String> written = names(scrape());
        assertThat(names(queries.toString())).isNotEmpty().allSatisfy(name -> assertThat(written)
                .as("a meter named %s", name).contains(name));
        // a drop's counts land under the tags the panels group by
        assertThat(scrape()).contains("outboundsync_contacts_rows_total{campaign=\"demo\",outcome=\"uploaded\"} 5.0")
                .contains("outboundsync_genesys_calls_total{status=\"none\"} 1.0")
                .contains("outboundsync_genesys_rate_limited_total 1.0");
    }

    @Test
    void theReadmeNamesEveryMeter() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> written = names(scrape());
        written.removeIf(n -> n.endsWith("_count") || n.endsWith("_sum") || n.endsWith("_max"));
        assertThat(written).allSatisfy(name -> assertThat(readme).as("README names %s", name).contains(name));
    }
}
