package io.outboundsync.genesys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The Genesys {@code ErrorBody}: what the service says when it refuses a request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(Integer status, String code, String message, String contextId, String entityId,
        String entityName) {
}
