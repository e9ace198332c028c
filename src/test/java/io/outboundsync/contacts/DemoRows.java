package io.outboundsync.contacts;

import java.util.List;
import java.util.Map;

/** Rows of the demo export for the tests, by the columns' names, as the intake reads them (the mapping's order). */
public final class DemoRows {

    private DemoRows() {
    }

    /** A row of a consenting contact of the demo campaign with this id and phone. */
    public static SourceRow row(CampaignContacts demo, long number, String id, String phone) {
        Map<String, String> byName = Map.ofEntries(Map.entry("externalId", id), Map.entry("firstName", "Ana"),
                Map.entry("lastName", "Lopez"), Map.entry("phone", phone), Map.entry("email", "ana@example.com"),
                Map.entry("consent", "yes"), Map.entry("doNotCall", "no"), Map.entry("age", "42"),
                Map.entry("region", "North"), Map.entry("engagementScore", "7.5"),
                Map.entry("lifetimeValue", "1200.00"), Map.entry("leadAgeDays", "30"), Map.entry("crmOwner", "jsmith"));
        List<FieldSpec> fields = demo.mapping().fields();
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = byName.get(fields.get(i).source());
        }
        return new SourceRow(number, values, null);
    }
}
