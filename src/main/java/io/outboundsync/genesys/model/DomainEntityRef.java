package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;


/** Genesys {@code DomainEntityRef}: a reference to another object, sent as {@code {"id": ...}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DomainEntityRef(String id, String name, String selfUri) {
}
