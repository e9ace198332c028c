package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;


/** A callable slot: {@code HH:mm:ss} to {@code HH:mm:ss} on day 1 (Monday) to 7 (Sunday). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignTimeSlot(String startTime, String stopTime, Integer day) {
}
