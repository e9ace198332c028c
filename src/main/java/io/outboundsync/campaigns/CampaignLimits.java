package io.outboundsync.campaigns;

/**
 * Limits and defaults the campaign files are checked against, from {@code campaigns.*} settings.
 *
 * @param lineCapacity          outbound lines the org has for one campaign ({@code campaigns.line-capacity})
 * @param maxPredicates         conditions a campaign's segments may hold ({@code campaigns.segments.max-predicates})
 * @param maxValueLength        characters of one compared value ({@code campaigns.segments.max-value-length})
 * @param defaultCallingWindow  the calling hours, every day in the campaign's zone, of a campaign whose file declares
 *                              no {@code callingWindow} ({@code campaigns.default-calling-window}); its line is 0
 */
public record CampaignLimits(int lineCapacity, int maxPredicates, int maxValueLength,
        CampaignSpec.Slot defaultCallingWindow) {

    /** 08:00 to 21:00 local time: the hours the TCPA allows calls to a residence. */
    public static final CampaignSpec.Slot TCPA_HOURS = new CampaignSpec.Slot(8 * 60, 21 * 60, 0);

    public static CampaignLimits defaults() {
        return new CampaignLimits(100, 50, 256, TCPA_HOURS);
    }

    /** {@code HH:mm-HH:mm} as a slot of every day; null when it is not one (start before end, within 24:00). */
    public static CampaignSpec.Slot parseWindow(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})")
                .matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return null;
        }
        int start = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        int end = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
        return start < end && end <= 24 * 60 && Integer.parseInt(m.group(2)) < 60 && Integer.parseInt(m.group(4)) < 60
                ? new CampaignSpec.Slot(start, end, 0) : null;
    }
}
