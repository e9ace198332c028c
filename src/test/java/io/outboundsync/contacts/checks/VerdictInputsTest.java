package io.outboundsync.contacts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ContactConfig;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.FieldType;
import io.outboundsync.contacts.MappingSpec;
import io.outboundsync.contacts.NormalisedRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A row is recognised as one checked before only by a key of its values and of everything else that decides its
 * verdict: each of those inputs changes the key, and the checks' own version is guarded by a record of verdicts.
 */
class VerdictInputsTest {

    private static CampaignContacts demo;
    private static DncNumbers dnc;

    @BeforeAll
    static void load() {
        demo = ContactConfig.load(Path.of("config"), Path.of("config/campaigns/demo.yaml"));
        dnc = DncNumbers.load(demo.mapping().dncFile(), new PhoneNumbers("US"));
    }

    private static RowNormaliser normaliser(MappingSpec mapping, ContactListSpec list, DncNumbers numbers) {
        return new RowNormaliser(mapping, list, numbers);
    }

    private static RowNormaliser demoNormaliser() {
        return normaliser(demo.mapping(), demo.contactList(), dnc);
    }

    private static String[] ana() {
        return new String[] {"CRM-1", "Ana", "Lopez", "(317) 201-4455", "ana@example.com", "yes", "no", "42",
                "North", "7.5", "1200.00", "30"};
    }

    private static String key(RowNormaliser normaliser, String[] source) {
        return HexFormat.of().formatHex(normaliser.rowKey(source));
    }

    private static MappingSpec mapping(UnaryOperator<Object[]> change) {
        MappingSpec m = demo.mapping();
        Object[] c = {m.fields(), m.identity(), m.defaultRegion(), m.consentColumn(), m.requireConsent(),
                m.doNotCallColumn(), m.trueSpellings(), m.falseSpellings(), m.trim(), m.dncFile(), m.delimiter()};
        c = change.apply(c);
        @SuppressWarnings("unchecked")
        MappingSpec changed = new MappingSpec((List<FieldSpec>) c[0], (List<String>) c[1], (String) c[2],
                (String) c[3], (Boolean) c[4], (String) c[5], (Set<String>) c[6], (Set<String>) c[7], (Boolean) c[8],
                (Path) c[9], (Character) c[10]);
        return changed;
    }

    private static UnaryOperator<Object[]> set(int index, Object value) {
        return c -> {
            c[index] = value;
            return c;
        };
    }

    @Test
    void theSameRowUnderTheSameInputsHasTheSameKeyInEveryNormaliser() {
        String key = key(demoNormaliser(), ana());
        assertThat(key(demoNormaliser(), ana())).isEqualTo(key);
        // the same inputs spelled anew (a copy of the spellings in another order, the DNC file read again)
        RowNormaliser again = normaliser(mapping(set(6, new java.util.LinkedHashSet<>(List.of("1", "y", "yes",
                "true")))), demo.contactList(), DncNumbers.load(demo.mapping().dncFile(), new PhoneNumbers("US")));
        assertThat(key(again, ana())).isEqualTo(key);
    }

    @Test
    void anyChangedValueChangesTheKey() {
        RowNormaliser normaliser = demoNormaliser();
        String key = key(normaliser, ana());
        for (int i = 0; i < ana().length; i++) {
            String[] changed = ana();
            changed[i] = changed[i] + " ";
            assertThat(key(normaliser, changed)).as("value %d", i).isNotEqualTo(key);
            changed[i] = null;
            assertThat(key(normaliser, changed)).as("value %d absent", i).isNotEqualTo(key);
            changed[i] = "";
            assertThat(key(normaliser, changed)).as("value %d empty", i).isNotEqualTo(key);
        }
        // values are delimited: moving a character from one value to the next is another row
        String[] shifted = ana();
        shifted[1] = "AnaL";
        shifted[2] = "opez";
        assertThat(key(normaliser, shifted)).isNotEqualTo(key);
    }

    @Test
    void everyInputOfTheVerdictChangesTheKey() throws IOException {
        String key = key(demoNormaliser(), ana());
        List<FieldSpec> fields = new ArrayList<>(demo.mapping().fields());
        FieldSpec age = fields.get(7);
        fields.set(7, new FieldSpec(age.source(), age.column(), FieldType.TEXT, age.required()));
        List<FieldSpec> required = new ArrayList<>(demo.mapping().fields());
        required.set(7, new FieldSpec(age.source(), age.column(), age.type(), true));
        List<MappingSpec> mappings = List.of(
                mapping(set(0, fields)),
                mapping(set(0, required)),
                mapping(set(1, List.of("externalId", "email"))),
                mapping(set(2, "CA")),
                mapping(set(3, null)),
                mapping(set(4, false)),
                mapping(set(5, null)),
                mapping(set(6, Set.of("true", "yes", "y", "1", "si"))),
                mapping(set(7, Set.of("false", "no", "n"))),
                mapping(set(8, false)));
        for (MappingSpec mapping : mappings) {
            assertThat(key(normaliser(mapping, demo.contactList(), dnc), ana())).as("%s", mapping).isNotEqualTo(key);
        }
        ContactListSpec list = demo.contactList();
        List<String> columns = new ArrayList<>(list.columns());
        columns.add("extra");
        assertThat(key(normaliser(demo.mapping(), new ContactListSpec(list.name(), columns, list.phoneColumns(),
                list.emailColumns(), list.dncList()), dnc), ana())).isNotEqualTo(key);
        assertThat(key(normaliser(demo.mapping(), new ContactListSpec(list.name(), list.columns(),
                List.of(new ContactListSpec.PhoneColumn("phone", "cell", null)), list.emailColumns(),
                list.dncList()), dnc), ana())).isNotEqualTo(key);
        Path moreDnc = Files.createTempFile("dnc", ".txt");
        Files.writeString(moreDnc, Files.readString(demo.mapping().dncFile()) + "\n+1 317 201 9999\n");
        assertThat(key(normaliser(demo.mapping(), list, DncNumbers.load(moreDnc, new PhoneNumbers("US"))), ana()))
                .isNotEqualTo(key);
        assertThat(key(normaliser(demo.mapping(), list, DncNumbers.none()), ana())).isNotEqualTo(key);
        // the list's name and the file's delimiter decide nothing about a row's values
        assertThat(key(normaliser(mapping(set(10, ';')), new ContactListSpec("Other", list.columns(),
                list.phoneColumns(), list.emailColumns(), "Other DNC"), dnc), ana())).isEqualTo(key);
    }

    @Test
    void theContactIdWorkedOutBeforeTheChecksIsTheOneTheChecksGive() throws IOException {
        RowNormaliser normaliser = demoNormaliser();
        int compared = 0;
        for (String[] source : sampleRows()) {
            NormalisedRow checked = normaliser.normalise(1, source);
            if (checked.contactId() != null) {
                assertThat(normaliser.contactIdOf(source)).isEqualTo(checked.contactId());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20);
        String[] padded = ana();
        padded[0] = "  CRM-1 ";
        assertThat(normaliser.contactIdOf(padded)).isEqualTo("CRM-1");
        // an identity of two columns: the same hash as the checks give
        RowNormaliser two = normaliser(mapping(set(1, List.of("externalId", "lastName"))), demo.contactList(), dnc);
        assertThat(two.contactIdOf(ana())).isEqualTo(two.normalise(1, ana()).contactId()).hasSize(32);
        // an identity the checks normalise (an e-mail): not worked out before them
        RowNormaliser byEmail = normaliser(mapping(set(1, List.of("email"))), demo.contactList(), dnc);
        assertThat(byEmail.contactIdOf(ana())).isNull();
    }

    /**
     * The verdicts of the sample and of 20,000 generated rows, as recorded under {@link VerdictInputs#CHECKS_VERSION}.
     * When this fails, the checks decide differently than the ledger's recorded keys assume: raise CHECKS_VERSION
     * (so every row is checked again once) and record the new digest here. A new libphonenumber version changes
     * the digest too; it is part of the keys already, so then only the digest needs recording.
     */
    @Test
    void theChecksDecideAsRecordedForTheirVersion() throws Exception {
        RowNormaliser normaliser = demoNormaliser();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<String[]> rows = new ArrayList<>(sampleRows());
        Random random = new Random(20261130);
        String[] phones = {"(317) 201-%04d", "+1 212 736 %04d", "317.555.%04d", "1-800-555-%04d", "+44 20 7946 %04d",
                "+49 30 9018%04d", "%04d", "+1 (415) 201-%04d x12", "0044 20 7946 %04d", "+33 1 23 45 %04d"};
        String[] emails = {"a%d@example.com", "A.B%d@Example.ORG", "x%d@", "%d@localhost", "first.last+%d@sub.example.co.uk",
                "bad %d@example.com", "ü%d@example.de"};
        String[] booleans = {"yes", "no", "Y", "N", "true", "FALSE", "1", "0", "maybe", ""};
        String[] numbers = {"42", "007", "1.50", "-3", "1e3", "forty", "", "12345678901234567890"};
        for (int i = 0; i < 20_000; i++) {
            String[] row = ana();
            row[0] = random.nextInt(50) == 0 ? "bad id " + i : "CRM-" + i;
            row[3] = random.nextInt(40) == 0 ? "" : String.format(java.util.Locale.ROOT, phones[random.nextInt(phones.length)],
                    random.nextInt(10_000));
            row[4] = String.format(java.util.Locale.ROOT, emails[random.nextInt(emails.length)], i);
            row[5] = booleans[random.nextInt(booleans.length)];
            row[6] = booleans[random.nextInt(booleans.length)];
            row[7] = numbers[random.nextInt(numbers.length)];
            rows.add(row);
        }
        for (String[] source : rows) {
            NormalisedRow row = normaliser.normalise(1, source);
            sha.update((row.contactId() + "|" + String.join("|", java.util.Arrays.stream(row.values())
                    .map(String::valueOf).toList()) + "|" + row.phones() + "|" + row.reasons() + "|" + row.details()
                    + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(VerdictInputs.CHECKS_VERSION + ":" + HexFormat.of().formatHex(sha.digest()))
                .as("the checks decide differently now: raise VerdictInputs.CHECKS_VERSION and record the digest")
                .isEqualTo("1:28d318a86871db0a682adc75e3215e71594f2eacb45e4d039a4c87c23145d29a");
    }

    private static List<String[]> sampleRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> names = demo.mapping().fields().stream().map(FieldSpec::source).toList();
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(Path.of("config/samples/demo-contacts.csv"), StandardCharsets.UTF_8))) {
            for (CSVRecord record : parser) {
                rows.add(names.stream().map(record::get).toArray(String[]::new));
            }
        }
        return rows;
    }
}
