package io.outboundsync.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds state to the Genesys org it was made against. Everything a run remembers (the drops processed, the
 * ledger of acknowledged contacts, the numbers sent to DNC lists, the applied campaign objects, the state-machine
 * records) lives in {@code state/orgs/<api host>/<org id>/}, beside an {@code org.json} naming the org; the org is
 * the one {@code GET /api/v2/organizations/me} answers for the configured credentials. Pointing the same data
 * folder at another org (sandbox, then live) therefore starts from nothing there instead of trusting what another
 * org acknowledged, and pointing it back finds that org's state again.
 *
 * <p>State from before this binding (files directly under {@code state/}) belongs to no known org: it is moved to
 * {@code state/unbound-<time>/} and not used, with a warning. The embedded sandbox is a new, empty org each time it
 * starts, so the state of earlier embedded sandboxes is removed.
 */
public final class OrgState {

    /** The org of this run. {@code apiHost}: {@code sandbox} for the embedded emulator, else the API's host. */
    public record Identity(String orgId, String orgName, String apiHost, boolean embedded) {

        /**
         * Which Genesys a run acts on, as the console, the summaries and the reports say it: {@code sandbox
         * (embedded, no org)}, or {@code live: <org name> (<region>)}, the region as the API's host without
         * {@code api.} ({@code mypurecloud.ie}; a test's loopback sandbox is its host and port).
         */
        public String target(String apiUrl) {
            if (embedded) {
                return "sandbox (embedded, no org)";
            }
            URI uri = URI.create(apiUrl);
            String host = uri.getAuthority() == null ? apiUrl : uri.getAuthority();
            return "live: " + orgName + " (" + host.replaceFirst("^api\\.", "") + ")";
        }
    }

    public static final String EMBEDDED_HOST = "sandbox";
    static final String ORG_FILE = "org.json";
    private static final Logger LOG = LoggerFactory.getLogger(OrgState.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrgState() {
    }

    /** Who the credentials belong to: {@code GET /api/v2/organizations/me}. */
    public static Identity identify(GenesysClient genesys, String apiUrl, boolean embedded) {
        JsonNode me;
        try {
            me = genesys.get("/api/v2/organizations/me");
        } catch (GenesysApiException e) {
            throw new IllegalStateException("The Genesys org could not be identified (GET /api/v2/organizations/me): "
                    + e.getMessage() + " Outbound Sync keeps its state per org, so it does not start without"
                    + " knowing which org this is.", e);
        }
        String id = me == null ? null : me.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("GET /api/v2/organizations/me answered without an org id; Outbound Sync"
                    + " keeps its state per org and does not start without one.");
        }
        return new Identity(id, me.path("name").asText(""), embedded ? EMBEDDED_HOST : host(apiUrl), embedded);
    }

    /** {@code api.mypurecloud.ie}, or {@code 127.0.0.1_8089} with a port, safe as a folder name. */
    static String host(String apiUrl) {
        URI uri = URI.create(apiUrl);
        String host = uri.getHost() == null ? apiUrl : uri.getHost();
        return (host + (uri.getPort() > 0 ? "_" + uri.getPort() : "")).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "_");
    }

    /** The org's state folder, made and described when new; earlier unbound or embedded state is put aside. */
    public static Path folder(Path stateRoot, Identity org) {
        try {
            Files.createDirectories(stateRoot);
            setAsideUnbound(stateRoot);
            Path hostDir = stateRoot.resolve("orgs").resolve(org.apiHost());
            if (org.embedded()) {
                removeEarlierEmbedded(hostDir, org.orgId());
            }
            Path dir = hostDir.resolve(safe(org.orgId()));
            Path described = dir.resolve(ORG_FILE);
            if (Files.exists(described)) {
                JsonNode recorded = JSON.readTree(described.toFile());
                if (!org.orgId().equals(recorded.path("orgId").asText())) {
                    throw new IllegalStateException("The state folder " + dir + " says it belongs to org "
                            + recorded.path("orgId").asText() + " (" + recorded.path("orgName").asText() + "), but"
                            + " it is where org " + org.orgId() + " (" + org.orgName() + ") keeps its state. Fix:"
                            + " move that folder away; nothing was read from it.");
                }
            } else {
                Files.createDirectories(dir);
                ObjectNode about = JSON.createObjectNode();
                about.put("orgId", org.orgId());
                about.put("orgName", org.orgName());
                about.put("apiHost", org.apiHost());
                about.put("embeddedSandbox", org.embedded());
                about.put("boundAt", Instant.now().toString());
                Files.writeString(described, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(about),
                        StandardCharsets.UTF_8);
                LOG.info("New state for org {} ({}) at {}", org.orgId(), org.apiHost(), dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("The state folder under " + stateRoot + " cannot be prepared", e);
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Files directly under {@code state/} come from before state was bound to an org. */
    private static void setAsideUnbound(Path stateRoot) throws IOException {
        List<Path> loose;
        try (Stream<Path> files = Files.list(stateRoot)) {
            loose = files.filter(Files::isRegularFile).toList();
        }
        if (loose.stream().noneMatch(f -> f.getFileName().toString().endsWith(".mv.db"))) {
            return;
        }
        Path aside = stateRoot.resolve("unbound-" + Instant.now().toString().replace(':', '-'));
        Files.createDirectories(aside);
        for (Path file : loose) {
            Files.move(file, aside.resolve(file.getFileName()));
        }
        LOG.warn("State from an earlier version, made against an org it did not record, was moved to {} and is not"
                + " used: drops and contacts are sent again (contacts are upserted by id, so nothing is duplicated)."
                + " If you know which org it belongs to, stop Outbound Sync and move its files into that org's folder"
                + " under {}.", aside, stateRoot.resolve("orgs"));
    }

    /** An embedded sandbox's org ends with its process: its state describes nothing that still exists. */
    private static void removeEarlierEmbedded(Path hostDir, String current) throws IOException {
        if (!Files.isDirectory(hostDir)) {
            return;
        }
        List<Path> earlier;
        try (Stream<Path> dirs = Files.list(hostDir)) {
            // one still open (another process with its own embedded sandbox on this data folder) is left alone
            earlier = dirs.filter(d -> !d.getFileName().toString().equals(safe(current)))
                    .filter(d -> isEmbedded(d.resolve(ORG_FILE))).filter(d -> !inUse(d)).toList();
        }
        for (Path dir : earlier) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Whether a process holds one of the folder's H2 stores (they lock their files while open). */
    private static boolean inUse(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path store : files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList()) {
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(store,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    java.nio.channels.FileLock lock = channel.tryLock();
                    if (lock == null) {
                        return true;
                    }
                    lock.release();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean isEmbedded(Path orgFile) {
        try {
            return Files.exists(orgFile) && JSON.readTree(orgFile.toFile()).path("embeddedSandbox").asBoolean();
        } catch (IOException e) {
            return false;
        }
    }
}
