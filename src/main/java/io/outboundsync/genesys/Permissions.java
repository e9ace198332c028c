package io.outboundsync.genesys;

import java.util.List;
import java.util.Optional;

/**
 * The Genesys Cloud permissions each call of each flow needs: what README "Going live" lists and what {@code doctor}
 * names when Genesys refuses a read. Read from the API's own permission lists as the Genesys {@code gc} CLI carries
 * them (MyPureCloud/platform-client-sdk-cli 166.0.0, {@code build/gc/cmd/...}); where two are listed, the API takes
 * either. {@code PermissionsTest} keeps the README's table, REFERENCE.md's paths and this list in step.
 */
public final class Permissions {

    /**
     * A call a flow makes and the permissions it needs: any one of them, or with {@code all} every one (the SDK's
     * docs say "Requires ANY permissions" or "Requires ALL permissions"); none: the API lists none.
     */
    public record Need(String flow, String method, String path, List<String> anyOf, String why, boolean all) {

        /** The permissions as a fix names them: {@code a or b}, {@code a and b}. */
        public String text() {
            return String.join(all ? " and " : " or ", anyOf);
        }
    }

    public static final List<Need> ALL = List.of(
            need("all", "GET", "/api/v2/organizations/me", "which org the credentials belong to"),
            need("contacts", "GET", "/api/v2/outbound/contactlists", "find the campaign's contact list",
                    "outbound:contactList:view"),
            need("contacts", "POST", "/api/v2/outbound/contactlists", "create it on the first drop",
                    "outbound:contactList:add"),
            need("contacts", "POST", "/api/v2/outbound/contactlists/{contactListId}/contacts",
                    "upload contacts; make withdrawn ones uncallable", "outbound:contact:add"),
            need("contacts", "GET", "/api/v2/outbound/dnclists", "find the list's DNC list", "outbound:dncList:view"),
            need("contacts", "POST", "/api/v2/outbound/dnclists", "create it", "outbound:dncList:add"),
            need("contacts", "GET", "/api/v2/outbound/dnclists/{dncListId}", "read the DNC list",
                    "outbound:dncList:view"),
            need("contacts", "POST", "/api/v2/outbound/dnclists/{dncListId}/phonenumbers",
                    "add do-not-call and withdrawn numbers", "outbound:dnc:add"),
            need("campaigns", "GET", "/api/v2/outbound/campaigns", "read the live campaign (plan, drift)",
                    "outbound:campaign:view"),
            need("campaigns", "POST", "/api/v2/outbound/campaigns", "create it", "outbound:campaign:add"),
            need("campaigns", "PUT", "/api/v2/outbound/campaigns/{campaignId}", "update it (version-locked)",
                    "outbound:campaign:edit"),
            need("campaigns", "PUT", "/api/v2/outbound/contactlists/{contactListId}",
                    "keep the list's columns and phone columns", "outbound:contactList:edit"),
            need("campaigns", "GET", "/api/v2/outbound/contactlistfilters", "read segments",
                    "outbound:contactListFilter:view"),
            need("campaigns", "GET", "/api/v2/outbound/contactlistfilters/{contactListFilterId}", "read a segment",
                    "outbound:contactListFilter:view"),
            need("campaigns", "POST", "/api/v2/outbound/contactlistfilters", "create a segment",
                    "outbound:contactListFilter:add"),
            need("campaigns", "PUT", "/api/v2/outbound/contactlistfilters/{contactListFilterId}", "update it",
                    "outbound:contactListFilter:edit"),
            need("campaigns", "POST", "/api/v2/outbound/contactlistfilters/preview", "a segment's size in the plan",
                    "outbound:contact:view"),
            need("campaigns", "GET", "/api/v2/outbound/rulesets", "read dialing rules", "outbound:ruleSet:view"),
            need("campaigns", "GET", "/api/v2/outbound/rulesets/{ruleSetId}", "read a rule set",
                    "outbound:ruleSet:view"),
            need("campaigns", "POST", "/api/v2/outbound/rulesets", "create a rule set", "outbound:ruleSet:add"),
            need("campaigns", "PUT", "/api/v2/outbound/rulesets/{ruleSetId}", "update it", "outbound:ruleSet:edit"),
            need("campaigns", "GET", "/api/v2/outbound/schedules/campaigns", "read schedules",
                    "outbound:schedule:view", "outbound:campaign:viewSchedule"),
            need("campaigns", "GET", "/api/v2/outbound/schedules/campaigns/{campaignId}", "read a campaign's schedule",
                    "outbound:schedule:view", "outbound:campaign:viewSchedule"),
            need("campaigns", "PUT", "/api/v2/outbound/schedules/campaigns/{campaignId}", "set a schedule",
                    "outbound:schedule:edit", "outbound:campaign:editSchedule"),
            need("campaigns", "GET", "/api/v2/outbound/callabletimesets", "read calling hours",
                    "outbound:callableTimeSet:view"),
            need("campaigns", "GET", "/api/v2/outbound/callabletimesets/{callableTimeSetId}", "read calling hours by id",
                    "outbound:callableTimeSet:view"),
            need("campaigns", "POST", "/api/v2/outbound/callabletimesets", "create calling hours",
                    "outbound:callableTimeSet:add"),
            need("campaigns", "PUT", "/api/v2/outbound/callabletimesets/{callableTimeSetId}", "update them",
                    "outbound:callableTimeSet:edit"),
            need("campaigns", "GET", "/api/v2/outbound/callanalysisresponsesets", "find the campaign's response set",
                    "outbound:responseSet:view"),
            need("campaigns", "GET", "/api/v2/routing/queues", "find the campaign's queue", "routing:queue:view"),
            need("campaigns", "GET", "/api/v2/scripts", "find the campaign's script", "scripter:script:view"),
            need("campaigns", "GET", "/api/v2/telephony/providers/edges/sites", "find the campaign's site"),
            need("campaigns", "GET", "/api/v2/telephony/providers/edges/edgegroups",
                    "find the campaign's edge group (when it names one)", "telephony:plugin:all"),
            need("state", "GET", "/api/v2/outbound/campaigns/{campaignId}", "read the campaign's status",
                    "outbound:campaign:view"),
            need("state", "POST", "/api/v2/analytics/queues/observations/query", "agents on queue (the guard)",
                    "analytics:queueObservation:view"),
            need("state", "GET", "/api/v2/outbound/contactlists/{contactListId}", "the list's import status (the guard)",
                    "outbound:contactList:view"),
            // the export's calls: the SDK's docs (OutboundApi, getOutboundContactlistExport and
            // postOutboundContactlistExport) say "Requires ALL permissions: outbound:contact:view,
            // outbound:contactList:view"; the download (DownloadsApi.getDownload) "Requires NO permissions" (its
            // answer is a URL signed for the storage host, fetched without our token)
            needAll("reconcile", "POST", "/api/v2/outbound/contactlists/{contactListId}/export",
                    "export the list to compare it with the ledger", "outbound:contact:view",
                    "outbound:contactList:view"),
            needAll("reconcile", "GET", "/api/v2/outbound/contactlists/{contactListId}/export",
                    "wait for the export's download", "outbound:contact:view", "outbound:contactList:view"),
            need("reconcile", "GET", "/api/v2/downloads/{downloadId}", "the export's signed URL (issueRedirect=false)"),
            // RoutingApi.getRoutingSkills: "Requires NO permissions" in the current docs (older ones named
            // routing:skill:manage)
            need("campaigns", "GET", "/api/v2/routing/skills", "resolve the skills a rule's setSkills names"),
            need("compliance export", "POST", "/api/v2/audits/query", "query Genesys' audit of outbound changes",
                    "audits:audit:view"),
            need("compliance export", "GET", "/api/v2/audits/query/{transactionId}", "wait for it",
                    "audits:audit:view"),
            need("compliance export", "GET", "/api/v2/audits/query/{transactionId}/results", "read it",
                    "audits:audit:view"));

    private Permissions() {
    }

    private static Need need(String flow, String method, String path, String why, String... anyOf) {
        return new Need(flow, method, path, List.of(anyOf), why, false);
    }

    private static Need needAll(String flow, String method, String path, String why, String... allOf) {
        return new Need(flow, method, path, List.of(allOf), why, true);
    }

    /** The permissions a read of this collection needs, for a fix that names them. */
    public static Optional<Need> read(String path) {
        return ALL.stream().filter(n -> n.method().equals("GET") && n.path().equals(path)).findFirst();
    }
}
