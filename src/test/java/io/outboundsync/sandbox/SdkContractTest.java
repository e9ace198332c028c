package io.outboundsync.sandbox;

import io.outboundsync.filters.FilterEvaluator;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mypurecloud.sdk.v2.model.AuditQueryExecutionResultsResponse;
import com.mypurecloud.sdk.v2.model.AuditQueryExecutionStatusResponse;
import com.mypurecloud.sdk.v2.model.AuditQueryFilter;
import com.mypurecloud.sdk.v2.model.CallableTimeSet;
import com.mypurecloud.sdk.v2.model.Campaign;
import com.mypurecloud.sdk.v2.model.CampaignProgress;
import com.mypurecloud.sdk.v2.model.CampaignSchedule;
import com.mypurecloud.sdk.v2.model.Condition;
import com.mypurecloud.sdk.v2.model.ContactList;
import com.mypurecloud.sdk.v2.model.ContactListEntityListing;
import com.mypurecloud.sdk.v2.model.ContactListFilter;
import com.mypurecloud.sdk.v2.model.ContactListFilterPredicate;
import com.mypurecloud.sdk.v2.model.DialerAction;
import com.mypurecloud.sdk.v2.model.DialerContact;
import com.mypurecloud.sdk.v2.model.DialerRule;
import com.mypurecloud.sdk.v2.model.DncList;
import com.mypurecloud.sdk.v2.model.EdgeGroupEntityListing;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.FilterPreviewResponse;
import com.mypurecloud.sdk.v2.model.ImportStatus;
import com.mypurecloud.sdk.v2.model.QueueEntityListing;
import com.mypurecloud.sdk.v2.model.QueueObservationQuery;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryResponse;
import com.mypurecloud.sdk.v2.model.ResponseSetEntityListing;
import com.mypurecloud.sdk.v2.model.RuleSet;
import com.mypurecloud.sdk.v2.model.ScriptEntityListing;
import com.mypurecloud.sdk.v2.model.SiteEntityListing;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox against the official {@code platform-client-v2} models: every enum it accepts is exactly the SDK's,
 * and every answer reads back into the SDK's model class with unknown properties failing the read.
 */
class SdkContractTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static GenesysSandbox sandbox;
    private static SandboxHttp http;
    private static String listId;

    @BeforeAll
    static void start() {
        sandbox = GenesysSandbox.start(SandboxSettings.defaults());
        http = new SandboxHttp(sandbox).login();
        listId = Fixtures.seedPeople(http, "Contract people");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Stream<Arguments> enums() {
        return Stream.of(
                Arguments.of("Campaign.dialingMode", CampaignsApi.DIALING_MODES, Campaign.DialingModeEnum.class),
                Arguments.of("Campaign.campaignStatus", CampaignsApi.STATUSES, Campaign.CampaignStatusEnum.class),
                Arguments.of("ContactListFilter.filterType", FilterEvaluator.FILTER_TYPES,
                        ContactListFilter.FilterTypeEnum.class),
                Arguments.of("ContactListFilter.sourceType", DialerConfigApi.SOURCE_TYPES,
                        ContactListFilter.SourceTypeEnum.class),
                Arguments.of("ContactListFilterPredicate.operator", FilterEvaluator.OPERATORS,
                        ContactListFilterPredicate.OperatorEnum.class),
                Arguments.of("ContactListFilterPredicate.columnType", FilterEvaluator.COLUMN_TYPES,
                        ContactListFilterPredicate.ColumnTypeEnum.class),
                Arguments.of("Condition.type", DialerConfigApi.CONDITION_TYPES, Condition.TypeEnum.class),
                Arguments.of("Condition.operator", DialerConfigApi.CONDITION_OPERATORS, Condition.OperatorEnum.class),
                Arguments.of("Condition.valueType", DialerConfigApi.VALUE_TYPES, Condition.ValueTypeEnum.class),
                Arguments.of("Condition.propertyType", DialerConfigApi.PROPERTY_TYPES,
                        Condition.PropertyTypeEnum.class),
                Arguments.of("DialerRule.category", DialerConfigApi.RULE_CATEGORIES, DialerRule.CategoryEnum.class),
                Arguments.of("DialerAction.type", DialerConfigApi.ACTION_TYPES, DialerAction.TypeEnum.class),
                Arguments.of("DialerAction.actionTypeName", DialerConfigApi.ACTION_TYPE_NAMES,
                        DialerAction.ActionTypeNameEnum.class),
                Arguments.of("DialerAction.updateOption", DialerConfigApi.UPDATE_OPTIONS,
                        DialerAction.UpdateOptionEnum.class),
                Arguments.of("DncList.dncSourceType", DialerConfigApi.DNC_SOURCE_TYPES,
                        DncList.DncSourceTypeEnum.class),
                Arguments.of("DncList.contactMethod", DialerConfigApi.CONTACT_METHODS,
                        DncList.ContactMethodEnum.class),
                Arguments.of("QueueObservationQuery.metrics", OrgApi.OBSERVATION_METRICS,
                        QueueObservationQuery.MetricsEnum.class),
                Arguments.of("AuditQueryFilter.property", AuditsApi.FILTER_PROPERTIES,
                        AuditQueryFilter.PropertyEnum.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void acceptsExactlyTheSdkEnumValues(String field, Set<String> sandboxValues, Class<? extends Enum<?>> sdkEnum) {
        Set<String> sdkValues = Arrays.stream(sdkEnum.getEnumConstants())
                .map(Object::toString)
                .filter(v -> !v.equals("OutdatedSdkVersion"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(sandboxValues)).as(field).isEqualTo(sdkValues);
    }

    private static <T> T read(JsonNode body, Class<T> model) throws Exception {
        assertThat(body).as(model.getSimpleName()).isNotNull();
        return STRICT.treeToValue(body, model);
    }

    @Test
    void theOrgReadsBackIntoTheSdksOrganization() throws Exception {
        com.mypurecloud.sdk.v2.model.Organization me = read(http.get("/api/v2/organizations/me").body(),
                com.mypurecloud.sdk.v2.model.Organization.class);
        assertThat(me.getId()).isEqualTo(sandbox.orgId());
        assertThat(me.getState()).isEqualTo(com.mypurecloud.sdk.v2.model.Organization.StateEnum.ACTIVE);
        assertThat(me.getProductPlatform())
                .isEqualTo(com.mypurecloud.sdk.v2.model.Organization.ProductPlatformEnum.GENESYSCLOUD);
    }

    @Test
    void answersReadBackIntoTheSdkModels() throws Exception {
        ContactList list = read(http.get("/api/v2/outbound/contactlists/" + listId
                + "?includeSize=true&includeImportStatus=true").body(), ContactList.class);
        assertThat(list.getSize()).isEqualTo(10);
        read(http.get("/api/v2/outbound/contactlists?name=Contract").body(), ContactListEntityListing.class);
        read(http.get("/api/v2/outbound/contactlists/" + listId + "/importstatus").body(), ImportStatus.class);
        read(http.get("/api/v2/outbound/contactlists/" + listId + "/contacts/c1").body(), DialerContact.class);
        for (JsonNode contact : http.post("/api/v2/outbound/contactlists/" + listId + "/contacts/bulk",
                SandboxHttp.parse("['c1','c2']")).body()) {
            read(contact, DialerContact.class);
        }

        ObjectNode filterBody = (ObjectNode) SandboxHttp.parse("{'name':'Older','contactList':{'id':'" + listId
                + "'},'filterType':'AND','clauses':[{'filterType':'AND','predicates':[{'column':'age',"
                + "'columnType':'numeric','operator':'GREATER_THAN','value':'40'}]}]}");
        read(http.post("/api/v2/outbound/contactlistfilters", filterBody).body(), ContactListFilter.class);
        read(http.post("/api/v2/outbound/contactlistfilters/preview", filterBody).body(),
                FilterPreviewResponse.class);

        read(http.post("/api/v2/outbound/rulesets", SandboxHttp.parse("{'name':'Rules','rules':[{'name':'r',"
                + "'category':'DIALER_PRECALL','conditions':[{'type':'contactAttributeCondition','attributeName':'age',"
                + "'operator':'LESS_THAN','value':'18','valueType':'NUMERIC'}],'actions':[{'type':'Action',"
                + "'actionTypeName':'DO_NOT_DIAL'}]}]}")).body(), RuleSet.class);
        read(http.post("/api/v2/outbound/callabletimesets", SandboxHttp.parse("{'name':'Hours','callableTimes':"
                + "[{'timeZoneId':'Europe/Dublin','timeSlots':[{'startTime':'09:00:00','stopTime':'18:00:00',"
                + "'day':2}]}]}")).body(), CallableTimeSet.class);
        read(http.get("/api/v2/outbound/dnclists/" + http.post("/api/v2/outbound/dnclists", SandboxHttp.parse(
                "{'name':'DNC','dncSourceType':'rds','contactMethod':'Phone'}")).body().get("id").asText()
                + "?includeSize=true&includeImportStatus=true").body(), DncList.class);

        Campaign campaign = read(http.post("/api/v2/outbound/campaigns", Fixtures.campaign(http, "Contract", listId))
                .body(), Campaign.class);
        assertThat(campaign.getCampaignStatus()).isEqualTo(Campaign.CampaignStatusEnum.OFF);
        assertThat(campaign.getDialingMode()).isEqualTo(Campaign.DialingModeEnum.PREDICTIVE);
        read(http.get("/api/v2/outbound/campaigns/" + campaign.getId() + "/progress").body(), CampaignProgress.class);
        read(http.put("/api/v2/outbound/schedules/campaigns/" + campaign.getId(), SandboxHttp.parse(
                "{'campaign':{'id':'" + campaign.getId() + "'},'timeZone':'UTC','intervals':[{'start':"
                        + "'2026-12-01T09:00:00.000Z','end':'2026-12-01T17:00:00.000Z'}]}")).body(),
                CampaignSchedule.class);

        read(http.get("/api/v2/routing/queues").body(), QueueEntityListing.class);
        read(http.get("/api/v2/scripts").body(), ScriptEntityListing.class);
        read(http.get("/api/v2/telephony/providers/edges/sites").body(), SiteEntityListing.class);
        read(http.get("/api/v2/telephony/providers/edges/edgegroups").body(), EdgeGroupEntityListing.class);
        read(http.get("/api/v2/outbound/callanalysisresponsesets").body(), ResponseSetEntityListing.class);
        String queueId = Fixtures.idByName(http, "/api/v2/routing/queues", "Outbound Sales");
        read(http.post("/api/v2/analytics/queues/observations/query", SandboxHttp.parse("{'filter':{'type':'or',"
                + "'predicates':[{'dimension':'queueId','value':'" + queueId + "'}]},'metrics':['oOnQueueUsers',"
                + "'oMemberUsers','oUserRoutingStatuses','oUserPresences','oWaiting']}")).body(),
                QueueObservationQueryResponse.class);

        String interval = Instant.now().minusSeconds(600) + "/" + Instant.now().plusSeconds(600);
        AuditQueryExecutionStatusResponse audit = read(http.post("/api/v2/audits/query", SandboxHttp.parse(
                "{'interval':'" + interval + "','serviceName':'Outbound'}")).body(),
                AuditQueryExecutionStatusResponse.class);
        assertThat(audit.getState()).isEqualTo(AuditQueryExecutionStatusResponse.StateEnum.SUCCEEDED);
        AuditQueryExecutionResultsResponse results = read(http.get("/api/v2/audits/query/" + audit.getId()
                + "/results?pageSize=500").body(), AuditQueryExecutionResultsResponse.class);
        assertThat(results.getEntities()).isNotEmpty();

        ErrorBody error = read(http.get("/api/v2/outbound/campaigns/nope").body(), ErrorBody.class);
        assertThat(error.getStatus()).isEqualTo(404);
    }
}
