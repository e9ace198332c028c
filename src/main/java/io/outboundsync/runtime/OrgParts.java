package io.outboundsync.runtime;

import io.outboundsync.campaigns.AppliedObjects;
import io.outboundsync.cluster.StateDatabase;
import io.outboundsync.contacts.ledger.Ledger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;

/**
 * What is known only once Camel runs and the org is identified (the org is asked through the API): its ledger, what
 * was applied to it, which Genesys this is, and Camel's producer template. The beans the routes call are made before
 * and reach these through {@code Current} views ({@link ProcessConfiguration}); {@link OrgStartup} fills them.
 */
final class OrgParts {

    final AtomicReference<Ledger> ledger = new AtomicReference<>();
    final AtomicReference<AppliedObjects> applied = new AtomicReference<>();
    final AtomicReference<String> target = new AtomicReference<>();
    final AtomicReference<ProducerTemplate> template = new AtomicReference<>();
    /** The shared PostgreSQL state, opened before Camel (its Quartz cluster keeps the triggers there). */
    final AtomicReference<StateDatabase> shared = new AtomicReference<>();

    /** Closes what was opened, for a start that failed half-way (the ledger closes the shared database it uses). */
    void close() {
        if (applied.get() != null) {
            applied.get().close();
        }
        if (ledger.get() != null) {
            ledger.get().close();
        } else if (shared.get() != null) {
            shared.get().close();
        }
    }
}
