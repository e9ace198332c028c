package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;


/** A contact list's import status; {@code state} is {@code IN_PROGRESS} or {@code FAILED}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportStatus(String state, Long totalRecords, Long completedRecords, Long percentComplete, String failureReason) {
}
