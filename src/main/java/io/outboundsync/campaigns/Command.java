package io.outboundsync.campaigns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A command file of {@code inbox/commands/}: {@code {"campaign": "demo", "action": "sync"}}, or a state change
 * {@code activate}, {@code pause} (with a {@code reason}), {@code complete}, with who asked, when, and an
 * {@code override} of the guards. Read by the {@code campaigns-commands} route (camel-jackson).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Command(String campaign, String action, String reason, String requestedBy, String requestedAt,
        String override) {

    /** Why the command cannot be carried out as written, or null. */
    public String problem() {
        return campaign == null || action == null
                ? "a command needs \"campaign\" and \"action\", e.g. {\"campaign\": \"demo\", \"action\": \"sync\"}"
                : null;
    }
}
