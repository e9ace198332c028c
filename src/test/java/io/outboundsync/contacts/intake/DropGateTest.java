package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox's gate ({@link DropGate}) without Camel: what it makes of a file (refused, skipped, admitted), the start
 * of an admitted drop, and why a file cannot be opened, in words that lead to the fix. (Root reads every file, so a
 * test run as root cannot make the permission fail for real: the reason is checked here.)
 */
class DropGateTest {

    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));

    @TempDir
    Path dir;

    private Path drop(String campaign, String name, String content) throws Exception {
        Path file = dir.resolve("inbox").resolve(campaign).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aFileIsRefusedSkippedOrAdmittedAndAnAdmittedOneStartsInTheLedger() throws Exception {
        try (Ledger ledger = Ledger.open(dir.resolve("state"))) {
            DropGate gate = new DropGate(Map.of("demo", DEMO), dir.resolve("inbox"), () -> ledger, null, "test");
            String csv = "externalId,phone\nCRM-1,3172014455\n";

            Admission unknown = gate.admit(drop("nope", "a.csv", csv).toString());
            assertThat(unknown.verdict()).isEqualTo(Admission.Verdict.REFUSED);
            assertThat(unknown.reason()).startsWith("there is no campaign 'nope'").contains("[demo]");
            assertThat(gate.admit(drop("demo", "a.xlsx", csv).toString()).verdict())
                    .isEqualTo(Admission.Verdict.REFUSED);

            Admission admitted = gate.admit(drop("demo", "a.csv", csv).toString());
            assertThat(admitted.verdict()).isEqualTo(Admission.Verdict.ADMITTED);
            assertThat(admitted.campaign()).isEqualTo(DEMO);
            assertThat(admitted.facts().sha256()).hasSize(64);
            Drop started = gate.start(admitted);
            assertThat(started.getName()).isEqualTo("a.csv");
            assertThat(started.listId()).as("bound to its list next").isNull();
            ledger.finishDrop(started.dropId(), "COMPLETED", "{}");
            started.seen().close();

            Admission again = gate.admit(drop("demo", "a.csv", csv).toString());
            assertThat(again.verdict()).isEqualTo(Admission.Verdict.SKIPPED);
            assertThat(again.previous().id()).isEqualTo(started.dropId());
        }
    }

    @Test
    void aPermissionDeniedSaysSoAndWhoNeedsAccess() {
        assertThat(DropGate.cannotOpen(new AccessDeniedException("/inbox/contacts/demo/a.csv"))).isEqualTo(
                "cannot be read: permission denied for the user " + System.getProperty("user.name") + ". Fix: give"
                        + " that user read access to the file (and write access to its folder, which it is moved out"
                        + " of)");
    }

    @Test
    void aFileGoneMeanwhileAndOtherFailuresNameWhatHappened() {
        assertThat(DropGate.cannotOpen(new NoSuchFileException("/x"))).isEqualTo("is gone (moved or deleted while it"
                + " was looked at)");
        assertThat(DropGate.cannotOpen(new java.io.IOException("Input/output error"))).isEqualTo("cannot be opened"
                + " now (IOException: Input/output error)");
    }
}
