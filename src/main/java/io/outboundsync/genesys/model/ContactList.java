package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code ContactList}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactList(String id, String name, Integer version, DomainEntityRef division, List<String> columnNames, List<ContactPhoneNumberColumn> phoneColumns, List<EmailColumn> emailColumns, String previewModeColumnName, Boolean automaticTimeZoneMapping, String zipCodeColumnName, ImportStatus importStatus, Long size, String dateCreated, String dateModified, String selfUri) {
}
