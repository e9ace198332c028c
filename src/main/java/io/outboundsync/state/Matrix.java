package io.outboundsync.state;

import java.util.Locale;

/**
 * Which state change is allowed from which Genesys status. Ours: active = {@code on}, paused = {@code off},
 * completed = {@code complete}. Genesys' rules: {@code on} → {@code off} only (through {@code stopping}), and
 * anything not on → {@code on}; {@code complete} is reached by the service itself (contacts exhausted), never
 * requested. Ours on top: nothing is requested while a campaign is stopping; a completed campaign is not
 * reactivated; {@code archived} has no Genesys equivalent.
 */
public final class Matrix {

    /** What a request asks for. */
    public enum Action {
        ACTIVATE, PAUSE, COMPLETE, ARCHIVE;

        public static Action parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("'" + text + "' is not an action: activate, pause or complete");
            }
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The verdict: do it (to which status), nothing to do, or refused (why). */
    public enum Kind { APPLY, NO_CHANGE, REFUSE }

    /**
     * @param target    the {@code campaignStatus} to request when applying; the state reached for a no-op
     * @param completed after a complete: the campaign is marked completed here (Genesys cannot be told)
     */
    public record Decision(Kind kind, String target, boolean completed, String explanation) {
    }

    private Matrix() {
    }

    /**
     * @param status          the campaign's {@code campaignStatus} now
     * @param markedCompleted whether this project completed the campaign earlier
     */
    public static Decision decide(String status, Action action, boolean markedCompleted) {
        Decision decision = decideOnly(status, action, markedCompleted);
        if (decision.kind() != Kind.REFUSE) {
            return decision;
        }
        // a refusal says what can be done from here instead
        java.util.List<String> allowed = new java.util.ArrayList<>();
        for (Action other : new Action[] {Action.ACTIVATE, Action.PAUSE, Action.COMPLETE}) {
            if (decideOnly(status, other, markedCompleted).kind() == Kind.APPLY) {
                allowed.add(other.word());
            }
        }
        String from = "complete".equals(status) || markedCompleted ? "completed" : state(status);
        return refuse(decision.explanation() + "; allowed from " + from + ": " + (allowed.isEmpty() ? "none"
                : String.join(", ", allowed)));
    }

    private static Decision decideOnly(String status, Action action, boolean markedCompleted) {
        if (action == Action.ARCHIVE) {
            return refuse("archived has no equivalent in Genesys Cloud (a campaign is on, off or complete);"
                    + " complete it, or delete it in Genesys");
        }
        if (status.endsWith("stopping")) {
            return refuse("the campaign is " + status + " (calls are draining); nothing is requested until it is off");
        }
        boolean completed = "complete".equals(status) || markedCompleted;
        return switch (action) {
            case ACTIVATE -> {
                if ("on".equals(status)) {
                    yield new Decision(Kind.NO_CHANGE, "on", false, "the campaign is already active (on)");
                }
                if (completed) {
                    yield refuse("the campaign is completed; a completed campaign is not reactivated");
                }
                if ("invalid".equals(status)) {
                    yield refuse("Genesys marks the campaign invalid (see its errors); fix its configuration first");
                }
                yield new Decision(Kind.APPLY, "on", false, "off → on");
            }
            case PAUSE -> {
                if ("on".equals(status)) {
                    yield new Decision(Kind.APPLY, "off", false, "on → stopping → off");
                }
                if (completed) {
                    yield refuse("the campaign is completed; there is nothing to pause");
                }
                yield new Decision(Kind.NO_CHANGE, status, false, "the campaign is already paused (" + status + ")");
            }
            case COMPLETE -> {
                if (completed) {
                    yield new Decision(Kind.NO_CHANGE, status, true, "the campaign is already completed");
                }
                if ("on".equals(status)) {
                    // Genesys takes no "complete": stop dialing (on → off, draining) and mark it completed here
                    yield new Decision(Kind.APPLY, "off", true, "on → stopping → off, marked completed");
                }
                yield new Decision(Kind.APPLY, status, true, status + ", marked completed");
            }
            case ARCHIVE -> throw new IllegalStateException("handled above");
        };
    }

    private static Decision refuse(String why) {
        return new Decision(Kind.REFUSE, null, false, why);
    }

    /** Our name for a Genesys status. */
    public static String state(String status) {
        return switch (status) {
            case "on" -> "active";
            case "off", "forced_off" -> "paused";
            case "stopping", "forced_stopping" -> "stopping";
            case "complete" -> "completed";
            default -> status;
        };
    }
}
