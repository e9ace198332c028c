package io.outboundsync.state;

import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * The routes' way into the state machine: a command file's activate, pause or complete (dispatched there by the
 * {@code campaigns-commands} route), and a campaign file's scheduled transition (a route of the
 * {@code campaign-transition} template).
 */
public final class StateRequests {

    private final CampaignStates states;
    private final Function<String, CampaignSpec> specs;
    private final Clock clock;

    /** @param specs the checked campaign file of a key (throws when it has mistakes) */
    public StateRequests(CampaignStates states, Function<String, CampaignSpec> specs, Clock clock) {
        this.states = states;
        this.specs = specs;
        this.clock = clock;
    }

    /**
     * A command file's state change (archive is refused by the state machine); why it was not applied, or null.
     * Without {@code requestedAt}, the file's modification time is when it was asked.
     */
    public String stateChange(Command command, String file) throws IOException {
        Path path = Path.of(file);
        Instant requestedAt = command.requestedAt() != null ? Instant.parse(command.requestedAt())
                : Files.getLastModifiedTime(path).toInstant();
        CampaignStates.Result result = states.request(new CampaignStates.Request(command.campaign(),
                Matrix.Action.parse(command.action()), command.reason(), command.requestedBy() != null
                        ? command.requestedBy() : "command file " + path.getFileName(), requestedAt,
                command.override()));
        return switch (result.outcome()) {
            case APPLIED, NO_CHANGE -> null;
            default -> result.outcome() + ": " + result.message();
        };
    }

    /** Quartz: the transition a campaign file declares at that index. */
    public void onTransition(String campaign, int index) {
        CampaignSpec.Transition transition = specs.apply(campaign).transitions().get(index);
        states.request(new CampaignStates.Request(campaign, Matrix.Action.parse(transition.action()),
                transition.reason(), "schedule (" + transition.cron() + ")", clock.instant(), null));
    }
}
