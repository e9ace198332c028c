package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code RuleSet}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleSet(String id, String name, Integer version, DomainEntityRef contactList, DomainEntityRef queue, List<DialerRule> rules, String dateCreated, String dateModified, String selfUri) {
}
