import io.outboundsync.contacts.*;
import io.outboundsync.contacts.checks.*;
import io.outboundsync.contacts.intake.*;
import io.outboundsync.contacts.ledger.*;
import io.outboundsync.contacts.upload.DialerContact;
import java.nio.file.*;
import java.util.*;

/**
 * Per-stage CPU cost of the contacts flow on one core, without Camel, HTTP or the ledger: read, +check, +hash,
 * +request body, +ledger commit (a temporary ledger). Each stage runs the whole file {@code passes} times; the last pass is reported (JIT warm).
 * The re-drop's path for rows the ledger recognises (a ledger first filled with the file's accepted rows): read,
 * +key (the row key and contact id), +lookup (the ledger), +seen (the drop's first occurrences).
 * Usage: java -cp target/outbound-sync.jar bench/src/StageCost.java FILE.csv [PASSES] [STAGES]
 *   STAGES: comma-separated, of read,check,hash,body,ledger (default) and key,lookup,seen
 */
public class StageCost {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        CampaignContacts demo = ContactConfig.loadAll(Path.of("config")).get("demo");
        RowNormaliser normaliser = new RowNormaliser(demo.mapping(), demo.contactList(),
                DncNumbers.load(demo.mapping().dncFile(), new PhoneNumbers(demo.mapping().defaultRegion())));
        // the request body as the genesys-add-contacts route's camel-jackson marshal writes it
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> columns = demo.contactList().columns();
        for (String stage : args.length > 2 ? List.of(args[2].split(",")) : List.of("read", "check", "hash", "body", "ledger")) {
            long best = 0, rows = 0;
            Path state = Files.createTempDirectory("stagecost");
            Ledger ledger = stage.equals("ledger") ? EmbeddedLedger.open(state) : null;
            if (List.of("key", "lookup", "seen").contains(stage)) {
                redrop(stage, file, passes, demo, normaliser);
                continue;
            }
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                rows = 0;
                long sink = 0;
                List<NormalisedRow> batch = new ArrayList<>(1000);
                try (RowSource src = RowSource.open(file, demo.mapping())) {
                    for (SourceRow r = src.next(); r != null; r = src.next()) {
                        rows++;
                        if (stage.equals("read")) { sink += r.values().length; continue; }
                        NormalisedRow n = normaliser.normalise(r.number(), r.values());
                        if (stage.equals("check")) { sink += n.reasons().size(); continue; }
                        if (n.values() != null) sink += ContactKeys.rowHash(n.values())[0];
                        if (stage.equals("hash")) continue;
                        if (n.accepted()) batch.add(n);
                        if (batch.size() == 1000) {
                            List<DialerContact> contacts = new ArrayList<>(batch.size());
                            for (NormalisedRow n2 : batch) {
                                contacts.add(new DialerContact(n2.contactId(), "list", columns, n2.values(), null, n2));
                            }
                            sink += json.writeValueAsString(contacts).length();
                            if (ledger != null) ledger.commit("list-" + p, batch);
                            batch.clear();
                        }
                    }
                }
                best = System.nanoTime() - t0;
                if (sink == 42) System.out.print("");
            }
            if (ledger != null) ledger.close();
            System.out.printf("%-6s %,d rows: %.2f s, %.2f us/row (cumulative)%n", stage, rows, best / 1e9, best / 1e3 / rows);
        }
    }

    /** The recognised rows' path of a re-drop, cumulative up to the stage. */
    static void redrop(String stage, Path file, int passes, CampaignContacts demo, RowNormaliser normaliser)
            throws Exception {
        Path state = Files.createTempDirectory("stagecost");
        try (Ledger ledger = EmbeddedLedger.open(state)) {
            List<NormalisedRow> batch = new ArrayList<>(1000);
            try (RowSource src = RowSource.open(file, demo.mapping())) {
                for (SourceRow r = src.next(); r != null; r = src.next()) {
                    NormalisedRow n = normaliser.normalise(r.number(), r.values());
                    if (n.accepted()) {
                        batch.add(n.withKey(normaliser.rowKey(r.values()), null));
                    }
                    if (batch.size() == 1000) {
                        ledger.commit("list", batch);
                        batch.clear();
                    }
                }
                ledger.commit("list", batch);
            }
            long best = 0, rows = 0, recognised = 0;
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                rows = 0;
                recognised = 0;
                long sink = 0;
                try (RowSource src = RowSource.open(file, demo.mapping());
                        DropSeen seen = new DropSeen(Files.createTempDirectory(state, "seen"), Files.size(file))) {
                    for (SourceRow r = src.next(); r != null; r = src.next()) {
                        rows++;
                        byte[] key = normaliser.rowKey(r.values());
                        String id = normaliser.contactIdOf(r.values());
                        if (stage.equals("key") || id == null) { sink += key[0] + (id == null ? 0 : id.length()); continue; }
                        Ledger.Acknowledged known = ledger.acknowledged("list", id, key);
                        if (known == null || !known.sameRow()) continue;
                        recognised++;
                        if (stage.equals("lookup")) { sink += known.hash()[0]; continue; }
                        sink += seen.firstOccurrence(id, known.firstPhone()) ? 1 : 0;
                    }
                }
                best = System.nanoTime() - t0;
                if (sink == 42) System.out.print("");
            }
            System.out.printf("%-6s %,d rows (%,d recognised): %.2f s, %.2f us/row (cumulative)%n", stage, rows,
                    recognised, best / 1e9, best / 1e3 / rows);
        }
    }
}
