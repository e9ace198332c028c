package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A contact as sent to {@code POST /contactlists/{id}/contacts}; {@code id} makes the add an upsert. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WritableDialerContact(String id, String contactListId, Map<String, String> data, Boolean callable) {
}
