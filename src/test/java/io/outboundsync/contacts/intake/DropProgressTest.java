package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.checks.RowsRead;
import io.outboundsync.contacts.upload.Batching;
import io.outboundsync.contacts.upload.UploadWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How far a drop has come for the status page ({@link DropProgress}): the chunks' counts so far, the share read. */
class DropProgressTest {

    @Test
    void theChunksCountsAddUpAndTheUploadsComeFromTheWindow() throws Exception {
        Path file = Path.of("config/samples/demo-contacts.csv");
        long size = java.nio.file.Files.size(file);
        Admission admission = new Admission(file, "demo", "test", Admission.Verdict.ADMITTED, null, null,
                DropFile.inspect(file), null, null);
        UploadWindow uploads = new UploadWindow(new Batching(1000, () -> 1000, Batching.MAX_REQUEST_BYTES));
        Drop drop = new Drop(admission, System.nanoTime(), null, 7, "list-1", null, null, null, io.outboundsync.contacts.checks.Repeats.NONE, uploads);
        DropProgress progress = new DropProgress(60_000);

        assertThat(progress.started(drop).rowsRead()).isZero();
        progress.read(drop, new RowsRead(10, 2, Map.of("ON_DNC", 2L), 0, 3, 0, size / 2, List.of(), null, null, 0));
        uploads.landed(5, 0, List.of());
        DropProgress.Progress now = progress.read(drop, new RowsRead(10, 1, Map.of("ON_DNC", 1L), 0, 0, 0, size,
                List.of(), null, null, 0));

        assertThat(now.file()).isEqualTo("demo-contacts.csv");
        assertThat(now.rowsRead()).isEqualTo(20);
        assertThat(now.rejected()).isEqualTo(3);
        assertThat(now.rejectedByReason()).containsExactly(Map.entry("ON_DNC", 3L));
        assertThat(now.unchanged()).isEqualTo(3);
        assertThat(now.uploaded()).isEqualTo(5);
        assertThat(now.shareRead()).isEqualTo(1.0);
        progress.ended(drop);
        assertThat(progress.read(drop, RowsRead.NONE).rowsRead()).as("a drop ended starts afresh").isZero();
    }
}
