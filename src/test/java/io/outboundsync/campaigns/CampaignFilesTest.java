package io.outboundsync.campaigns;

import static io.outboundsync.campaigns.CampaignFixture.demo;
import static io.outboundsync.campaigns.CampaignFixture.demoWith;
import static io.outboundsync.campaigns.CampaignFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.genesys.model.ContactListFilter;
import io.outboundsync.genesys.model.ContactListFilterPredicate;
import io.outboundsync.genesys.model.RuleSet;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithoutCallingHoursGetsTheDefaultWindowEveryDay() {
        String text = demo().replaceAll("(?s)\\n# When the campaign runs:.*?\\n(?=# When calls may be placed)", "\n")
                .replaceAll("(?s)callingWindow:.*", "");
        CampaignSpec spec = CampaignFixture.load(dir, "demo", text);

        assertThat(spec.defaultCallingWindow()).isTrue();
        assertThat(spec.callingWindow()).hasSize(7).allSatisfy((day, slots) ->
                assertThat(slots).extracting(CampaignSpec.Slot::text).containsExactly("08:00-21:00"));
        assertThat(Scheduling.callableTimes(spec).callableTimes().get(0).timeSlots()).hasSize(7);
        assertThat(CampaignFixture.load(dir, "demo", demo()).defaultCallingWindow()).isFalse();
    }

    @Test
    void theDefaultWindowIsReadAsHoursOfEveryDayAndNothingElse() {
        assertThat(CampaignLimits.parseWindow("08:00-21:00")).isEqualTo(CampaignLimits.TCPA_HOURS);
        assertThat(CampaignLimits.parseWindow("00:00-24:00").endMinute()).isEqualTo(24 * 60);
        assertThat(CampaignLimits.parseWindow("21:00-08:00")).isNull();
        assertThat(CampaignLimits.parseWindow("8-21")).isNull();
        assertThat(CampaignLimits.parseWindow("08:00-24:30")).isNull();
        assertThat(CampaignLimits.parseWindow("08:75-21:00")).isNull();
        assertThat(CampaignLimits.parseWindow(null)).isNull();
    }

    @Test
    void theShippedDemoCampaignReadsAndCompilesToTheRealObjects() {
        CampaignSpec spec = CampaignFixture.load(dir, "demo", demo());
        assertThat(spec.campaign().name()).isEqualTo("Demo Renewals");
        assertThat(spec.campaign().phoneColumns()).containsExactly("phone");
        assertThat(spec.warnings()).isEmpty();

        ContactListFilter filter = Segmentation.filter(spec, "list-1");
        assertThat(filter.filterType()).isEqualTo("AND");
        assertThat(filter.contactList().id()).isEqualTo("list-1");
        assertThat(filter.clauses()).extracting(c -> c.filterType()).containsExactly("AND", "OR", "AND");
        ContactListFilterPredicate age = filter.clauses().get(0).predicates().get(0);
        assertThat(age.operator()).isEqualTo("BETWEEN");
        assertThat(age.columnType()).isEqualTo("numeric");
        assertThat(age.range().min()).isEqualTo("21");
        assertThat(age.range().max()).isEqualTo("80");
        assertThat(age.range().minInclusive()).isTrue();
        assertThat(filter.clauses().get(0).predicates().get(1).range().inSet()).containsExactly("North", "South",
                "East", "West");
        ContactListFilterPredicate stale = filter.clauses().get(2).predicates().get(0);
        assertThat(stale.operator()).isEqualTo("GREATER_THAN");
        assertThat(stale.inverted()).isTrue();

        RuleSet rules = RuleBook.ruleSet(spec, "list-1");
        assertThat(rules.name()).isEqualTo("Demo Renewals rules");
        assertThat(rules.rules()).extracting(r -> r.name()).containsExactly("VIP caller id", "Young leads first");
        assertThat(rules.rules().get(0).conditions().get(0)).satisfies(c -> {
            assertThat(c.type()).isEqualTo("contactAttributeCondition");
            assertThat(c.operator()).isEqualTo("GREATER_THAN_EQUALS");
            assertThat(c.valueType()).isEqualTo("NUMERIC");
        });
        assertThat(rules.rules().get(0).actions().get(0).actionTypeName()).isEqualTo("SET_CALLER_ID");
        assertThat(rules.rules().get(0).actions().get(0).properties()).containsEntry("callerAddress", "+13175550101");
        assertThat(rules.rules().get(1).actions().get(0).properties()).containsEntry("callbackOffset", "60");

        assertThat(spec.callingWindow()).containsKeys(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY)
                .doesNotContainKey(DayOfWeek.SUNDAY);
        assertThat(Scheduling.callableTimes(spec).callableTimes().get(0).timeZoneId())
                .isEqualTo("America/Indiana/Indianapolis");
    }

    @Test
    void aFileWithoutACampaignSectionIsOnlyAContactsFile() {
        String contactsOnly = demo().substring(0, demo().indexOf("# The campaign."));
        assertThat(CampaignFixture.load(dir, "contacts-only", contactsOnly)).isNull();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // schema: unknown key, wrong enum, wrong shape
                Arguments.of("  dialingMode: progressive", "  dialingMode: turbo", "  dialingMode: turbo",
                        "campaign.dialingMode", "is 'turbo', which is not one of agentless, preview, power, predictive,"
                        + " progressive, external", null, null),
                Arguments.of("  dialingMode: progressive", "  dialingMode: progresive", "  dialingMode: progresive",
                        "campaign.dialingMode", "is 'progresive', which is not one of agentless", null, null),
                Arguments.of("  abandonRate: 3", "  abandonRate: 3\n  colour: blue", "  colour: blue",
                        "campaign.colour", "is not a key of campaign", null, null),
                Arguments.of("  abandonRate: 3", "  abandonRate: 3\n  timezone: UTC", "  timezone: UTC",
                        "campaign.timezone", "is not a key of campaign", null, null),
                Arguments.of("{ column: age, between: [21, 80] }", "{ column: age, between: [21] }",
                        "{ column: age, between: [21] }", "segments.groups[0].conditions[0].between",
                        "must have at least 2 items", null, null),
                Arguments.of("    weekdays: [\"09:00-12:00\"", "    weekdays: [\"9-12\"", "    weekdays: [\"9-12\"",
                        "schedule.slots.weekdays[0]", "does not match the regex pattern", null, null),
                // the checks a schema cannot make
                Arguments.of("{ column: region, in:", "{ column: regio, in:", "{ column: regio, in:",
                        "segments.groups[0].conditions[1].column", "'regio' is not a column of the contact list", null, null),
                Arguments.of("{ column: age, between: [21, 80] }", "{ column: age, between: [80, 21] }",
                        "{ column: age, between: [80, 21] }", "segments.groups[0].conditions[0].between",
                        "min 80 is greater than max 21", null, null),
                Arguments.of("{ column: region, in: [North, South, East, West] }",
                        "{ column: region, atLeast: 3 }", "{ column: region, atLeast: 3 }",
                        "segments.groups[0].conditions[1].atLeast", "compares numbers, but 'region' is a text column", null, null),
                Arguments.of("        - { column: leadAgeDays, above: 330, exclude: true }",
                        "        - { column: leadAgeDays, above: 330, exclude: true }\n"
                                + "        - { column: age, atLeast: 18, exclude: true }",
                        "{ column: age, atLeast: 18, exclude: true }", "segments",
                        "removes every contact the include on line", null, null),
                Arguments.of("  timeZone: America/Indiana/Indianapolis", "  timeZone: Mars/Olympus",
                        "  timeZone: Mars/Olympus", "campaign.timeZone", "'Mars/Olympus' is not an IANA time zone", null, null),
                Arguments.of("  maxConcurrentCalls: 20", "  maxConcurrentCalls: 500", "  maxConcurrentCalls: 500",
                        "campaign.maxConcurrentCalls", "500 concurrent calls exceed the org's line capacity of 100", null, null),
                // a problem with a whole section is reported at its first line
                Arguments.of("  site: Main Site\n", "", "  name: Demo Renewals\n  dialingMode", "campaign",
                        "a progressive campaign needs a site or an edge group", null, null),
                Arguments.of("  callerAddress: \"+13175550100\"", "  callerAddress: \"555-0100\"",
                        "  callerAddress: \"555-0100\"", "campaign.callerAddress", "is not a phone number", null, null),
                Arguments.of("  - name: Young leads first\n    order: 2", "  - name: Young leads first\n    order: 1",
                        "  - name: Young leads first", "rules", "both have order 1", null, null),
                Arguments.of("  - name: Young leads first", "  - name: VIP caller id", "  - name: VIP caller id\n"
                        + "    order: 2", "rules", "the name 'VIP caller id' is used on lines", null, null),
                Arguments.of("      - callbackInMinutes: 60", "      - doNotDial: true", "  - name: Young leads first",
                        "rules", "forbids dialing a contact the other dials", null, null),
                Arguments.of("      - callbackInMinutes: 60", "      - setAttribute: { column: region, value: Young }",
                        "  - name: Young leads first", "rules", "set 'region' to different values ('VIP' and 'Young')",
                        "      - setCallerId: { address: \"+13175550101\", name: \"Renewals VIP\" }",
                        "      - setAttribute: { column: region, value: VIP }"),
                Arguments.of("    saturday: [\"10:00-14:00\"]", "    saturday: [\"10:00-14:00\", \"13:00-15:00\"]",
                        "    saturday: [\"10:00-14:00\", \"13:00-15:00\"]", "schedule.slots.saturday",
                        "the slot 13:00-15:00 overlaps 10:00-14:00", null, null),
                Arguments.of("    saturday: [\"10:00-14:00\"]", "    saturday: [\"14:00-10:00\"]",
                        "    saturday: [\"14:00-10:00\"]", "schedule.slots.saturday", "does not end after it starts", null, null),
                Arguments.of("    saturday: [\"10:00-14:00\"]", "    saturday: [\"10:00-18:00\"]",
                        "    saturday: [\"10:00-18:00\"]", "schedule.slots.saturday",
                        "lies outside the calling window of saturday", null, null),
                Arguments.of("  from: 2026-11-01\n  to: 2027-03-31", "  from: 2025-01-01\n  to: 2025-03-31",
                        "  to: 2025-03-31", "schedule.to", "the schedule ended on 2025-03-31, before today", null, null),
                Arguments.of("  to: 2027-03-31", "  to: 2027-02-30", "  to: 2027-02-30", "schedule.to",
                        "does not match the date pattern", null, null));
    }

    @ParameterizedTest(name = "{3}: {4}")
    @MethodSource("mistakes")
    void eachMistakeNamesItsLineKeyAndFix(String old, String replacement, String lineText, String key,
            String message, String old2, String replacement2) {
        String file = old2 == null ? demoWith(old, replacement) : demoWith(old, replacement).replace(old2,
                replacement2);
        int line = lineOf(file, lineText);
        assertThatThrownBy(() -> CampaignFixture.load(dir, "demo", file))
                .isInstanceOfSatisfying(CampaignConfigException.class, e -> {
                    assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                        assertThat(p.key()).isEqualTo(key);
                        assertThat(p.message()).contains(message);
                        assertThat(p.line()).isEqualTo(line);
                        assertThat(p.fix()).isNotBlank();
                    });
                    assertThat(e.getMessage()).contains("demo.yaml line " + line);
                });
    }

    @Test
    void aRepeatedSegmentConditionIsMergedWithAWarning() {
        String file = demoWith("        - { column: engagementScore, atLeast: 0.3 }",
                "        - { column: engagementScore, atLeast: 0.3 }\n        - { column: engagementScore, atLeast: 0.3 }");
        CampaignSpec spec = CampaignFixture.load(dir, "demo", file);
        assertThat(spec.warnings()).singleElement().asString().contains("line " + (lineOf(file,
                "{ column: engagementScore, atLeast: 0.3 }") + 1)).contains("sent once");
        assertThat(Segmentation.filter(spec, "l").clauses().get(1).predicates()).hasSize(2);
    }

    /** Add flags that redial or clear what Genesys recorded are the file's to ask for, and said as warnings. */
    @Test
    void addFlagsThatRedialOrClearAreWarnedOf() {
        String file = demoWith("upsert: { priority: false, clearSystemData: false, doNotQueue: true }",
                "upsert: { priority: false, clearSystemData: true, doNotQueue: false }");
        CampaignSpec spec = CampaignFixture.load(dir, "demo", file);
        int line = lineOf(file, "upsert:");
        assertThat(spec.warnings()).containsExactlyInAnyOrder(
                "demo.yaml line " + line + ", contacts.upsert.clearSystemData: is true: a contact the CRM sends"
                        + " again has its attempts and callable status cleared in Genesys, so one Genesys made"
                        + " uncallable (a wrap-up, a rule) is callable again",
                "demo.yaml line " + line + ", contacts.upsert.doNotQueue: is false: a contact the CRM sends again is"
                        + " queued again, so one already dialed is dialed again");
    }

    @Test
    void tooManyConditionsAreRefusedWithTheLimit() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append("        - { column: age, equals: ").append(i).append(" }\n");
        }
        String file = demoWith("        - { column: leadAgeDays, above: 330, exclude: true }\n", many.toString());
        assertThatThrownBy(() -> CampaignFixture.load(dir, "demo", file))
                .hasMessageContaining("conditions exceed the limit of 50");
    }

    @Test
    void rulesOnDisjointRangesDoNotConflict() {
        String file = demoWith("      - callbackInMinutes: 60", "      - doNotDial: true").replace(
                "      - { column: lifetimeValue, atLeast: 90 }", "      - { column: age, atLeast: 30 }");
        // "age below 30" and "age at least 30" cannot match one contact: no conflict
        assertThat(CampaignFixture.load(dir, "demo", file).rules()).hasSize(2);
    }

    @Test
    void everyCheckOfOneFileIsReportedAtOnce() {
        String file = demoWith("  timeZone: America/Indiana/Indianapolis", "  timeZone: Nowhere/Zone")
                .replace("{ column: region, in:", "{ column: regio, in:");
        assertThatThrownBy(() -> CampaignFixture.load(dir, "demo", file))
                .isInstanceOfSatisfying(CampaignConfigException.class, e -> assertThat(e.problems()).hasSize(2));
    }
}
