package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.filters.FilterEvaluator;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a plan shows of a campaign's segment and rules before anything is dialed: the segment's size over the
 * ledger's contacts (local) and from Genesys' preview, and how many of the ledger's contacts each rule hits.
 */
final class SegmentPreview {

    private SegmentPreview() {
    }

    /** The filter's size over the ledger's rows (local) and from the preview endpoint (service). */
    static CampaignSync.SegmentSize size(CampaignSpec spec, String listId, Ledger ledger, GenesysClient genesys,
            Clock clock) {
        if (spec.segments() == null) {
            return null;
        }
        if (listId == null) {
            return new CampaignSync.SegmentSize(null, null, null, null, "the contact list does not exist yet");
        }
        JsonNode filter = ManagedFields.JSON.valueToTree(Segmentation.filter(spec, listId));
        Long local = null;
        Long localOf = null;
        String note = null;
        if (ledger != null) {
            Predicate<Function<String, String>> test = FilterEvaluator.compile(filter,
                    spec.contactList().columns(), clock);
            long[] counts = new long[2];
            Map<String, Integer> columns = new java.util.HashMap<>();
            List<String> names = spec.contactList().columns();
            for (int i = 0; i < names.size(); i++) {
                columns.put(names.get(i), i);
            }
            ledger.forEachContact(listId, (id, values) -> {
                counts[1]++;
                if (test.test(column -> {
                    Integer at = columns.get(column);
                    return at == null || at >= values.length ? null : values[at];
                })) {
                    counts[0]++;
                }
            });
            local = counts[0];
            localOf = counts[1];
        } else {
            note = "the ledger is in use by a running process: no local count";
        }
        return service(filter, genesys, local, localOf, note);
    }

    /** The filter's size from the preview endpoint only (no local count). */
    static CampaignSync.SegmentSize serviceSize(CampaignSpec spec, String listId, GenesysClient genesys) {
        if (spec.segments() == null || listId == null) {
            return null;
        }
        return service(ManagedFields.JSON.valueToTree(Segmentation.filter(spec, listId)), genesys, null, null,
                "counted by the service only");
    }

    private static CampaignSync.SegmentSize service(JsonNode filter, GenesysClient genesys, Long local, Long localOf,
            String note) {
        Long preview = null;
        Long previewOf = null;
        try {
            JsonNode answer = genesys.post("/api/v2/outbound/contactlistfilters/preview", filter);
            preview = answer.path("filteredContacts").asLong();
            previewOf = answer.path("totalContacts").asLong();
        } catch (GenesysApiException e) {
            note = (note == null ? "" : note + "; ") + "preview failed: " + e.getMessage();
        }
        return new CampaignSync.SegmentSize(local, localOf, preview, previewOf, note);
    }

    /** How many of the ledger's contacts each rule hits. */
    static Map<String, Long> ruleHits(CampaignSpec spec, String listId, Ledger ledger) {
        if (spec.rules().isEmpty() || ledger == null || listId == null) {
            return Map.of();
        }
        List<RuleBook.Compiled> rules = RuleBook.compile(spec);
        long[] hits = new long[rules.size()];
        ledger.forEachContact(listId, (id, values) -> {
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).matches().test(values)) {
                    hits[r]++;
                }
            }
        });
        Map<String, Long> byRule = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            byRule.put(rules.get(r).name(), hits[r]);
        }
        return byRule;
    }
}
