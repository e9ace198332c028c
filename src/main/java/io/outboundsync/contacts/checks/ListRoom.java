package io.outboundsync.contacts.checks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a drop's new contacts may still fill: the list's and the org's room under Genesys' limits when the drop
 * started ({@link ContactListResolver#room}), spent one new contact at a time by the chunk step. A contact past it
 * is not sent (Genesys would refuse the whole request): it goes to the rejects file with the numbers.
 */
public final class ListRoom {

    private final String listName;
    private final long inList;
    private final long inOrg;
    private final long perList;
    private final long perOrg;
    private final AtomicLong left;

    public ListRoom(String listName, long inList, long inOrg, long perList, long perOrg) {
        this.listName = listName;
        this.inList = inList;
        this.inOrg = inOrg;
        this.perList = perList;
        this.perOrg = perOrg;
        this.left = new AtomicLong(Math.max(0, Math.min(perList - inList, perOrg - inOrg)));
    }

    /** No limit (a drop whose room was not asked: tests of single steps). */
    public static ListRoom unlimited() {
        return new ListRoom("(any)", 0, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Takes room for one new contact; false when there is none left. */
    public boolean take() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Why a new contact past the room is not sent, with the numbers and the fix. */
    public String refusal() {
        boolean list = perList - inList <= perOrg - inOrg;
        return "Genesys would refuse it: the contact list '" + listName + "' held " + inList + " contacts and the"
                + " org " + inOrg + " when this drop started, and Genesys takes at most " + (list ? perList
                        + " contacts a list" : perOrg + " contacts an org") + "; this drop's new contacts past that are"
                + " not sent. Fix: remove contacts Genesys no longer needs from the list (or the org's lists), or"
                + " send them to another campaign's list";
    }
}
