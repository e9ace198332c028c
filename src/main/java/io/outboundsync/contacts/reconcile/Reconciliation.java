package io.outboundsync.contacts.reconcile;

/**
 * What one reconciliation found and did: the answer of the {@code contacts-reconcile} route, which the
 * {@code contacts reconcile} command prints.
 */
public record Reconciliation(Reconciling run, Findings findings, Repaired resent) {

    public String getCampaign() {
        return run.campaign();
    }

    public String getListId() {
        return run.listId();
    }

    public boolean isRepair() {
        return run.repair();
    }

    public String getTrigger() {
        return run.trigger();
    }

    public long getInGenesys() {
        return findings.inGenesys();
    }

    public long getAgree() {
        return findings.agree();
    }

    public long getMissing() {
        return findings.missing();
    }

    public long getChanged() {
        return findings.changed();
    }

    public long getUnknown() {
        return findings.unknown();
    }

    public long getWithdrawnButCallable() {
        return findings.withdrawnButCallable();
    }

    /** The contacts a repair sent again that Genesys acknowledged. */
    public long getRepaired() {
        return resent.acknowledged();
    }

    /** True when Genesys and the ledger agree on every contact. */
    public boolean isInAgreement() {
        return findings.inAgreement();
    }

    /** The audit record's outcome: {@code ok} when Genesys and the ledger agree, else {@code differences}. */
    public String getOutcome() {
        return isInAgreement() ? "ok" : "differences";
    }
}
