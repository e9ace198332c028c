package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code Campaign}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Campaign(String id, String name, Integer version, DomainEntityRef contactList, DomainEntityRef queue, String dialingMode, DomainEntityRef script, DomainEntityRef edgeGroup, DomainEntityRef site, String campaignStatus, List<PhoneColumn> phoneColumns, Double abandonRate, List<DomainEntityRef> dncLists, DomainEntityRef callableTimeSet, DomainEntityRef callAnalysisResponseSet, String callerName, String callerAddress, Integer outboundLineCount, List<DomainEntityRef> ruleSets, Boolean alwaysRunning, Integer priority, List<DomainEntityRef> contactListFilters, DomainEntityRef division, String dateCreated, String dateModified, String selfUri) {
}
