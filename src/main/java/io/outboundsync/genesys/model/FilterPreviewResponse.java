package io.outboundsync.genesys.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer of {@code POST /contactlistfilters/preview}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilterPreviewResponse(Long filteredContacts, Long totalContacts, List<DialerContact> preview) {
}
