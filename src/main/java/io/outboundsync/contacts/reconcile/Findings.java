package io.outboundsync.contacts.reconcile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the comparison of an export with the ledger found: per contact in agreement; missing in Genesys
 * (acknowledged, callable, not in the export); changed in Genesys; unknown to us; withdrawn here but callable there.
 * Up to 20 contact ids of each kind (in clear: scrubbed in the report), and the file of the ids a repair re-sends.
 */
public record Findings(long inGenesys, long agree, long missing, long changed, long unknown,
        long withdrawnButCallable, Map<String, List<String>> samples, Path toRepair) {

    public static final String MISSING = "missingInGenesys";
    public static final String CHANGED = "changedInGenesys";
    public static final String UNKNOWN = "unknownToUs";
    public static final String WITHDRAWN_BUT_CALLABLE = "withdrawnButCallableInGenesys";

    /** True when Genesys and the ledger agree on every contact. */
    public boolean inAgreement() {
        return missing == 0 && changed == 0 && unknown == 0 && withdrawnButCallable == 0;
    }
}
