package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Genesys {@code DncList}; {@code dncSourceType} {@code rds} is the internal list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DncList(String id, String name, Integer version, String dncSourceType, String contactMethod, String loginId, List<String> dncCodes, String licenseId, String customExclusionColumn, DomainEntityRef division, Long size, String dateCreated, String dateModified, String selfUri) {
}
