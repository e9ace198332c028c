package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * Why a file of the inbox cannot be opened, in words that lead to the fix. (Root reads every file, so a test run
 * as root cannot make the permission fail for real: the reason is checked here.)
 */
class DropGateTest {

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
