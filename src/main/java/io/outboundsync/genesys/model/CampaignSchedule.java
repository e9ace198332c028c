package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code CampaignSchedule}, at {@code /api/v2/outbound/schedules/campaigns/{campaignId}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignSchedule(String id, String name, Integer version, List<ScheduleInterval> intervals, String timeZone, DomainEntityRef campaign, String dateCreated, String dateModified, String selfUri) {
}
