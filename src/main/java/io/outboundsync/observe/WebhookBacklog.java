package io.outboundsync.observe;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;

/** The webhook events queued for the senders ({@code seda:notify-webhook}) and not yet taken. */
public final class WebhookBacklog {

    private WebhookBacklog() {
    }

    public static long of(CamelContext context) {
        if (context == null) {
            return 0;
        }
        return context.getEndpoints().stream()
                .filter(e -> e instanceof SedaEndpoint)
                .map(e -> (SedaEndpoint) e)
                .filter(e -> "notify-webhook".equals(e.getEndpointBaseUri().replaceFirst("^seda:(//)?", "")))
                .findFirst().map(e -> (long) e.getCurrentQueueSize()).orElse(0L);
    }
}
