package io.outboundsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.runtime.Pipeline;
import io.outboundsync.sandbox.GenesysSandbox;
import io.outboundsync.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox of its own on a loopback port and pipelines pointed at it as a live org would be (so the sandbox
 * outlives a run, like Genesys does), dropping files into a data folder and running {@code once}.
 */
public final class DropHarness implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A demo-format drop of generated rows: ids {@code <prefix>-<n>}, North American numbers {@code +1317201nnnn},
     * consent yes, except every {@code noConsentEvery}-th row (0: none) which has consent no and is rejected.
     */
    public static String generatedDrop(String prefix, int rows, int noConsentEvery) {
        String header;
        try {
            header = java.nio.file.Files.readString(Path.of("config/samples/demo-contacts.csv")).lines().findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            boolean noConsent = noConsentEvery > 0 && i % noConsentEvery == 0;
            csv.append(prefix).append('-').append(i).append(",First,Last,+1317201").append(String.format("%04d", i))
                    .append(",p").append(i).append("@example.com,").append(noConsent ? "no" : "yes")
                    .append(",no,40,North,5,100,10,owner\n");
        }
        return csv.toString();
    }

    /** A loopback port free now (for the health, metrics and status page server of a {@code run}). */
    public static int freePort() {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    public final GenesysSandbox sandbox;
    public final SandboxControl control;
    public final Path dataDir;
    private Path configDir = Path.of("config");

    public DropHarness(Path dataDir, Map<String, String> sandboxSettings) {
        this.dataDir = dataDir;
        Map<String, String> settings = new HashMap<>(Map.of("sandbox.rate-limit-per-minute", "0"));
        settings.putAll(sandboxSettings);
        this.sandbox = GenesysSandbox.start(SandboxSettings.from(Settings.of(settings)));
        this.control = new SandboxControl(sandbox.baseUrl()).login(sandbox.settings().clientId(),
                sandbox.settings().clientSecret());
    }

    /** One check of an {@code /observe/health} answer, by name. */
    public static JsonNode healthCheck(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    /** What a pipeline of {@link #pipelineSettings} names as its target: {@code live: <org name> (<host:port>)}. */
    public String target() {
        return "live: " + control.get("/api/v2/organizations/me").get("name").asText() + " ("
                + java.net.URI.create(sandbox.baseUrl()).getAuthority() + ")";
    }

    /** The settings of a pipeline that treats the sandbox as its live org. */
    public Map<String, String> pipelineSettings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "genesys.mode", "live",
                "genesys.api-url", sandbox.baseUrl(),
                "genesys.login-url", sandbox.baseUrl(),
                "genesys.client-id", sandbox.settings().clientId(),
                "genesys.client-secret", sandbox.settings().clientSecret(),
                "notify.cdp.url", sandbox.baseUrl() + "/sandbox/webhooks/cdp",
                "notify.cdp.secret", "cdp-secret",
                "contacts.inbox.take-once", "true",
                "contacts.inbox.poll-delay-ms", "100",
                "contacts.progress-interval-ms", "500"));
        settings.put("notify.wfm.url", sandbox.baseUrl() + "/sandbox/webhooks/wfm");
        settings.put("notify.wfm.secret", "wfm-secret");
        settings.put("genesys.retry.backoff-initial-ms", "50");
        settings.put("genesys.retry.backoff-max-ms", "200");
        // the shipped cron syncs every quarter hour: a test open at hh:15:00 would see its campaign file applied
        // behind its back; tests of the schedule set their own
        settings.put("campaigns.sync.cron", "0 0 0 1 1 ? 2099");
        settings.putAll(extra);
        return settings;
    }

    /**
     * Runs the pipelines on a copy of the demo campaign and its do-not-call file in this (empty) config folder,
     * which a test may then change.
     */
    public DropHarness withDemoConfigIn(Path configDir) {
        try {
            Files.createDirectories(configDir.resolve("campaigns"));
            Files.createDirectories(configDir.resolve("dnc"));
            Files.copy(Path.of("config/campaigns/demo.yaml"), configDir.resolve("campaigns/demo.yaml"));
            Files.copy(Path.of("config/dnc/internal-dnc.txt"), configDir.resolve("dnc/internal-dnc.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withConfig(configDir);
    }

    /** The keys {@link #setForCommandLine} set, which {@link #clearForCommandLine} takes back. */
    private final java.util.Set<String> commandLineKeys = new java.util.HashSet<>();

    /**
     * The pipeline settings (with these over them) as {@code -D} properties, for a command run in this JVM through
     * {@link CommandLineRun}; the inbox's own settings are the command's. Undone by {@link #clearForCommandLine}:
     * a key left behind would override later tests' settings in this JVM.
     */
    public void setForCommandLine(Map<String, String> extra) {
        pipelineSettings(extra).forEach((key, value) -> {
            if (!key.startsWith("contacts.inbox")) {
                System.setProperty(key, value);
                commandLineKeys.add(key);
            }
        });
    }

    /** Takes back what {@link #setForCommandLine} set. */
    public void clearForCommandLine() {
        commandLineKeys.forEach(System::clearProperty);
        commandLineKeys.clear();
    }

    /** Runs the pipelines on this config folder instead of the project's {@code config/}. */
    public DropHarness withConfig(Path configDir) {
        this.configDir = configDir;
        return this;
    }

    /** A started pipeline (the caller closes it), treating the sandbox as its live org. */
    public Pipeline pipeline(Map<String, String> extra) {
        return Pipeline.start(Settings.of(pipelineSettings(extra)), configDir, dataDir, "test");
    }

    /** Applies the campaign files once (the inbox left alone); fails the test when a campaign fails. */
    public void applyCampaigns() {
        try (Pipeline pipeline = pipeline(Map.of("contacts.inbox.auto-startup", "false"))) {
            if (pipeline.campaigns().applyAll("test").failed()) {
                throw new AssertionError("the campaign sync failed");
            }
        }
    }

    /** The id of the sandbox's campaign of that name. */
    public String campaignId(String name) {
        for (JsonNode campaign : control.get("/api/v2/outbound/campaigns?pageSize=100&filterType=Equals&name="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")).get("entities")) {
            return campaign.get("id").asText();
        }
        throw new AssertionError("no campaign '" + name + "' in the sandbox");
    }

    /** The contacts the campaign would dial now, in queue order (the sandbox's dialer view). */
    public List<String> dialable(String campaign) {
        List<String> ids = new java.util.ArrayList<>();
        control.get("/sandbox/campaigns/" + campaignId(campaign) + "/dialable").get("contacts")
                .forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    /**
     * Starts the campaign (forced on, as an operator would; Genesys dials only a campaign that is on) and has the
     * sandbox's dialer take the first {@code count} contacts of its queue (all with 0): the ids it dialed.
     */
    public List<String> dial(String campaign, int count) {
        String id = campaignId(campaign);
        if (!"on".equals(control.get("/api/v2/outbound/campaigns/" + id).path("campaignStatus").asText())) {
            control.put("/sandbox/campaigns/" + id + "/status", "{'campaignStatus':'on'}");
        }
        List<String> ids = new java.util.ArrayList<>();
        control.post("/sandbox/campaigns/" + id + "/dial" + (count > 0 ? "?count=" + count : ""), "")
                .get("dialed").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    /** Writes a drop into {@code inbox/contacts/<campaign>/}. */
    public Path drop(String campaign, String name, String content) {
        return drop(campaign, name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path drop(String campaign, String name, byte[] content) {
        try {
            Path dir = dataDir.resolve("inbox/contacts").resolve(campaign);
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, content);
            // an export written a minute ago, complete: past the inbox's quiet period (contacts.inbox.quiet-ms),
            // in the order of the drops (the inbox takes the oldest first)
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                    .minusSeconds(60)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code once} over the inbox: every drop processed, then the pipeline closed. */
    public Map<Path, Drop.Status> runOnce(Map<String, String> extra) {
        try (Pipeline pipeline = pipeline(extra)) {
            if (!pipeline.contactDrops().awaitDrained(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the inbox was not drained in 5 minutes");
            }
            return pipeline.contactDrops().outcomes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Map<Path, Drop.Status> runOnce() {
        return runOnce(Map.of());
    }

    public JsonNode summary(String name) {
        try {
            return JSON.readTree(dataDir.resolve("reports").resolve(name + ".summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> rejects(String name) {
        try {
            return Files.readAllLines(dataDir.resolve("reports").resolve(name + ".rejects.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the contact list of that name in the sandbox. */
    public String listId(String name) {
        for (JsonNode list : control.get("/api/v2/outbound/contactlists?pageSize=100").get("entities")) {
            if (list.get("name").asText().equals(name)) {
                return list.get("id").asText();
            }
        }
        throw new AssertionError("no contact list " + name);
    }

    public long size(String listId) {
        return control.get("/api/v2/outbound/contactlists/" + listId + "?includeSize=true").get("size").asLong();
    }

    public List<JsonNode> contacts(String listId, List<String> ids) {
        List<JsonNode> found = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (String id : ids) {
            body.append(body.length() > 1 ? "," : "").append('"').append(id).append('"');
        }
        control.post("/api/v2/outbound/contactlists/" + listId + "/contacts/bulk", body.append("]").toString())
                .forEach(found::add);
        return found;
    }

    /** Contacts Genesys acknowledged, from the journal: 200-answered uploads of up to 1,000 each. */
    public long acknowledgedContacts() {
        return control.journal("/api/v2/outbound/contactlists/").stream()
                .filter(e -> e.get("method").asText().equals("POST") && e.get("path").asText().endsWith("/contacts")
                        && e.get("status").asInt() == 200).count() * 1000;
    }

    /** Requests that added contacts, from the journal. */
    public long addContactRequests() {
        return control.journal("/api/v2/outbound/contactlists").stream()
                .filter(e -> e.get("method").asText().equals("POST") && e.get("path").asText().endsWith("/contacts"))
                .count();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
