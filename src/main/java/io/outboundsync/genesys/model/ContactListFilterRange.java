package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The range of a {@code BETWEEN} or {@code IN} predicate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactListFilterRange(String min, String max, Boolean minInclusive, Boolean maxInclusive, List<String> inSet) {
}
