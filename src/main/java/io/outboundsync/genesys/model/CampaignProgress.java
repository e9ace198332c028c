package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;


/** Genesys {@code CampaignProgress}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignProgress(DomainEntityRef campaign, DomainEntityRef contactList, Long numberOfContactsCalled, Long totalNumberOfContacts, Long percentage) {
}
