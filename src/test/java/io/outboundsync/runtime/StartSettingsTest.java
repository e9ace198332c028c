package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.config.ConfigException;
import io.outboundsync.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start's settings, read once without Camel: every mistake at once, and what Camel is given. */
class StartSettingsTest {

    private static final Path DATA = Path.of("/srv/outbound-sync/data");

    @Test
    void everyMistakeIsReportedAtOnceWithItsKeyAndTheFix() {
        Settings settings = Settings.of(Map.of("campaigns.sync.cron", "every 15 minutes",
                "campaigns.sync.time-zone", "Mars/Olympus", "campaigns.drift", "fix", "contacts.inbox.quiet-ms", "-1",
                "contacts.inbox.completion", "done"));

        assertThatThrownBy(() -> StartSettings.read(settings, DATA, "run")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("5 settings are not valid; start-up stops until all are fixed:")
                .hasMessageContaining("Setting campaigns.sync.cron=every 15 minutes is not valid. Fix: set it to a"
                        + " Quartz cron")
                .hasMessageContaining("campaigns.sync.time-zone=Mars/Olympus is not valid. Fix: set it to an IANA"
                        + " time zone")
                .hasMessageContaining("campaigns.drift=fix is not valid. Fix: set it to report or correct")
                .hasMessageContaining("contacts.inbox.quiet-ms=-1 is not valid")
                .hasMessageContaining("contacts.inbox.completion=done is not valid. Fix: set it to read-lock or"
                        + " done-file");
    }

    @Test
    void oneMistakeKeepsItsOwnMessage() {
        Settings settings = Settings.of(Map.of("state.instance-id", "host one"));

        assertThatThrownBy(() -> StartSettings.read(settings, DATA, "run")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Setting state.instance-id=host one is not valid. Fix: set it to up to 100"
                        + " letters");
    }

    @Test
    void aRunOnOneMachineGivesCamelItsFoldersItsReadLockAndStartsNothingByItself() {
        StartSettings start = StartSettings.read(Settings.of(Map.of("contacts.validation-threads", "3",
                "contacts.inbox.quiet-ms", "2000", "state.instance-id", "node-a")), DATA, "run");

        assertThat(start.claims()).isFalse();
        assertThat(start.watchInbox()).isTrue();
        assertThat(start.triggers()).isTrue();
        assertThat(start.drift()).isEqualTo(CampaignSync.DriftPolicy.REPORT);
        assertThat(start.observe().enabled()).isTrue();
        Map<String, String> camel = start.camelProperties(DATA);
        assertThat(camel).containsEntry("contacts.inbox.dir", DATA.resolve("inbox/contacts").toString())
                .containsEntry("campaigns.commands.dir", DATA.resolve("inbox/commands").toString())
                .containsEntry("contacts.inbox.completion-options", "readLock=changed&readLockCheckInterval=250"
                        + "&readLockMinAge=2000&readLockTimeout=12000&readLockLoggingLevel=INFO&readLockMinLength=0")
                .containsEntry("contacts.validation-threads", "3")
                .containsEntry("contacts.inbox.auto-startup", "false")
                .containsEntry("campaigns.routes.auto-startup", "false")
                .containsEntry("pipeline.instance", "node-a")
                .containsEntry("pipeline.observe", "true")
                .containsEntry("contacts.reports.dir", DATA.resolve("reports").toString())
                .doesNotContainKey("contacts.inbox.take-once");
    }

    @Test
    void instancesOnASharedStateClaimEachFileAndOnceServesNothing() {
        Settings shared = Settings.of(Map.of("state.jdbc-url", "jdbc:postgresql://db/outbound",
                "state.jdbc-password", "s3cret", "contacts.reconcile.cron", "0 30 2 * * ?"));

        StartSettings run = StartSettings.read(shared, DATA, "run");
        assertThat(run.claims()).isTrue();
        assertThat(run.shared()).get().hasToString("Shared[jdbc:postgresql://db/outbound]");
        // a secret given (the database's password, an audit key) is never in what a log line would print
        assertThat(StartSettings.read(shared.with(Map.of("audit.key", "k".repeat(44))), DATA, "run").toString())
                .doesNotContain("s3cret").doesNotContain("kkkk");
        assertThat(run.reconcileCron()).contains(new StartSettings.Schedule("0 30 2 * * ?", "UTC"));
        assertThat(run.camelProperties(DATA)).containsEntry("contacts.inbox.take-once", "false")
                .containsEntry("campaigns.commands.read-lock", InboxOptions.commandReadLock(true));
        assertThat(run.camelProperties(DATA).get("contacts.inbox.completion-options"))
                .startsWith("idempotentRepository=#inboxClaims&");

        StartSettings once = StartSettings.read(shared, DATA, "once");
        assertThat(once.claims()).isFalse();
        assertThat(once.reconcileCron()).isEmpty();
        assertThat(once.observe().enabled()).isFalse();
        assertThat(once.camelProperties(DATA)).containsEntry("pipeline.observe", "false");
    }

    @Test
    void aLiveWebhookWithoutItsSecretStopsStartUpAndTheSandboxCatchesThemAll() {
        StartSettings start = StartSettings.read(Settings.of(Map.of("notify.cdp.url", "https://cdp.example/hook")),
                DATA, "run");

        assertThatThrownBy(() -> ProcessConfiguration.webhookTargets(start.webhooks(), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("notify.cdp.secret is missing while notify.cdp.url is set");
        assertThat(ProcessConfiguration.webhookTargets(start.webhooks(), "http://127.0.0.1:4000").get("cdp").url())
                .isEqualTo("http://127.0.0.1:4000/sandbox/webhooks/cdp");
    }
}
