package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;


/** One condition of a contact list filter clause. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactListFilterPredicate(String column, String columnType, String operator, String value, ContactListFilterRange range, Boolean inverted) {
}
