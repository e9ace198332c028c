package io.outboundsync.contacts.checks;

import java.util.function.Supplier;

/**
 * What a drop's new contacts may still fill: the list's and the org's room under Genesys' limits, asked of Genesys
 * ({@link ContactListResolver#room}) when the drop's first new contact needs room, so a drop that brings none (a
 * nightly re-drop of known contacts, the same file again) asks nothing; spent one new contact at a time by the
 * chunk step. A contact past it is not sent (Genesys would refuse the whole request): it goes to the rejects file
 * with the numbers.
 */
public final class ListRoom {

    /** What the list and the org held when the room was asked. */
    public record Held(long inList, long inOrg) {
    }

    private final String listName;
    private final long perList;
    private final long perOrg;
    private final Supplier<Held> ask;
    private Held held;
    private long left;

    /** @param ask what the list and the org hold now: asked once, when the first new contact needs room */
    public ListRoom(String listName, long perList, long perOrg, Supplier<Held> ask) {
        this.listName = listName;
        this.perList = perList;
        this.perOrg = perOrg;
        this.ask = ask;
    }

    /** The room of a list and an org known to hold {@code inList} and {@code inOrg} contacts. */
    public ListRoom(String listName, long inList, long inOrg, long perList, long perOrg) {
        this(listName, perList, perOrg, () -> new Held(inList, inOrg));
    }

    /** No limit (a drop whose room was not asked: tests of single steps). */
    public static ListRoom unlimited() {
        return new ListRoom("(any)", 0, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Takes room for one new contact; false when there is none left. The first asks Genesys what it holds. */
    public synchronized boolean take() {
        if (held == null) {
            held = ask.get();
            left = Math.max(0, Math.min(perList - held.inList(), perOrg - held.inOrg()));
        }
        if (left == 0) {
            return false;
        }
        left--;
        return true;
    }

    /** Why a new contact past the room is not sent, with the numbers and the fix. */
    public synchronized String refusal() {
        long inList = held == null ? 0 : held.inList();
        long inOrg = held == null ? 0 : held.inOrg();
        boolean list = perList - inList <= perOrg - inOrg;
        return "Genesys would refuse it: the contact list '" + listName + "' held " + inList + " contacts and the"
                + " org " + inOrg + " when this drop's first new contact came, and Genesys takes at most " + (list
                        ? perList + " contacts a list" : perOrg + " contacts an org") + "; this drop's new contacts"
                + " past that are not sent. Fix: remove contacts Genesys no longer needs from the list (or the org's"
                + " lists), or send them to another campaign's list";
    }
}
