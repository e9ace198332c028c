package io.outboundsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.ApiRequestBuilder;
import com.mypurecloud.sdk.v2.api.OutboundApi;
import com.mypurecloud.sdk.v2.api.RoutingApi;
import com.mypurecloud.sdk.v2.api.ScriptsApi;
import com.mypurecloud.sdk.v2.api.TelephonyProvidersEdgeApi;
import com.mypurecloud.sdk.v2.api.request.GetRoutingQueuesRequest;
import com.mypurecloud.sdk.v2.api.request.GetScriptsRequest;
import com.mypurecloud.sdk.v2.api.request.GetTelephonyProvidersEdgesSitesRequest;
import com.mypurecloud.sdk.v2.extensions.AuthResponse;
import com.mypurecloud.sdk.v2.model.Campaign;
import com.mypurecloud.sdk.v2.model.CampaignSchedule;
import com.mypurecloud.sdk.v2.model.ContactList;
import com.mypurecloud.sdk.v2.model.ContactListFilter;
import com.mypurecloud.sdk.v2.model.ContactListFilterClause;
import com.mypurecloud.sdk.v2.model.ContactListFilterPredicate;
import com.mypurecloud.sdk.v2.model.ContactListFilterRange;
import com.mypurecloud.sdk.v2.model.ContactPhoneNumberColumn;
import com.mypurecloud.sdk.v2.model.DialerContact;
import com.mypurecloud.sdk.v2.model.DomainEntityRef;
import com.mypurecloud.sdk.v2.model.FilterPreviewResponse;
import com.mypurecloud.sdk.v2.model.PhoneColumn;
import com.mypurecloud.sdk.v2.model.ScheduleInterval;
import com.mypurecloud.sdk.v2.model.WritableDialerContact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the sandbox with the official Genesys Java SDK as a real client. The SDK sends its token request to
 * {@code https://login.<domain>}, which a loopback emulator cannot be; the same request (Basic credentials, form
 * {@code grant_type=client_credentials}) goes through the SDK's own HTTP stack to the sandbox's base URL instead.
 */
class OfficialSdkClientTest {

    private GenesysSandbox sandbox;
    private ApiClient client;
    private OutboundApi outbound;
    private String token;

    @BeforeEach
    void start() throws Exception {
        sandbox = GenesysSandbox.start(SandboxSettings.defaults());
        client = ApiClient.Builder.standard().withBasePath(sandbox.baseUrl()).build();
        String basic = Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret"
                .getBytes(StandardCharsets.UTF_8));
        AuthResponse auth = client.<AuthResponse>invoke(ApiRequestBuilder.create("POST", "/oauth/token")
                .withCustomHeader("Authorization", "Basic " + basic)
                .withCustomHeader("Content-Type", "application/x-www-form-urlencoded")
                .withFormParameter("grant_type", "client_credentials")
                .build(), new TypeReference<AuthResponse>() { }).getBody();
        token = auth.getAccess_token();
        client.setAccessToken(token);
        outbound = new OutboundApi(client);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void createsAListAddsContactsReadsThemBackPreviewsAFilterAndSchedulesACampaign() throws Exception {
        ContactList list = outbound.postOutboundContactlists(new ContactList()
                .name("SDK list")
                .columnNames(List.of("externalId", "phone", "age", "region"))
                .phoneColumns(List.of(new ContactPhoneNumberColumn().columnName("phone").type("cell"))));
        assertThat(list.getId()).isNotBlank();
        assertThat(list.getVersion()).isEqualTo(1);

        List<WritableDialerContact> contacts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contacts.add(new WritableDialerContact().id("crm-" + i).contactListId(list.getId()).data(Map.of(
                    "externalId", "crm-" + i, "phone", "+1317555" + String.format("%04d", i),
                    "age", String.valueOf(18 + 3 * i), "region", i % 2 == 0 ? "North" : "South")));
        }
        List<DialerContact> added = outbound.postOutboundContactlistContacts(list.getId(), contacts, false, false,
                false);
        assertThat(added).hasSize(20);

        List<DialerContact> read = outbound.postOutboundContactlistContactsBulk(list.getId(), List.of("crm-3",
                "crm-7"));
        assertThat(read).extracting(DialerContact::getId).containsExactly("crm-3", "crm-7");
        DialerContact one = outbound.getOutboundContactlistContact(list.getId(), "crm-5");
        assertThat(one.getData()).containsEntry("age", "33").containsEntry("region", "South");

        // age 30..60 inclusive: i = 4..14 (11 contacts); of those region North: i even (6)
        FilterPreviewResponse preview = outbound.postOutboundContactlistfiltersPreview(new ContactListFilter()
                .name("Mid-age North")
                .contactList(new DomainEntityRef().id(list.getId()))
                .filterType(ContactListFilter.FilterTypeEnum.AND)
                .clauses(List.of(new ContactListFilterClause()
                        .filterType(ContactListFilterClause.FilterTypeEnum.AND)
                        .predicates(List.of(
                                new ContactListFilterPredicate().column("age")
                                        .columnType(ContactListFilterPredicate.ColumnTypeEnum.NUMERIC)
                                        .operator(ContactListFilterPredicate.OperatorEnum.BETWEEN)
                                        .range(new ContactListFilterRange().min("30").max("60")
                                                .minInclusive(true).maxInclusive(true)),
                                new ContactListFilterPredicate().column("region")
                                        .columnType(ContactListFilterPredicate.ColumnTypeEnum.ALPHABETIC)
                                        .operator(ContactListFilterPredicate.OperatorEnum.EQUALS)
                                        .value("North"))))));
        assertThat(preview.getTotalContacts()).isEqualTo(20);
        assertThat(preview.getFilteredContacts()).isEqualTo(6);

        Campaign campaign = outbound.postOutboundCampaigns(new Campaign()
                .name("SDK campaign")
                .contactList(new DomainEntityRef().id(list.getId()))
                .dialingMode(Campaign.DialingModeEnum.PREDICTIVE)
                .abandonRate(3.0)
                .phoneColumns(List.of(new PhoneColumn().columnName("phone").type("cell")))
                .callerName("Acme")
                .callerAddress("+13175550100")
                .queue(new DomainEntityRef().id(new RoutingApi(client).getRoutingQueues(GetRoutingQueuesRequest
                        .builder().withName("Outbound Sales").build()).getEntities().get(0).getId()))
                .script(new DomainEntityRef().id(new ScriptsApi(client).getScripts(GetScriptsRequest.builder()
                        .withName("Outbound Default Script").build()).getEntities().get(0).getId()))
                .site(new DomainEntityRef().id(new TelephonyProvidersEdgeApi(client).getTelephonyProvidersEdgesSites(
                        GetTelephonyProvidersEdgesSitesRequest.builder().withName("Main Site").build())
                        .getEntities().get(0).getId()))
                .callAnalysisResponseSet(new DomainEntityRef().id(outbound.getOutboundCallanalysisresponsesets(
                        25, 1, true, null, "Default Call Analysis", null, null).getEntities().get(0).getId())));
        assertThat(campaign.getCampaignStatus()).isEqualTo(Campaign.CampaignStatusEnum.OFF);

        CampaignSchedule schedule = outbound.putOutboundSchedulesCampaign(campaign.getId(), new CampaignSchedule()
                .campaign(new DomainEntityRef().id(campaign.getId()))
                .timeZone("America/Indiana/Indianapolis")
                .intervals(List.of(new ScheduleInterval().start("2026-12-01T09:00:00.000").end("2026-12-01T17:00:00.000"))));
        assertThat(schedule.getVersion()).isEqualTo(1);
        assertThat(outbound.getOutboundSchedulesCampaign(campaign.getId()).getIntervals()).hasSize(1);
    }

    @Test
    void surfacesAStaleVersionAsA409() throws Exception {
        ContactList list = outbound.postOutboundContactlists(new ContactList()
                .name("Racing list")
                .columnNames(List.of("externalId", "phone"))
                .phoneColumns(List.of(new ContactPhoneNumberColumn().columnName("phone").type("cell"))));

        ContactList updated = outbound.putOutboundContactlist(list.getId(), list.previewModeColumnName("externalId"));
        assertThat(updated.getVersion()).isEqualTo(2);

        assertThatThrownBy(() -> outbound.putOutboundContactlist(list.getId(), list.version(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(409);
                    assertThat(e.getRawBody()).contains("version");
                });
    }

    /** The export as the SDK calls it: start, a 404 while it is prepared, the ExportUri, then the CSV download. */
    @Test
    void exportsAListWithItsContactIdsAndCallableFlagAsTheSdkReadsIt() throws Exception {
        ContactList list = outbound.postOutboundContactlists(new ContactList()
                .name("Export list")
                .columnNames(List.of("externalId", "phone"))
                .phoneColumns(List.of(new ContactPhoneNumberColumn().columnName("phone").type("cell"))));
        List<WritableDialerContact> contacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(new WritableDialerContact().id("crm-" + i).contactListId(list.getId()).callable(i != 2)
                    .data(Map.of("externalId", "crm-" + i, "phone", "+1317555000" + i)));
        }
        outbound.postOutboundContactlistContacts(list.getId(), contacts, false, false, false);

        DomainEntityRef started = outbound.postOutboundContactlistExport(list.getId());
        assertThat(started.getId()).isNotBlank();
        assertThatThrownBy(() -> outbound.getOutboundContactlistExport(list.getId(), "false"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        com.mypurecloud.sdk.v2.model.ExportUri uri = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(50))
                .ignoreExceptionsMatching(e -> e instanceof ApiException a && a.getStatusCode() == 404)
                .until(() -> outbound.getOutboundContactlistExport(list.getId(), "false"),
                        java.util.Objects::nonNull);
        assertThat(uri.getExportTimestamp()).isNotNull();
        assertThat(uri.getUri()).startsWith(sandbox.baseUrl() + "/api/v2/downloads/");
        String downloadId = uri.getUri().substring(uri.getUri().lastIndexOf('/') + 1);

        // the download is never the file: a redirect to a signed URL by default, the URL itself when asked
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(uri.getUri())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        java.net.http.HttpResponse<String> redirect = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(uri.getUri())).header("Authorization", "Bearer " + token)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(303);
        com.mypurecloud.sdk.v2.model.UrlResponse signed = new com.mypurecloud.sdk.v2.api.DownloadsApi(client)
                .getDownload(downloadId, null, false, null);
        assertThat(redirect.headers().firstValue("Location")).contains(signed.getUrl());
        assertThat(signed.getUrl()).doesNotStartWith(sandbox.baseUrl() + "/api/v2/");

        // the storage host takes the signature alone: a bearer token sent along is refused, a forged signature too
        java.net.http.HttpResponse<String> withToken = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(signed.getUrl())).header("Authorization", "Bearer " + token)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(400);
        assertThat(withToken.body()).contains("Only one auth mechanism allowed");
        java.net.http.HttpResponse<String> forged = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(signed.getUrl().replaceAll("Signature=.*", "Signature=00"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        java.net.http.HttpResponse<String> csv = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(signed.getUrl())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).containsExactly(
                "inin-outbound-id,externalId,phone,ContactCallable,ZipCodeAutomaticTimeZone,"
                        + "CallRecordLastAttempt-phone,CallRecordLastResult-phone,CallRecordLastAgentWrapup-phone,"
                        + "Callable-phone",
                "crm-0,crm-0,+13175550000,1,,,,,1",
                "crm-1,crm-1,+13175550001,1,,,,,1",
                "crm-2,crm-2,+13175550002,0,,,,,0");
    }
}
