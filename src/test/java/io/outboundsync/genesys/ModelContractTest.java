package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.genesys.model.AuditQueryFilter;
import io.outboundsync.genesys.model.AuditQueryRequest;
import io.outboundsync.genesys.model.CallableTime;
import io.outboundsync.genesys.model.CallableTimeSet;
import io.outboundsync.genesys.model.Campaign;
import io.outboundsync.genesys.model.CampaignProgress;
import io.outboundsync.genesys.model.CampaignSchedule;
import io.outboundsync.genesys.model.CampaignTimeSlot;
import io.outboundsync.genesys.model.Condition;
import io.outboundsync.genesys.model.ContactList;
import io.outboundsync.genesys.model.ContactListFilter;
import io.outboundsync.genesys.model.ContactListFilterClause;
import io.outboundsync.genesys.model.ContactListFilterPredicate;
import io.outboundsync.genesys.model.ContactListFilterRange;
import io.outboundsync.genesys.model.ContactPhoneNumberColumn;
import io.outboundsync.genesys.model.DialerAction;
import io.outboundsync.genesys.model.DialerContact;
import io.outboundsync.genesys.model.DialerRule;
import io.outboundsync.genesys.model.DncList;
import io.outboundsync.genesys.model.DomainEntityRef;
import io.outboundsync.genesys.model.EmailColumn;
import io.outboundsync.genesys.model.EntityListing;
import io.outboundsync.genesys.model.FilterPreviewResponse;
import io.outboundsync.genesys.model.ImportStatus;
import io.outboundsync.genesys.model.ObservationMetricData;
import io.outboundsync.genesys.model.PhoneColumn;
import io.outboundsync.genesys.model.PhoneNumberStatus;
import io.outboundsync.genesys.model.QueueObservationDataContainer;
import io.outboundsync.genesys.model.QueueObservationQuery;
import io.outboundsync.genesys.model.QueueObservationQueryFilter;
import io.outboundsync.genesys.model.QueueObservationQueryPredicate;
import io.outboundsync.genesys.model.QueueObservationQueryResponse;
import io.outboundsync.genesys.model.RuleSet;
import io.outboundsync.genesys.model.ScheduleInterval;
import io.outboundsync.genesys.model.StatisticalSummary;
import io.outboundsync.genesys.model.WritableDialerContact;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each typed record the project sends or reads, filled in, written as JSON and read back into the official
 * {@code platform-client-v2} model class with unknown properties failing the read; no enum value may come back as
 * the SDK's "outdated SDK version" placeholder, and what the SDK reads must say the same as what we wrote.
 */
class ModelContractTest {

    private static final ObjectMapper OURS = new ObjectMapper();
    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final String SDK = "com.mypurecloud.sdk.v2.model.";

    private static DomainEntityRef ref(String id) {
        return new DomainEntityRef(id, null, null);
    }

    static Stream<Arguments> models() {
        ContactListFilterPredicate between = new ContactListFilterPredicate("age", "numeric", "BETWEEN", null,
                new ContactListFilterRange("18", "65", true, false, null), false);
        ContactListFilterPredicate in = new ContactListFilterPredicate("region", "alphabetic", "IN", null,
                new ContactListFilterRange(null, null, null, null, List.of("North", "South")), true);
        DialerContact contact = new DialerContact("crm-1", null, "list-1", Map.of("phone", "+13175550100"), true,
                Map.of("phone", new PhoneNumberStatus(true)), null, "/api/v2/outbound/contactlists/list-1/contacts/crm-1");
        return Stream.of(
                Arguments.of(new ContactList(null, "Renewals", 3, ref("div"), List.of("externalId", "phone", "email"),
                        List.of(new ContactPhoneNumberColumn("phone", "cell", null)),
                        List.of(new EmailColumn("email", "personal", null)), null, false, null,
                        new ImportStatus("IN_PROGRESS", 10L, 5L, 50L, null), 10L, null, null, null), "ContactList"),
                Arguments.of(new WritableDialerContact("crm-1", "list-1", Map.of("phone", "+13175550100"), true),
                        "WritableDialerContact"),
                Arguments.of(contact, "DialerContact"),
                Arguments.of(new ContactListFilter(null, "Adults", 2, ref("list-1"), "ContactList",
                        List.of(new ContactListFilterClause("AND", List.of(between, in))), "OR", null, null, null),
                        "ContactListFilter"),
                Arguments.of(new FilterPreviewResponse(5L, 10L, List.of(contact)), "FilterPreviewResponse"),
                Arguments.of(new RuleSet(null, "Rules", 1, ref("list-1"), ref("queue-1"), List.of(new DialerRule(null,
                        "Skip minors", 1, "DIALER_PRECALL", List.of(new Condition("contactAttributeCondition", false,
                        "age", "18", "NUMERIC", "LESS_THAN", null, null, null)), List.of(new DialerAction("Action",
                        "DO_NOT_DIAL", null, null), new DialerAction("modifyContactAttribute",
                        "MODIFY_CONTACT_ATTRIBUTE", "SET", Map.of("note", "minor")), new DialerAction("Action",
                        "SET_SKILLS", null, Map.of("skills", "[\"skill-1\",\"skill-2\"]"))))), null, null, null),
                        "RuleSet"),
                Arguments.of(new CallableTimeSet(null, "Hours", 1, List.of(new CallableTime(List.of(
                        new CampaignTimeSlot("09:00:00", "20:00:00", 1)), "America/Chicago")), null, null, null),
                        "CallableTimeSet"),
                Arguments.of(new DncList(null, "Internal", 1, "rds", "Phone", null, null, null, null, ref("div"), 3L,
                        null, null, null), "DncList"),
                Arguments.of(new Campaign(null, "Renewals", 4, ref("list-1"), ref("queue-1"), "predictive",
                        ref("script-1"), null, ref("site-1"), "off", List.of(new PhoneColumn("phone", "cell")), 3.0,
                        List.of(ref("dnc-admin"), ref("dnc-ours")), ref("cts-1"), ref("cars-1"), "Acme",
                        "+13175550100", 10, List.of(ref("rules-1")), true, 3, List.of(ref("filter-1")), ref("div"), null, null, null),
                        "Campaign"),
                Arguments.of(new CampaignSchedule(null, null, 2, List.of(new ScheduleInterval("2026-12-01T09:00:00.000-06:00",
                        "2026-12-01T17:00:00.000-06:00")), "America/Chicago", ref("campaign-1"), null, null, null),
                        "CampaignSchedule"),
                Arguments.of(new CampaignProgress(ref("campaign-1"), ref("list-1"), 4L, 10L, 40L), "CampaignProgress"),
                Arguments.of(new QueueObservationQuery(new QueueObservationQueryFilter("or", List.of(
                        new QueueObservationQueryPredicate("dimension", "queueId", "matches", "queue-1"))),
                        List.of("oOnQueueUsers", "oActiveUsers")), "QueueObservationQuery"),
                Arguments.of(new QueueObservationQueryResponse(List.of(new QueueObservationDataContainer(
                        Map.of("queueId", "queue-1"), List.of(new ObservationMetricData("oOnQueueUsers", "IDLE",
                        new StatisticalSummary(4L)))))), "QueueObservationQueryResponse"),
                Arguments.of(new AuditQueryRequest("2026-11-01T00:00:00Z/2026-11-30T00:00:00Z", "Outbound",
                        List.of(new AuditQueryFilter("EntityType", "Campaign"))), "AuditQueryRequest"),
                Arguments.of(new ErrorBody(400, "bad.request", "Adding 3 contacts would put contact list l at 7",
                        "ctx-1", null, null, "Adding {added} contacts would put contact list {listId} at {total}",
                        Map.of("added", "3", "listId", "l", "total", "7")), "ErrorBody"),
                Arguments.of(new EntityListing<>(List.of(new DomainEntityRef("q", "Sales", null)), 25, 1, 1L, 1),
                        "QueueEntityListing"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("models")
    void readsBackIntoTheOfficialModel(Object ours, String sdkModel) throws Exception {
        JsonNode written = OURS.valueToTree(ours);
        Object sdk = STRICT.treeToValue(written, Class.forName(SDK + sdkModel));

        assertThat(outdatedEnums(sdk, "", new IdentityHashMap<>())).as("enum values the SDK does not know")
                .isEmpty();
        JsonNode reread = OURS.valueToTree(sdk);
        // numbers compared as JSON text reads them: Integer and Long fields of equal value are the same
        assertThat(withoutNulls(OURS.readTree(reread.toString()))).as("what the SDK read")
                .isEqualTo(withoutNulls(OURS.readTree(written.toString())));
    }

    /**
     * The add's query flags as we send them are the SDK's own: its request for {@code POST .../contacts} with the
     * same flags writes the same parameters, and each of ours is one it knows.
     */
    @org.junit.jupiter.api.Test
    void addFlagsAreTheQueryTheSdkWrites() {
        for (io.outboundsync.contacts.AddFlags flags : List.of(io.outboundsync.contacts.AddFlags.UPSERT,
                new io.outboundsync.contacts.AddFlags(true, true, false))) {
            com.mypurecloud.sdk.v2.ApiRequest<?> sdk = com.mypurecloud.sdk.v2.api.request
                    .PostOutboundContactlistContactsRequest.builder().withContactListId("list-1")
                    .withBody(List.of()).withPriority(flags.priority()).withClearSystemData(flags.clearSystemData())
                    .withDoNotQueue(flags.doNotQueue()).build().withHttpInfo();
            String written = sdk.getQueryParams().stream().map(p -> p.getName() + "=" + p.getValue())
                    .collect(java.util.stream.Collectors.joining("&"));
            assertThat(flags.queryString()).isEqualTo(written);
        }
    }

    /** Paths of enum values the SDK read as its "outdated SDK version" placeholder. */
    private static List<String> outdatedEnums(Object value, String path, Map<Object, Boolean> seen) throws Exception {
        if (value == null || seen.put(value, true) != null) {
            return List.of();
        }
        if (value instanceof Enum<?> e) {
            return e.name().equals("OUTDATEDSDKVERSION") ? List.of(path) : List.of();
        }
        if (value instanceof Collection<?> items) {
            List<String> found = new java.util.ArrayList<>();
            for (Object item : items) {
                found.addAll(outdatedEnums(item, path + "[]", seen));
            }
            return found;
        }
        if (value instanceof Map<?, ?> map) {
            List<String> found = new java.util.ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                found.addAll(outdatedEnums(entry.getValue(), path + "." + entry.getKey(), seen));
            }
            return found;
        }
        if (!value.getClass().getName().startsWith(SDK)) {
            return List.of();
        }
        List<String> found = new java.util.ArrayList<>();
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getName().startsWith("get") && getter.getParameterCount() == 0
                    && getter.getDeclaringClass() == value.getClass()) {
                found.addAll(outdatedEnums(getter.invoke(value), path + "." + getter.getName().substring(3), seen));
            }
        }
        return found;
    }

    /** The JSON without nulls and empty lists. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            var copy = OURS.createObjectNode();
            node.fields().forEachRemaining(f -> {
                // the SDK's models start with empty lists where we send none
                if (!f.getValue().isNull() && !(f.getValue().isArray() && f.getValue().isEmpty())) {
                    copy.set(f.getKey(), withoutNulls(f.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = OURS.createArrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }
}
