package io.outboundsync.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.cluster.InboxClaims;
import io.outboundsync.config.CampaignFileException;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.ledger.LedgerKeeper;
import io.outboundsync.notify.PseudonymKey;
import io.outboundsync.notify.Redactor;
import io.outboundsync.notify.WebhookTarget;
import io.outboundsync.observe.Meters;
import io.outboundsync.support.Current;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.ProducerTemplate;

/**
 * The process's own parts, which the flows' configurations ({@link GenesysConfiguration}, {@link NotifyConfiguration},
 * {@link CampaignsConfiguration}, {@link ContactsConfiguration}, {@link ObserveConfiguration}) make their beans of:
 * the Genesys connection, the campaign files as read, the clock, the keys, the webhook receivers, the meters, and the
 * views of what is known only once the org is ({@link OrgParts}). Added first, so the others find them.
 */
final class ProcessConfiguration implements CamelConfiguration {

    private final StartSettings settings;
    private final GenesysConnection connection;
    private final ContactConfig.Campaigns campaigns;
    private final Clock clock;
    private final OrgParts org;
    private final InboxClaims inboxClaims;
    private final LedgerKeeper ledgerKeeper;
    private final PrometheusMeterRegistry meterRegistry;
    private final Meters meters;
    private final Redactor redactor;
    private final Map<String, WebhookTarget> webhookTargets;
    private final byte[] auditKey;

    ProcessConfiguration(StartSettings settings, GenesysConnection connection, ContactConfig.Campaigns campaigns,
            Clock clock, Path dataDir, OrgParts org, InboxClaims inboxClaims, PrometheusMeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
        this.meters = new Meters(meterRegistry);
        this.settings = settings;
        this.connection = connection;
        this.campaigns = campaigns;
        this.clock = clock;
        this.org = org;
        this.inboxClaims = inboxClaims;
        this.ledgerKeeper = new LedgerKeeper(org.ledger, clock);
        this.redactor = new Redactor(PseudonymKey.load(settings.pseudonymKey(), dataDir));
        this.auditKey = AuditLog.keyFile(dataDir).load(settings.auditKey());
        this.webhookTargets = webhookTargets(settings.webhooks(), connection.sandbox() == null ? null : connection.sandbox().baseUrl());
    }

    @BindToRegistry("genesysConnection")
    public GenesysConnection genesysConnection() {
        return connection;
    }

    @BindToRegistry("contactCampaigns")
    public Map<String, CampaignContacts> contactCampaigns() {
        return campaigns.usable();
    }

    /** A campaign file with mistakes refuses its own campaign: its drops wait, its sync is refused and shown. */
    @BindToRegistry("refusedCampaignFiles")
    public List<CampaignFileException> refusedCampaignFiles() {
        return campaigns.refused();
    }

    @BindToRegistry("clock")
    public Clock clock() {
        return clock;
    }

    /** Which Genesys this run acts on, once the org is identified. */
    @BindToRegistry("target")
    public Current<String> target() {
        return org.target::get;
    }

    @BindToRegistry("templates")
    public Current<ProducerTemplate> templates() {
        return org.template::get;
    }

    /** The org's ledger now: the keeper swaps it for a reopened one. */
    @BindToRegistry("ledgers")
    public Current<Ledger> ledgers() {
        return org.ledger::get;
    }

    @BindToRegistry("ledgerKeeper")
    public LedgerKeeper ledgerKeeper() {
        return ledgerKeeper;
    }

    /** The claims of the inbox's files in the shared state; on one machine it claims nothing. */
    @BindToRegistry("inboxClaims")
    public InboxClaims inboxClaims() {
        return inboxClaims;
    }

    /** What was applied and requested: shared by the instances, or this data folder's. */
    @BindToRegistry("orgCampaignState")
    public Current<AppliedObjects> orgCampaignState() {
        return org.applied::get;
    }

    @BindToRegistry("redactor")
    public Redactor redactor() {
        return redactor;
    }

    @BindToRegistry("auditKey")
    public byte[] auditKey() {
        return auditKey;
    }

    @BindToRegistry("webhookTargets")
    public Map<String, WebhookTarget> webhookTargets() {
        return webhookTargets;
    }

    @BindToRegistry("driftPolicy")
    public CampaignSync.DriftPolicy driftPolicy() {
        return settings.drift();
    }

    @BindToRegistry("defaultCallingWindow")
    public CampaignSpec.Slot defaultCallingWindow() {
        return settings.defaultCallingWindow();
    }

    @BindToRegistry("meters")
    public Meters meters() {
        return meters;
    }

    /**
     * The webhook receivers this run posts to. In sandbox mode every one points at the sandbox's webhook sink, so
     * nothing leaves the machine; in live mode an unconfigured one is skipped, and a URL without its secret stops
     * start-up.
     *
     * @param sandboxUrl the embedded sandbox's base URL, or null in live mode
     */
    static Map<String, WebhookTarget> webhookTargets(Map<String, StartSettings.Webhook> webhooks,
            String sandboxUrl) {
        Map<String, WebhookTarget> targets = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, StartSettings.Webhook> receiver : webhooks.entrySet()) {
            String name = receiver.getKey();
            String url = receiver.getValue().url();
            String secret = receiver.getValue().secret();
            if (sandboxUrl != null) {
                url = sandboxUrl + "/sandbox/webhooks/" + name;
                secret = secret != null ? secret : "sandbox-" + name + "-secret";
            } else if (url != null && secret == null) {
                throw new io.outboundsync.config.ConfigException("Setting notify." + name + ".secret is missing while notify." + name
                        + ".url is set. Fix: set the shared secret the receiver verifies X-Signature with"
                        + " (environment variable NOTIFY_" + name.toUpperCase(java.util.Locale.ROOT) + "_SECRET).");
            }
            targets.put(name, new WebhookTarget(name, url, secret));
        }
        return targets;
    }
}
