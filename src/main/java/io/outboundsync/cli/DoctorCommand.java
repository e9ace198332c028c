package io.outboundsync.cli;

import io.outboundsync.campaigns.CampaignSpec;
import io.outboundsync.campaigns.CampaignsFlow;
import io.outboundsync.config.ConfigException;
import io.outboundsync.config.KnownKeys;
import io.outboundsync.config.Settings;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.Permissions;
import io.outboundsync.runtime.Pipeline;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doctor}: what a first live run needs, checked read-only, each with the fix when it is missing: the
 * settings and campaign files, the OAuth client's token, the org, read access to every collection the flows call,
 * and every org object the campaign files name. Works against the sandbox too.
 */
@Command(name = "doctor", description = "Checks the settings, the campaign files, the Genesys credentials, the org,"
        + " the read access each flow needs and the org objects the campaign files name, read-only; prints each"
        + " check with the fix for what is missing (0 all good, 2 something missing).")
public final class DoctorCommand implements Callable<Integer> {

    /** The collections each flow reads, in the order a first run meets them. */
    static final Map<String, List<String>> READS = readsByFlow();

    @Spec
    CommandSpec spec;

    @ParentCommand
    GlobalOptions app;

    private PrintWriter out;
    private int missing;

    private static Map<String, List<String>> readsByFlow() {
        Map<String, List<String>> reads = new LinkedHashMap<>();
        reads.put("contacts", List.of("/api/v2/outbound/contactlists", "/api/v2/outbound/dnclists"));
        reads.put("campaigns", List.of("/api/v2/outbound/campaigns", "/api/v2/outbound/contactlistfilters",
                "/api/v2/outbound/rulesets", "/api/v2/outbound/schedules/campaigns",
                "/api/v2/outbound/callabletimesets", "/api/v2/outbound/callanalysisresponsesets",
                "/api/v2/routing/queues", "/api/v2/scripts", "/api/v2/telephony/providers/edges/sites"));
        return reads;
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        Settings settings;
        try {
            settings = app.settings();
            List<String> unknown = new java.util.ArrayList<>(KnownKeys.shipped().unknown(settings));
            unknown.addAll(KnownKeys.shipped().mistyped(settings));
            if (!unknown.isEmpty()) {
                unknown.forEach(u -> bad("settings", u));
                return finish();
            }
            ok("settings " + app.configDir().resolve("application.properties"));
            settings.fromGenesysToolVariables().forEach((key, variable) -> out.println("    " + key
                    + " from " + variable));
        } catch (ConfigException e) {
            bad("settings", e.getMessage());
            return finish();
        }
        Pipeline pipeline;
        try {
            pipeline = Pipeline.start(settings.with(Map.of("pipeline.tool", "true")), app.configDir(),
                    app.dataDir(), "doctor");
        } catch (ConfigException e) {
            bad("configuration", e.getMessage());
            return finish();
        } catch (RuntimeException e) {
            bad("Genesys credentials and org", e.getMessage() + " Fix: check GENESYS_CLIENT_ID and"
                    + " GENESYS_CLIENT_SECRET (a client-credentials OAuth client of the org), and genesys.region.");
            return finish();
        }
        try (pipeline) {
            String token = io.outboundsync.observe.ReadinessProblems.token(pipeline.calls().tokens());
            if (token == null) {
                ok("Genesys token (" + pipeline.connection().mode() + ", " + pipeline.connection().hosts().apiUrl()
                        + ")");
            } else {
                bad("Genesys token", token);
            }
            try {
                var org = pipeline.genesys().get("/api/v2/organizations/me");
                ok("org " + org.path("name").asText() + " (" + org.path("id").asText() + ")");
            } catch (RuntimeException e) {
                bad("org (/api/v2/organizations/me)", e.getMessage());
            }
            READS.forEach((flow, paths) -> {
                for (String path : paths) {
                    try {
                        pipeline.genesys().get(path, Map.of("pageSize", 1));
                        ok("read " + path + " (" + flow + ")");
                    } catch (GenesysApiException e) {
                        bad("read " + path + " (" + flow + ")", e.getMessage() + (e.status() == 403
                                ? " Fix: give the OAuth client's role " + permissionOf(path) + " (README \"Going"
                                        + " live\" lists what each flow needs)."
                                : ""));
                    } catch (RuntimeException e) {
                        bad("read " + path + " (" + flow + ")", e.getMessage());
                    }
                }
            });
            CampaignsFlow campaigns = pipeline.campaigns();
            for (CampaignsFlow.Loaded file : campaigns.files(null)) {
                if (file.invalid() != null) {
                    bad("campaign file", file.invalid().getMessage());
                    continue;
                }
                CampaignSpec spec = file.spec();
                ok("campaign file " + spec.file());
                CampaignSpec.Definition c = spec.campaign();
                object(pipeline, spec, "queue", "/api/v2/routing/queues", c.queue());
                object(pipeline, spec, "script", "/api/v2/scripts", c.script());
                object(pipeline, spec, "site", "/api/v2/telephony/providers/edges/sites", c.site());
                object(pipeline, spec, "edgeGroup", "/api/v2/telephony/providers/edges/edgegroups", c.edgeGroup());
                object(pipeline, spec, "callAnalysisResponseSet", "/api/v2/outbound/callanalysisresponsesets",
                        c.callAnalysisResponseSet());
                export(pipeline, spec);
            }
        }
        return finish();
    }

    /**
     * The reconciliation's export, read-only: {@code GET .../{id}/export} of the campaign's list answers 404 when no
     * export was asked for, 403 when the role lacks what exports need (both of {@code outbound:contact:view} and
     * {@code outbound:contactList:view}). The download itself needs no permission; its signed URL is on the storage
     * host, which must be reachable from here.
     */
    private void export(Pipeline pipeline, CampaignSpec spec) {
        String what = spec.key() + ": export of contact list '" + spec.contactList().name() + "' (reconcile)";
        String path = "/api/v2/outbound/contactlists/{contactListId}/export";
        try {
            var list = pipeline.genesys().findByName("/api/v2/outbound/contactlists", spec.contactList().name());
            if (list == null) {
                ok(what + ": the list is made by the first drop; checked once it exists");
                return;
            }
            pipeline.genesys().get("/api/v2/outbound/contactlists/" + list.path("id").asText() + "/export",
                    Map.of("download", "false"));
            ok(what);
        } catch (GenesysApiException e) {
            if (e.status() == 404) {
                ok(what);
            } else {
                bad(what, e.getMessage() + (e.status() == 403 ? " Fix: give the OAuth client's role "
                        + Permissions.ALL.stream().filter(n -> n.method().equals("GET") && n.path().equals(path))
                                .findFirst().map(Permissions.Need::text).orElseThrow()
                        + " (README \"Going live\")." : ""));
            }
        }
    }

    private static String permissionOf(String path) {
        return Permissions.read(path).filter(n -> !n.anyOf().isEmpty())
                .map(Permissions.Need::text).orElse("the permission Genesys names above");
    }

    private void object(Pipeline pipeline, CampaignSpec spec, String key, String collection, String name) {
        if (name == null) {
            return;
        }
        String what = spec.key() + ": " + key + " '" + name + "'";
        try {
            if (pipeline.genesys().findByName(collection, name) != null) {
                ok(what);
            } else {
                bad(what, "not found in the org. Fix: create it in Genesys Cloud, or name an existing one at"
                        + " campaign." + key + " in " + spec.file() + ".");
            }
        } catch (RuntimeException e) {
            bad(what, e.getMessage());
        }
    }

    private void ok(String what) {
        out.println("✔ " + what);
    }

    private void bad(String what, String why) {
        missing++;
        out.println("✘ " + what + ": " + why);
    }

    private int finish() {
        out.println(missing == 0 ? "All good." : missing + " thing(s) to fix.");
        out.flush();
        return missing == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
