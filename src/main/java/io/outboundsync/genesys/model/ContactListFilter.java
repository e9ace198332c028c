package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code ContactListFilter}: clauses joined by {@code filterType}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactListFilter(String id, String name, Integer version, DomainEntityRef contactList, String sourceType, List<ContactListFilterClause> clauses, String filterType, String dateCreated, String dateModified, String selfUri) {
}
