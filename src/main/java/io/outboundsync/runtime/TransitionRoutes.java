package io.outboundsync.runtime;

import io.outboundsync.campaigns.CampaignSpec;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One Quartz route per scheduled transition a campaign file declares ({@code transitions}: action, cron, reason),
 * firing in the campaign's time zone and handing the request to the state machine. Built from the files at
 * start-up: the routes only wire, as the YAML ones do, but their number comes from the configuration.
 */
final class TransitionRoutes extends RouteBuilder {

    /** The ids of these routes start with it; they start once the org's state is open. */
    static final String PREFIX = "campaign-transition-";

    private final List<CampaignSpec> specs;

    TransitionRoutes(List<CampaignSpec> specs) {
        this.specs = specs;
    }

    @Override
    public void configure() {
        for (CampaignSpec spec : specs) {
            for (int i = 0; i < spec.transitions().size(); i++) {
                CampaignSpec.Transition transition = spec.transitions().get(i);
                String id = PREFIX + spec.key() + "-" + (i + 1);
                from("quartz://transitions/" + id + "?cron=" + transition.cron().trim().replaceAll("\\s+", "+")
                        + "&trigger.timeZone=" + spec.campaign().timeZone().getId())
                        .routeId(id).autoStartup(false)
                        .bean("campaignsFlow", "onTransition(" + quote(spec.key()) + ", " + i + ")");
            }
        }
    }

    private static String quote(String key) {
        return "'" + key.replace("'", "") + "'";
    }
}
