package io.outboundsync.contacts.reconcile;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ContactKeys;
import io.outboundsync.contacts.NormalisedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Contacts of the demo list for the reconcile tests: a row's values by id, the ledger's rows, an export file. */
final class ReconcileData {

    static final CampaignContacts DEMO = ContactConfig.load(Path.of("config"), Path.of("config/campaigns/demo.yaml"));
    static final String LIST = "list-1";

    private ReconcileData() {
    }

    static Reconciling run(boolean repair) {
        return new Reconciling("demo", LIST, DEMO.contactList(), DEMO.addFlags(), repair, "test", 0);
    }

    /** A contact's values, one per list column: its phone columns a number, the rest named after the id. */
    static String[] values(String id, String variant) {
        List<String> columns = DEMO.contactList().columns();
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            String column = columns.get(i);
            values[i] = DEMO.contactList().phoneColumns().stream().anyMatch(p -> p.column().equals(column))
                    ? "+1415555" + String.format("%04d", Math.abs((id + variant).hashCode()) % 10_000)
                    : column + "-" + id + variant;
        }
        return values;
    }

    /** The rows Genesys acknowledged, as the ledger commits them. */
    static List<NormalisedRow> acknowledged(String... ids) {
        List<NormalisedRow> rows = new ArrayList<>();
        for (String id : ids) {
            String[] values = values(id, "");
            rows.add(new NormalisedRow(rows.size() + 1, id, id, values, List.of(), List.of(), List.of(),
                    ContactKeys.rowHash(values)));
        }
        return rows;
    }

    /** An export as Genesys writes it: the id, the list's columns, callable. */
    static Path export(Path dir, String... rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(ExportComparison.ID_COLUMN + "," + String.join(",", DEMO.contactList().columns()) + ","
                + ExportComparison.CALLABLE_COLUMN);
        lines.addAll(List.of(rows));
        return Files.write(Files.createTempFile(dir, "export", ".csv"), lines);
    }

    /** An export row: the contact's values (with a variant: changed in Genesys) and whether it is callable. */
    static String row(String id, String variant, boolean callable) {
        return id + "," + String.join(",", values(id, variant)) + "," + (callable ? "1" : "0");
    }
}
