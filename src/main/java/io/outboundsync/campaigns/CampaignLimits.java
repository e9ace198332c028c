package io.outboundsync.campaigns;

/**
 * Limits the campaign files are checked against, from {@code campaigns.*} settings.
 *
 * @param lineCapacity   outbound lines the org has for one campaign ({@code campaigns.line-capacity})
 * @param maxPredicates  conditions a campaign's segments may hold ({@code campaigns.segments.max-predicates})
 * @param maxValueLength characters of one compared value ({@code campaigns.segments.max-value-length})
 */
public record CampaignLimits(int lineCapacity, int maxPredicates, int maxValueLength) {
    public static CampaignLimits defaults() {
        return new CampaignLimits(100, 50, 256);
    }
}
