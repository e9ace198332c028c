package io.outboundsync.runtime;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.campaigns.CampaignFiles;
import io.outboundsync.campaigns.CampaignLimits;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.ContactListResolver;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.VersionLock;
import io.outboundsync.notify.Notifier;
import io.outboundsync.state.CampaignStates;
import io.outboundsync.state.StateRequests;
import io.outboundsync.support.Current;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;

/**
 * The beans of {@code routes/campaigns.camel.yaml}: the campaign files and their sync (plan, diff, apply with
 * version locks), and the guarded state machine with its requests, from {@code campaigns.*} and {@code state.*}
 * properties. The drift policy and the default calling window arrive checked, as beans the {@link Pipeline} binds.
 */
@Configuration
public class CampaignsConfiguration extends MadeOnce {

    @BeanInject("meters")
    io.outboundsync.observe.Meters meters;
    @BeanInject("contactCampaigns")
    Map<String, CampaignContacts> campaigns;
    @BeanInject("refusedCampaignFiles")
    List<io.outboundsync.config.CampaignFileException> refused;
    @BeanInject("genesysClient")
    GenesysClient genesys;
    @BeanInject("contactLists")
    ContactListResolver lists;
    @BeanInject("versionLock")
    VersionLock versionLock;
    @BeanInject("notifier")
    Notifier notifier;
    @BeanInject("audit")
    AuditLog audit;
    @BeanInject("clock")
    Clock clock;
    @BeanInject("templates")
    Current<ProducerTemplate> templates;
    @BeanInject("ledgers")
    Current<Ledger> ledgers;
    @BeanInject("orgCampaignState")
    Current<AppliedObjects> states;
    @BeanInject("driftPolicy")
    CampaignSync.DriftPolicy drift;
    @BeanInject("defaultCallingWindow")
    CampaignSpec.Slot defaultCallingWindow;
    @PropertyInject("pipeline.data-dir")
    String dataDir;
    @PropertyInject("campaigns.line-capacity")
    int lineCapacity;
    @PropertyInject("campaigns.segments.max-predicates")
    int maxPredicates;
    @PropertyInject("campaigns.segments.max-value-length")
    int maxValueLength;
    @PropertyInject("state.pause-reasons")
    String pauseReasons;
    @PropertyInject("state.guards.min-idle-agents")
    int minIdleAgents;
    @PropertyInject("state.pause.drain-timeout-ms")
    long drainTimeoutMs;
    @PropertyInject("state.pause.poll-ms")
    long pollMs;
    @PropertyInject("genesys.version-lock.max-attempts")
    int versionLockAttempts;

    @BindToRegistry("campaignsFlow")
    public CampaignsFlow campaignsFlow() {
        return once("campaignsFlow", () -> new CampaignsFlow(campaigns, refused, new CampaignFiles(new CampaignLimits(
                lineCapacity, maxPredicates, maxValueLength, defaultCallingWindow), clock),
                new CampaignSync(genesys, lists, states::get, ledgers::get, versionLock, drift, notifier, audit, clock),
                audit, Path.of(dataDir), templates::get));
    }

    @BindToRegistry("campaignStates")
    public CampaignStates campaignStates() {
        return once("campaignStates", () -> new CampaignStates(genesys, campaignsFlow()::spec, states::get, notifier,
                audit, clock, new CampaignStates.Options(List.of(pauseReasons.split("\\s*,\\s*")), minIdleAgents,
                        drainTimeoutMs, pollMs, versionLockAttempts), meters));
    }

    @BindToRegistry("stateRequests")
    public StateRequests stateRequests() {
        return once("stateRequests", () -> new StateRequests(campaignStates(), campaignsFlow()::spec, clock));
    }
}
