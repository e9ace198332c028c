package io.outboundsync.genesys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The Genesys {@code ErrorBody}: what the service says when it refuses a request. Besides {@code message} the
 * service gives {@code messageWithParams}, the message with its variable parts as {@code {name}} placeholders, and
 * {@code messageParams}, their values (SDK model {@code ErrorBody}): the template says what kind of error it is
 * whatever the values, so two refusals of the same kind are told apart from two different ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(Integer status, String code, String message, String contextId, String entityId,
        String entityName, String messageWithParams, Map<String, String> messageParams) {

    public ErrorBody(Integer status, String code, String message, String contextId, String entityId,
            String entityName) {
        this(status, code, message, contextId, entityId, entityName, null, null);
    }

    /** The message; when the service gave only the template, the template with its params filled in. */
    public String text() {
        if (message != null || messageWithParams == null) {
            return message;
        }
        String filled = messageWithParams;
        if (messageParams != null) {
            for (Map.Entry<String, String> param : messageParams.entrySet()) {
                filled = filled.replace("{" + param.getKey() + "}", String.valueOf(param.getValue()));
            }
        }
        return filled;
    }

    /** What kind of error this is: the code and the message's template (the message itself when there is none). */
    public String kind() {
        return code + ": " + (messageWithParams != null ? messageWithParams : message);
    }
}
