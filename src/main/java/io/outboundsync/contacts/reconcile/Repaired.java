package io.outboundsync.contacts.reconcile;

import io.outboundsync.contacts.upload.Upsert;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * What a repair sent again: the contacts Genesys acknowledged and the ones it refused (each batch through the
 * halving route {@code genesys-add-contacts}, which isolates a refused contact).
 */
public record Repaired(long acknowledged, long refused) {

    public static final Repaired NOTHING = new Repaired(0, 0);

    /** One batch's outcome, as the halving route answered it. */
    public static Repaired of(Upsert upsert) {
        return new Repaired(upsert.acknowledged().size(), upsert.refused().size());
    }

    public Repaired plus(Repaired other) {
        return new Repaired(acknowledged + other.acknowledged, refused + other.refused);
    }

    /** The repair's batches added up (the split of routes/contacts-reconcile.camel.yaml). */
    public static final class Sum implements AggregationStrategy {

        @Override
        public Exchange aggregate(Exchange sum, Exchange batch) {
            Repaired one = of(batch.getIn().getBody(Upsert.class));
            if (sum == null) {
                batch.getIn().setBody(one);
                return batch;
            }
            sum.getIn().setBody(sum.getIn().getBody(Repaired.class).plus(one));
            return sum;
        }
    }
}
