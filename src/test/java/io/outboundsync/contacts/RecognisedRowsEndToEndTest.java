package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.testing.DropHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly re-drop: a row the ledger recognises (the same values as the row Genesys acknowledged, checked with
 * the same mapping, checks, region and do-not-call numbers) is unchanged without its checks; when any of those
 * changed, every row is checked again. The bundled sample against a sandbox over real HTTP.
 */
class RecognisedRowsEndToEndTest {

    /** The sample's accepted rows (18) and rejected ones (11). */
    private static final int ACCEPTED = 18;

    @TempDir
    Path dataDir;
    @TempDir
    Path configDir;

    private DropHarness org;
    private String sample;

    @BeforeEach
    void start() throws Exception {
        org = new DropHarness(dataDir, Map.of()).withDemoConfigIn(configDir);
        sample = Files.readString(Path.of("config/samples/demo-contacts.csv"));
    }

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void theUnchangedRowsOfASecondDropAreRecognisedAndOnlyTheChangedOneIsChecked() throws Exception {
        org.drop("demo", "day1.csv", sample);
        org.runOnce();
        JsonNode day1 = org.summary("day1.csv");
        assertThat(day1.get("unchangedRecognised").asLong()).isZero();
        assertThat(day1.get("uploaded").asLong()).isEqualTo(ACCEPTED);

        org.drop("demo", "day2.csv", sample.replace("CRM-10004,Dev,Patel,3172014458",
                "CRM-10004,Dev,Patel-Shah,3172014458"));
        org.runOnce();

        JsonNode day2 = org.summary("day2.csv");
        assertThat(day2.get("uploaded").asLong()).isEqualTo(1);
        assertThat(day2.get("unchanged").asLong()).isEqualTo(ACCEPTED - 1);
        assertThat(day2.get("unchangedRecognised").asLong()).isEqualTo(ACCEPTED - 1);
        // the rejected rows (known from the list's line memo, or checked again) with the same verdicts and
        // in-drop duplicates, the rejects file as before
        assertThat(day2.get("rejectedByReason")).isEqualTo(day1.get("rejectedByReason"));
        assertThat(day2.get("sharedPhoneNumbers")).isEqualTo(day1.get("sharedPhoneNumbers"));
        assertThat(org.rejects("day2.csv")).isEqualTo(org.rejects("day1.csv"));
        String listId = org.listId("Demo Renewals");
        assertThat(org.contacts(listId, List.of("CRM-10004")).get(0).get("data").get("lastName").asText())
                .isEqualTo("Patel-Shah");

        // a third drop recognises the changed row as it was acknowledged the second time
        org.drop("demo", "day3.csv", sample.replace("CRM-10004,Dev,Patel,3172014458",
                "CRM-10004,Dev,Patel-Shah,3172014458"));
        org.runOnce();
        assertThat(org.summary("day3.csv").get("unchangedRecognised").asLong()).isEqualTo(ACCEPTED);
        assertThat(org.summary("day3.csv").get("uploaded").asLong()).isZero();
    }

    /**
     * A drop that withdraws a contact writes the ledger: what the list's line memo knew before no longer holds, and
     * the next drop's row that accepts the contact again is checked and sent, never taken as unchanged.
     */
    @Test
    void aContactWithdrawnBetweenTwoDropsOfTheSameRowsIsSentAgainNotTakenAsUnchanged() throws Exception {
        org.drop("demo", "day1.csv", sample);
        org.runOnce();
        org.drop("demo", "day2.csv", sample.replace("CRM-10004,Dev,Patel,3172014458,dev.patel@example.net,1,0",
                "CRM-10004,Dev,Patel,3172014458,dev.patel@example.net,0,0"));
        org.runOnce();
        assertThat(org.summary("day2.csv").get("withdrawn").asLong()).isEqualTo(1);
        String listId = org.listId("Demo Renewals");
        assertThat(org.contacts(listId, List.of("CRM-10004")).get(0).get("callable").asBoolean()).isFalse();

        // day 1's bytes again: every other row as Genesys has it, CRM-10004's row sent and callable again
        org.drop("demo", "day3.csv", sample);
        org.runOnce();
        JsonNode day3 = org.summary("day3.csv");
        assertThat(day3.get("uploaded").asLong()).isEqualTo(1);
        assertThat(day3.get("unchanged").asLong()).isEqualTo(ACCEPTED - 1);
        assertThat(org.contacts(listId, List.of("CRM-10004")).get(0).get("callable").asBoolean()).isTrue();
        assertThat(org.rejects("day3.csv")).isEqualTo(org.rejects("day1.csv"));

        // and a fourth time nothing at all, its rejects as before
        org.drop("demo", "day4.csv", sample);
        org.runOnce();
        assertThat(org.summary("day4.csv").get("uploaded").asLong()).isZero();
        assertThat(org.summary("day4.csv").get("unchanged").asLong()).isEqualTo(ACCEPTED);
        assertThat(org.rejects("day4.csv")).isEqualTo(org.rejects("day1.csv"));
    }

    @Test
    void aChangedDoNotCallFileChecksEveryRowAgain() throws Exception {
        org.drop("demo", "day1.csv", sample);
        org.runOnce();

        // Ana's number (also Zoe's) goes on the internal do-not-call file
        Files.writeString(configDir.resolve("dnc/internal-dnc.txt"), "+1 (317) 555-0199\n317-201-4455\n",
                StandardCharsets.UTF_8);
        org.drop("demo", "day2.csv", sample);
        org.runOnce();

        JsonNode day2 = org.summary("day2.csv");
        assertThat(day2.get("unchangedRecognised").asLong()).isZero();
        assertThat(day2.get("rejectedByReason").get("ON_DNC").asLong())
                .isEqualTo(org.summary("day1.csv").get("rejectedByReason").get("ON_DNC").asLong() + 2);
        assertThat(day2.get("withdrawn").asLong()).isEqualTo(2);
        assertThat(day2.get("unchanged").asLong()).isEqualTo(ACCEPTED - 2);
        String listId = org.listId("Demo Renewals");
        assertThat(org.contacts(listId, List.of("CRM-10001", "CRM-10026")))
                .hasSize(2).allSatisfy(c -> assertThat(c.get("callable").asBoolean()).isFalse());
    }

    @Test
    void aChangedRegionOrMappingChecksEveryRowAgain() throws Exception {
        org.drop("demo", "day1.csv", sample);
        org.runOnce();

        Path campaign = configDir.resolve("campaigns/demo.yaml");
        String yaml = Files.readString(campaign);
        Files.writeString(campaign, yaml.replace("defaultRegion: US", "defaultRegion: CA"));
        org.drop("demo", "day2.csv", sample);
        org.runOnce();
        // every row checked again in region CA: the same numbers, so the same values and nothing to send
        JsonNode day2 = org.summary("day2.csv");
        assertThat(day2.get("unchangedRecognised").asLong()).isZero();
        assertThat(day2.get("unchanged").asLong()).isEqualTo(ACCEPTED);
        assertThat(day2.get("uploaded").asLong()).isZero();

        org.drop("demo", "day3.csv", sample);
        org.runOnce();
        assertThat(org.summary("day3.csv").get("unchangedRecognised").asLong()).isEqualTo(ACCEPTED);

        // another spelling read as yes: a mapping change, so every row is checked again
        Files.writeString(campaign, yaml.replace("defaultRegion: US", "defaultRegion: CA")
                .replace("true: ['true', 'yes', 'y', '1']", "true: ['true', 'yes', 'y', '1', 'si']"));
        org.drop("demo", "day4.csv", sample);
        org.runOnce();
        assertThat(org.summary("day4.csv").get("unchangedRecognised").asLong()).isZero();
        assertThat(org.summary("day4.csv").get("unchanged").asLong()).isEqualTo(ACCEPTED);
    }
}
