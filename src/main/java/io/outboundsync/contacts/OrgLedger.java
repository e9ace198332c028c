package io.outboundsync.contacts;

/**
 * The ledger of the org this process works against: known only once Camel runs (the org is asked through the
 * API), so beans made before reach it through this. Not a {@code Supplier}: Camel's registry would take a supplier
 * for a lazily made bean and hand out the ledger itself, before it exists.
 */
@FunctionalInterface
public interface OrgLedger {

    /** The org's ledger; null before the org's state is open (or when a running process holds it). */
    Ledger get();
}
