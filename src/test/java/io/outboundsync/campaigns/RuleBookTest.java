package io.outboundsync.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.campaigns.CampaignSpec.Condition;
import io.outboundsync.campaigns.CampaignSpec.Op;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBookTest {

    @TempDir
    Path dir;

    private static Condition num(String column, Op op, String value, boolean not) {
        return new Condition(column, op, List.of(value), not, true, 1);
    }

    private static Condition text(String column, Op op, String value, boolean not) {
        return new Condition(column, op, List.of(value), not, false, 1);
    }

    @Test
    void theCompiledRulesMatchTheRowsTheirConditionsDescribe() {
        CampaignSpec spec = CampaignFixture.load(dir, "demo", CampaignFixture.demo());
        List<RuleBook.Compiled> rules = RuleBook.compile(spec);
        List<String> columns = spec.contactList().columns();
        String[] row = new String[columns.size()];
        row[columns.indexOf("lifetimeValue")] = "95.5";
        row[columns.indexOf("age")] = "25";
        row[columns.indexOf("leadAgeDays")] = "30";
        assertThat(rules).extracting(RuleBook.Compiled::name).containsExactly("VIP caller id", "Young leads first");
        assertThat(rules.get(0).matches().test(row)).isTrue();
        assertThat(rules.get(1).matches().test(row)).as("atMost 30 includes 30").isTrue();
        row[columns.indexOf("leadAgeDays")] = "31";
        row[columns.indexOf("lifetimeValue")] = "not a number";
        assertThat(rules.get(0).matches().test(row)).isFalse();
        assertThat(rules.get(1).matches().test(row)).isFalse();
        row[columns.indexOf("lifetimeValue")] = null;
        assertThat(rules.get(0).matches().test(row)).as("no value, no match").isFalse();
    }

    @Test
    void overlapIsRuledOutOnlyWhenProvable() {
        assertThat(RuleOverlap.canOverlap(List.of(num("age", Op.BELOW, "30", false)),
                List.of(num("age", Op.AT_LEAST, "30", false)))).isFalse();
        assertThat(RuleOverlap.canOverlap(List.of(num("age", Op.AT_MOST, "30", false)),
                List.of(num("age", Op.AT_LEAST, "30", false)))).as("both hold at 30").isTrue();
        assertThat(RuleOverlap.canOverlap(List.of(num("age", Op.ABOVE, "30", true)),
                List.of(num("age", Op.ABOVE, "40", false)))).as("not above 30, yet above 40").isFalse();
        assertThat(RuleOverlap.canOverlap(List.of(text("region", Op.EQUALS, "North", false)),
                List.of(text("region", Op.EQUALS, "south", false)))).isFalse();
        assertThat(RuleOverlap.canOverlap(List.of(text("region", Op.EQUALS, "North", false)),
                List.of(text("region", Op.EQUALS, "north", true)))).as("equal and not equal").isFalse();
        assertThat(RuleOverlap.canOverlap(List.of(text("region", Op.BEGINS_WITH, "No", false)),
                List.of(text("region", Op.BEGINS_WITH, "So", false)))).isFalse();
        assertThat(RuleOverlap.canOverlap(List.of(text("region", Op.CONTAINS, "or", false)),
                List.of(num("age", Op.ABOVE, "30", false)))).as("different columns").isTrue();
    }
}
