package io.outboundsync.contacts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.Rows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop's rows in chunks ({@link DropRows.Chunks}) without Camel: as many as the chunk size, the rows before a
 * broken place as a last chunk that says why, none after the drop stopped.
 */
class DropRowsTest {

    private static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"),
            Path.of("config/campaigns/demo.yaml"));

    @TempDir
    Path dir;

    private static String json(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < to; i++) {
            rows.append("{\"externalId\":\"CRM-").append(i).append("\",\"phone\":\"(317) 201-4455\"}\n");
        }
        return rows.toString();
    }

    private DropRows.Chunks chunks(String content, AtomicBoolean stop) throws Exception {
        Path file = dir.resolve("drop.ndjson");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        RowSource.CountingStream in = new RowSource.CountingStream(Files.newInputStream(file));
        return new DropRows.Chunks(new JsonRows(in, DEMO.mapping()), in, 4, stop::get);
    }

    private static List<Rows> all(DropRows.Chunks chunks) {
        List<Rows> read = new ArrayList<>();
        chunks.forEachRemaining(read::add);
        return read;
    }

    @Test
    void rowsComeInChunksOfTheChunkSizeWithHowFarTheReadHasCome() throws Exception {
        try (DropRows.Chunks chunks = chunks(json(0, 10), new AtomicBoolean())) {
            List<Rows> read = all(chunks);

            assertThat(read).extracting(r -> r.rows().size()).containsExactly(4, 4, 2);
            assertThat(read).allMatch(r -> r.unreadable() == null);
            assertThat(read.get(0).bytesRead()).isPositive().isLessThanOrEqualTo(read.get(2).bytesRead());
            assertThat(read.get(2).rows().get(1).number()).isEqualTo(10);
        }
    }

    @Test
    void theRowsBeforeABrokenPlaceComeAsALastChunkThatSaysWhy() throws Exception {
        try (DropRows.Chunks chunks = chunks(json(0, 5) + "{\"externalId\": \"CRM-5\"", new AtomicBoolean())) {
            List<Rows> read = all(chunks);

            assertThat(read).extracting(r -> r.rows().size()).containsExactly(4, 1);
            assertThat(read.get(0).unreadable()).isNull();
            assertThat(read.get(1).unreadable()).contains("row 6");
        }
    }

    @Test
    void noChunkIsReadOnceTheDropStopped() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (DropRows.Chunks chunks = chunks(json(0, 10), stop)) {
            assertThat(chunks.next().rows()).hasSize(4);
            stop.set(true);

            assertThat(chunks.hasNext()).isFalse();
        }
    }

    @Test
    void theDelimiterIsTheCampaignsOrTheOneTheHeaderUsesMost() throws Exception {
        Path semicolons = dir.resolve("export.csv");
        Files.writeString(semicolons, "externalId;firstName;phone,ext\nCRM-1;Ana;1\n", StandardCharsets.UTF_8);
        Admission admission = new Admission(semicolons, "demo", "test", Admission.Verdict.ADMITTED, null, DEMO,
                DropFile.inspect(semicolons), null, null);
        Drop drop = new Drop(admission, System.nanoTime(), null, 1, null, null, null, null, io.outboundsync.contacts.checks.Repeats.NONE, null);

        assertThat(new DropRows(1000).delimiter(drop)).isEqualTo(DEMO.mapping().delimiter() == 0 ? ";"
                : String.valueOf(DEMO.mapping().delimiter()));
        assertThat(drop.getFormat()).isEqualTo("csv");
    }
}
