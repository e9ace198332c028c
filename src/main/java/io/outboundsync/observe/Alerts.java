package io.outboundsync.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.contacts.DropSummary;
import io.outboundsync.notify.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts: a failed drop, a failed campaign sync, an open circuit to Genesys, a dead-lettered webhook and an audit
 * write failure each send an event {@code alert.<kind>} to the third receiver, {@code notify.alerts.url} (signed like
 * the others; it may be the same URL as the CDP's), and count in {@code outboundsync_alerts_total{kind}}. With no
 * receiver configured the alert is logged at ERROR, once for each failure (a drop, a sync, an opening), never a row.
 * Counts, names and reasons only: the summaries and reports they come from hold no phone or e-mail.
 */
public final class Alerts {

    public static final String RECEIVER = "alerts";
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Notifier notifier;
    private final Consumer<String> counter;

    /** @param counter counts an alert by kind (the meters) */
    public Alerts(Notifier notifier, Consumer<String> counter) {
        this.notifier = notifier;
        this.counter = counter;
    }

    /** Raises an alert: counted, sent to the alerts receiver, or logged at ERROR when there is none. */
    public void raise(String kind, String summary, Map<String, Object> details) {
        counter.accept(kind);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        data.put("summary", summary);
        data.putAll(details);
        String eventId = null;
        try {
            eventId = notifier.publish(RECEIVER, "alert." + kind, data);
        } catch (RuntimeException e) {
            LOG.error("The alert {} could not be queued: {}", kind, e.toString());
        }
        if (eventId == null) {
            LOG.error("ALERT {}: {} {} (notify.alerts.url is not set: this line is the alert)", kind, summary,
                    details);
        }
    }

    /** A drop that failed (its summary's status FAILED): it stays in the inbox for the next run. */
    public void dropFailed(DropSummary summary) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaign", summary.campaign());
        details.put("file", summary.file());
        details.put("rowsRead", summary.rowsRead());
        details.put("uploaded", summary.uploaded());
        details.put("error", summary.error());
        raise("drop_failed", "The drop " + summary.file() + " failed and stays in the inbox", details);
    }

    private final java.util.Set<String> toldConflicts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Each campaign whose rules contradict each other (tutorial 004): refused until fixed, so its dialing rules are
     * not what the file says; an alert names the pairs (rule names and lines, never contact data).
     */
    public void ruleConflicts(CampaignsFlow.Outcome outcome) {
        for (var invalid : outcome.invalid()) {
            var conflicts = invalid.ruleConflicts();
            // once for what the file says: each sync of a refused campaign meets the same conflicts again
            if (!conflicts.isEmpty() && toldConflicts.add(invalid.campaignKey() + "\n" + conflicts)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("campaign", invalid.campaignKey());
                details.put("file", String.valueOf(invalid.file()));
                details.put("conflicts", conflicts.stream().map(c -> "line " + c.line() + ": " + c.message())
                        .toList());
                raise("rule_conflict", "Campaign " + invalid.campaignKey() + " is refused: " + conflicts.size()
                        + " pair(s) of its rules contradict each other", details);
            }
        }
    }

    /** Each campaign whose sync failed in this outcome. */
    public void campaignsFailed(CampaignsFlow.Outcome outcome) {
        for (CampaignSync.Report report : outcome.reports()) {
            if (report.error() != null) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("campaign", report.campaign());
                details.put("file", report.file());
                details.put("error", report.error());
                raise("campaign_sync_failed", "The sync of campaign " + report.campaign() + " failed", details);
            }
        }
    }

    /** The Genesys circuit changed state: its opening is an alert. */
    public void circuit(String state) {
        if ("OPEN".equals(state)) {
            raise("circuit_open", "Genesys is failing: calls fail fast until probes succeed", Map.of());
        }
    }

    /**
     * A webhook event spent its retries and was dead-lettered. An alert's own dead letter is only logged (an alert
     * about the alerts receiver would go to the receiver that is failing).
     */
    public void webhookDeadLettered(String receiver, String event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("receiver", receiver);
        try {
            JsonNode node = JSON.readTree(event);
            details.put("eventId", node.path("eventId").asText(null));
            details.put("type", node.path("type").asText(null));
        } catch (Exception e) {
            details.put("eventId", null);
        }
        if (RECEIVER.equals(receiver)) {
            counter.accept("webhook_dead_lettered");
            LOG.error("ALERT webhook_dead_lettered: an alert could not be delivered to notify.alerts.url {}", details);
            return;
        }
        raise("webhook_dead_lettered", "A webhook event to " + receiver + " was dead-lettered", details);
    }

    /** An audit record could not be written. */
    public void auditFailed(String problem) {
        raise("audit_failed", "An audit record could not be written", Map.of("problem", problem));
    }
}
