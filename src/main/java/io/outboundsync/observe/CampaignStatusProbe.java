package io.outboundsync.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.genesys.GenesysClient;
import java.util.List;

/**
 * Reads each campaign's {@code campaignStatus} from Genesys for the status page (the {@code status-campaign-states}
 * route): a supervisor may turn a campaign on or off in Genesys, and the page shows what Genesys holds.
 */
public final class CampaignStatusProbe {

    private final GenesysClient genesys;
    private final CampaignsFlow campaigns;

    public CampaignStatusProbe(GenesysClient genesys, CampaignsFlow campaigns) {
        this.genesys = genesys;
        this.campaigns = campaigns;
    }

    /** The keys of the campaign files that are valid now (a file with mistakes names no campaign to read). */
    public List<String> keys() {
        return campaigns.validSpecs().stream().map(CampaignSpec::key).toList();
    }

    /** The campaign's status in Genesys ({@code on}, {@code off}, {@code stopping}...), or {@code (none)}. */
    public String status(String key) {
        JsonNode found = genesys.findByName("/api/v2/outbound/campaigns", campaigns.spec(key).campaign().name());
        return found == null ? "(none)" : found.path("campaignStatus").asText("?");
    }
}
