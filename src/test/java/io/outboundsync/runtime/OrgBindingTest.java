package io.outboundsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.campaigns.CampaignSync;
import io.outboundsync.config.Settings;
import io.outboundsync.contacts.intake.Drop;
import io.outboundsync.testing.DropHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State belongs to the Genesys org it was made against. Reproduced: the README's demo in the embedded sandbox,
 * then the same data folder pointed at a live org with the same file dropped again: the drop was SKIPPED (same
 * name and content) and the live org's contact list stayed empty; the ledger and the campaign state trusted what
 * the sandbox had acknowledged.
 */
class OrgBindingTest {

    @TempDir
    Path dataDir;

    private DropHarness liveOrg;
    private String sample;

    @BeforeEach
    void start() throws Exception {
        sample = Files.readString(Path.of("config/samples/demo-contacts.csv"));
        liveOrg = new DropHarness(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        liveOrg.close();
    }

    /** {@code once} against the embedded sandbox, as the README's run command does. */
    private Map<Path, Drop.Status> embeddedOnce() throws Exception {
        Map<Path, Drop.Status> outcomes;
        try (Pipeline pipeline = Pipeline.start(Settings.of(Map.of("genesys.mode", "sandbox",
                "contacts.inbox.take-once", "true", "contacts.inbox.poll-delay-ms", "100",
                "campaigns.sync.cron", "0 0 0 1 1 ? 2099")), Path.of("config"), dataDir, "test")) {
            assertThat(pipeline.campaigns().applyAll("once").failed()).isFalse();
            assertThat(pipeline.contactDrops().awaitDrained(2, TimeUnit.MINUTES)).isTrue();
            outcomes = pipeline.contactDrops().outcomes();
        }
        // the campaign sync and the drop wrote into one chain: one audit log in the process
        try (var files = java.nio.file.Files.list(dataDir.resolve("audit"))) {
            for (Path file : files.toList()) {
                assertThat(io.outboundsync.audit.AuditVerifier.verify(file).intact())
                        .as(io.outboundsync.audit.AuditVerifier.verify(file).toString()).isTrue();
            }
        }
        return outcomes;
    }

    private List<CampaignSync.Change> applyLive() {
        try (Pipeline pipeline = liveOrg.pipeline(Map.of("contacts.inbox.auto-startup", "false"))) {
            return pipeline.campaigns().applyAll("test").reports().get(0).changes();
        }
    }

    @Test
    void theSameFileDroppedForAnotherOrgIsSyncedThereInFull() throws Exception {
        liveOrg.drop("demo", "demo-contacts.csv", sample);
        assertThat(embeddedOnce()).containsValue(Drop.Status.COMPLETED_WITH_REJECTS);

        liveOrg.drop("demo", "demo-contacts.csv", sample);
        assertThat(liveOrg.runOnce()).containsValue(Drop.Status.COMPLETED_WITH_REJECTS);

        assertThat(liveOrg.summary("demo-contacts.csv").get("uploaded").asLong()).isEqualTo(18);
        assertThat(liveOrg.size(liveOrg.listId("Demo Renewals"))).isEqualTo(18);
        // the campaign objects the sandbox acknowledged are not taken as this org's: all are made here
        assertThat(applyLive()).filteredOn(c -> !c.kind().equals("contactList") && !c.kind().equals("dncList"))
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(CampaignSync.Action.CREATE));

        // back at the same org, its own state is found again: the same file is skipped, nothing is re-planned
        liveOrg.drop("demo", "demo-contacts.csv", sample);
        assertThat(liveOrg.runOnce()).containsValue(Drop.Status.SKIPPED);
        assertThat(applyLive()).allSatisfy(c -> assertThat(c.action()).isEqualTo(CampaignSync.Action.UNCHANGED));
    }

    @Test
    void eachOrgHasItsOwnFolderAndAnEmbeddedSandboxLeavesNoneBehind() throws Exception {
        liveOrg.drop("demo", "a.csv", sample);
        liveOrg.runOnce();
        liveOrg.drop("demo", "a.csv", sample);
        embeddedOnce();
        liveOrg.drop("demo", "a.csv", sample);
        assertThat(embeddedOnce()).as("a new embedded sandbox is a new, empty org")
                .containsValue(Drop.Status.COMPLETED_WITH_REJECTS);

        Path orgs = dataDir.resolve("state/orgs");
        assertThat(folders(orgs.resolve("sandbox"))).as("only the last embedded sandbox's state").hasSize(1);
        String liveHost = OrgState.host(liveOrg.sandbox.baseUrl());
        List<Path> live = folders(orgs.resolve(liveHost));
        assertThat(live).singleElement().satisfies(dir -> {
            assertThat(dir.getFileName().toString()).isEqualTo(liveOrg.sandbox.orgId());
            assertThat(Files.readString(dir.resolve("org.json"))).contains(liveOrg.sandbox.orgId());
            assertThat(dir.resolve("ledger.mv.db")).exists();
            assertThat(dir.resolve("campaigns.mv.db")).exists();
        });
    }

    @Test
    void stateFromBeforeTheBindingIsSetAsideNotTrusted() throws Exception {
        liveOrg.drop("demo", "demo-contacts.csv", sample);
        liveOrg.runOnce();
        Path orgDir = folders(dataDir.resolve("state/orgs").resolve(OrgState.host(liveOrg.sandbox.baseUrl())))
                .get(0);
        // as an earlier version left it: the same ledger, directly under state/
        for (Path file : List.of(orgDir.resolve("ledger.mv.db"), orgDir.resolve("contacts.mv.db"))) {
            Files.move(file, dataDir.resolve("state").resolve(file.getFileName()));
        }
        try (Stream<Path> all = Files.walk(dataDir.resolve("state/orgs"))) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        liveOrg.drop("demo", "demo-contacts.csv", sample);
        assertThat(liveOrg.runOnce()).containsValue(Drop.Status.COMPLETED_WITH_REJECTS);

        try (Stream<Path> state = Files.list(dataDir.resolve("state"))) {
            assertThat(state.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("unbound-")).noneMatch(n -> n.endsWith(".mv.db"));
        }
    }

    private static List<Path> folders(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList();
        }
    }
}
