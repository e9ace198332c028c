package io.outboundsync.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.testing.YamlRoutes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of {@code routes/campaigns.camel.yaml}, booted with Camel's test kit. The {@code campaigns-commands}
 * route: a
 * command file is read with camel-jackson and dispatched by its action ({@code choice}); whatever happens — carried
 * out, refused, unreadable, failing — it ends at {@code done} with the reason, if any. The flow's collaborator is
 * swapped through the registry; the end-to-end tests run the real one against the sandbox.
 */
class CampaignsRoutesTest extends CamelTestSupport {

    @TempDir
    static Path commands;

    /** What the route asked of the flow, by file name: the reason it was not carried out ("" when it was). */
    public static final class Flow {
        final Map<String, String> done = new ConcurrentHashMap<>();
        final Map<String, String> asked = new ConcurrentHashMap<>();

        /** The campaign files to sync: none here (the real ones are the end-to-end tests'), or an unknown one. */
        public List<CampaignsFlow.Loaded> files(String only) {
            asked.put(only, "sync");
            if ("nosuch".equals(only)) {
                throw new IllegalArgumentException("there is no campaign 'nosuch'");
            }
            return List.of();
        }

        public String whyNot(Object outcome) {
            return null;
        }

        public CampaignsFlow.Outcome refuse(CampaignsFlow.Loaded file, String trigger) {
            throw new AssertionError("no campaign file here");
        }

        public CampaignsFlow.Outcome sync(CampaignsFlow.Loaded file, String trigger, Boolean plan) {
            throw new AssertionError("no campaign file here");
        }

        public String stateChange(Command command, String file) {
            asked.put(command.campaign(), command.action());
            return "pause".equals(command.action()) && command.reason() == null ? "REFUSED: a pause needs a reason"
                    : null;
        }

        public void done(String file, String why) {
            done.put(Path.of(file).getFileName().toString(), why == null ? "" : why);
        }

        public void onTransition(String campaign, int index) {
            asked.put(campaign + "#" + index, "transition");
        }
    }

    private final Flow flow = new Flow();

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties properties = new Properties();
        properties.put("campaigns.commands.dir", commands.toString());
        properties.put("campaigns.commands.poll-delay-ms", "50");
        properties.put("campaigns.commands.read-lock", io.outboundsync.runtime.InboxOptions.commandReadLock(false));
        properties.put("campaigns.sync.cron", "0 0 0 1 1 ? 2099");
        properties.put("campaigns.sync.time-zone", "UTC");
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    /** What the status page would show (the campaigns-sync route tells it each outcome). */
    private final io.outboundsync.observe.StatusBoard board = new io.outboundsync.observe.StatusBoard(
            java.time.Clock.systemUTC(), io.outboundsync.observe.StatusBoard.Sources.none(), 20,
            java.time.Duration.ofHours(1), 2000);

    /** The meters the routes count into (io.outboundsync.observe.Meters). */
    private final io.outboundsync.observe.Meters meters = io.outboundsync.observe.Meters.none();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("campaignsFlow", flow);
        registry.bind("meters", meters);
        registry.bind("statusBoard", board);
        // no alerts receiver here: an alert would be logged (none is raised: no campaign file fails)
        registry.bind("alerts", new io.outboundsync.observe.Alerts(new io.outboundsync.notify.Notifier(
                Map.of("alerts", new io.outboundsync.notify.WebhookTarget("alerts", null, null)), () -> null,
                null, null, java.time.Clock.systemUTC(), "test", null, java.time.Duration.ZERO), meters::alert));
        registry.bind("stateRequests", flow);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return YamlRoutes.of("campaigns.camel.yaml");
    }

    /** A campaign file's transition becomes a route of the campaign-transition template, firing in its zone. */
    @Test
    void aTransitionRouteComesFromTheTemplateAndFiresInTheCampaignsZone() throws Exception {
        NotifyBuilder fired = new NotifyBuilder(context).fromRoute("campaign-transition-demo-1").whenDone(1).create();
        org.apache.camel.builder.TemplatedRouteBuilder.builder(context, "campaign-transition")
                .routeId("campaign-transition-demo-1").parameter("job", "campaign-transition-demo-1")
                .parameter("campaign", "demo").parameter("index", "0").parameter("cron", "0/1+*+*+*+*+?")
                .parameter("timeZone", "Pacific/Kiritimati").add();

        assertThat(fired.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(flow.asked).containsEntry("demo#0", "transition");
    }

    private static void write(String name, String json) throws Exception {
        Files.writeString(commands.resolve(name), json, StandardCharsets.UTF_8);
    }

    @Test
    void eachCommandIsDispatchedByItsActionAndEndsWithItsReason() throws Exception {
        NotifyBuilder all = new NotifyBuilder(context).fromRoute("campaigns-commands").whenDone(7).create();
        write("sync.json", "{\"campaign\": \"demo\", \"action\": \"sync\"}");
        write("activate.json", "{\"campaign\": \"a\", \"action\": \"activate\", \"extra\": 1}");
        write("pause.json", "{\"campaign\": \"p\", \"action\": \"pause\"}");
        write("explode.json", "{\"campaign\": \"demo\", \"action\": \"explode\"}");
        write("incomplete.json", "{\"campaign\": \"demo\"}");
        write("broken.json", "{\"campaign\": ");
        write("nosuch.json", "{\"campaign\": \"nosuch\", \"action\": \"sync\"}");

        assertThat(all.matches(20, TimeUnit.SECONDS)).as("seven commands done").isTrue();

        assertThat(flow.done).containsEntry("sync.json", "").containsEntry("activate.json", "")
                .containsEntry("pause.json", "REFUSED: a pause needs a reason")
                .containsEntry("explode.json", "'explode' is not an action: sync, activate, pause or complete")
                .containsEntry("incomplete.json", "a command needs \"campaign\" and \"action\", e.g."
                        + " {\"campaign\": \"demo\", \"action\": \"sync\"}")
                .containsEntry("nosuch.json", "there is no campaign 'nosuch'");
        assertThat(flow.done.get("broken.json")).isNotEmpty();
        assertThat(flow.asked).containsEntry("demo", "sync").containsEntry("a", "activate")
                .containsEntry("p", "pause").hasSize(4);
        assertThat(context.getRoute("campaigns-commands")).isNotNull();
    }
}
