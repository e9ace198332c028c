package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One rule of a rule set: conditions (all must hold) and actions, run in {@code order}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DialerRule(String id, String name, Integer order, String category, List<Condition> conditions, List<DialerAction> actions) {
}
