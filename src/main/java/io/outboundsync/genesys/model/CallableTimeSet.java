package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code CallableTimeSet}: calling hours. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallableTimeSet(String id, String name, Integer version, List<CallableTime> callableTimes, String dateCreated, String dateModified, String selfUri) {
}
