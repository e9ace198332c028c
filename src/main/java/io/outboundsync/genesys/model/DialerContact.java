package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Genesys {@code DialerContact}, as read back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DialerContact(String id, String name, String contactListId, Map<String, String> data, Boolean callable, Map<String, PhoneNumberStatus> phoneNumberStatus, String dateCreated, String selfUri) {
}
