package io.outboundsync.campaigns;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The {@code campaigns-sync} route's split: each campaign's outcome added to the ones before it. A campaign whose
 * sync failed outright (not a failing step, which its report carries) fails the whole sync, as it would unsplit.
 */
public final class OutcomeMerger implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange sum, Exchange next) {
        if (sum == null) {
            return next;
        }
        if (next.getException() != null) {
            sum.setException(next.getException());
            return sum;
        }
        sum.getMessage().setBody(CampaignsFlow.Outcome.merge(sum.getMessage().getBody(CampaignsFlow.Outcome.class),
                next.getMessage().getBody(CampaignsFlow.Outcome.class)));
        return sum;
    }
}
