package io.outboundsync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.outboundsync.config.CampaignFileException;
import io.outboundsync.config.CampaignSchema;
import io.outboundsync.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the contact sections of {@code config/campaigns/<key>.yaml}: {@code contactList} (name, columns, phone and
 * e-mail columns) and {@code contacts} (identity, default region, consent, do-not-call, booleans, field mapping).
 * A mistake stops start-up with the file, the key and the fix.
 */
public final class ContactConfig {


    private ContactConfig() {
    }

    /**
     * The campaign files of a config folder: those with a {@code contacts} section that read without a mistake, by
     * key, and those refused for their mistakes. One broken file refuses its own campaign only.
     */
    public record Campaigns(Map<String, CampaignContacts> usable, List<CampaignFileException> refused) {

        /** The refusal of a campaign by its key, or null. */
        public CampaignFileException refusal(String key) {
            return refused.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        }
    }

    /** Every campaign file of the folder, read: see {@link Campaigns}. */
    public static Campaigns read(Path configDir) {
        Path dir = configDir.resolve("campaigns");
        Map<String, CampaignContacts> campaigns = new LinkedHashMap<>();
        List<CampaignFileException> refused = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Campaigns(campaigns, List.of());
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                try {
                    CampaignContacts campaign = load(configDir, file);
                    if (campaign != null) {
                        campaigns.put(campaign.key(), campaign);
                    }
                } catch (CampaignFileException e) {
                    refused.add(e);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("The campaign folder " + dir + " cannot be read: " + e.getMessage());
        }
        return new Campaigns(campaigns, List.copyOf(refused));
    }

    /**
     * Every campaign file of the folder that has a {@code contacts} section, by key.
     *
     * @throws CampaignFileException for the first file with mistakes (tools that need every campaign)
     */
    public static Map<String, CampaignContacts> loadAll(Path configDir) {
        Campaigns campaigns = read(configDir);
        if (!campaigns.refused().isEmpty()) {
            throw campaigns.refused().get(0);
        }
        return campaigns.usable();
    }

    /**
     * One campaign file; null when it has no {@code contacts} section. The file is first checked against the
     * campaign schema (every object closed, every value typed): a mistake in these sections, or in the file as a
     * whole, stops here with its line:column and fix; the campaign sections are the campaigns flow's to report.
     */
    public static CampaignContacts load(Path configDir, Path file) {
        String name = file.getFileName().toString();
        String key = name.substring(0, name.lastIndexOf('.'));
        CampaignSchema.Checked checked = CampaignSchema.read(file);
        Errors errors = new Errors(file, checked.root());
        checked.findings().stream().filter(ContactConfig::ours).forEach(errors::add);
        errors.throwIfAny();
        JsonNode root = checked.root();
        JsonNode contacts = root.get("contacts");
        if (contacts == null) {
            return null;
        }
        ContactListSpec list = ContactListConfig.read(root.get("contactList"), errors);
        MappingSpec mapping = mapping(configDir, contacts, list, errors);
        errors.throwIfAny();
        return new CampaignContacts(key, file, list, mapping, addFlags(contacts.path("upsert")));
    }

    /** The findings this reader answers for: its two sections, the file as a whole and its top-level keys. */
    private static boolean ours(CampaignSchema.Finding finding) {
        return finding.in("contacts") || finding.in("contactList") || !finding.key().matches(".*[.\\[].*");
    }

    private static MappingSpec mapping(Path configDir, JsonNode node, ContactListSpec list, Errors errors) {
        List<FieldSpec> fields = new ArrayList<>();
        JsonNode fieldNodes = node.get("fields");
        if (fieldNodes == null || !fieldNodes.isArray() || fieldNodes.isEmpty()) {
            errors.add("contacts.fields", "is missing", "map each CRM column: [{from: phone, type: phone}, ...]");
        } else {
            Set<String> targets = new HashSet<>();
            for (int i = 0; i < fieldNodes.size(); i++) {
                JsonNode field = fieldNodes.get(i);
                String at = "contacts.fields[" + i + "]";
                String from = text(field, "from", at + ".from", errors, true);
                String to = field.hasNonNull("to") ? field.get("to").asText() : from;
                if (!list.columns().contains(to)) {
                    errors.add(at + ".to", "names " + to + ", which is not a column of the contact list",
                            "use one of " + list.columns());
                }
                if (!targets.add(to)) {
                    errors.add(at + ".to", "maps a second CRM column onto " + to, "map each list column once");
                }
                FieldType type = FieldType.TEXT;
                if (field.hasNonNull("type")) {
                    try {
                        type = FieldType.valueOf(field.get("type").asText().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        errors.add(at + ".type", "is " + field.get("type").asText(),
                                "use text, phone, email, boolean or number");
                    }
                }
                boolean phoneColumn = list.phoneColumns().stream().anyMatch(p -> p.column().equals(to));
                if (phoneColumn != (type == FieldType.PHONE)) {
                    errors.add(at + ".type", phoneColumn ? "is not phone, but " + to + " is a phone column"
                            : "is phone, but " + to + " is not a phone column of the list",
                            "make the list's phoneColumns and the fields of type phone the same");
                }
                fields.add(new FieldSpec(from, to, type, field.path("required").asBoolean(false)));
            }
        }
        List<String> mapped = fields.stream().map(FieldSpec::column).toList();
        List<String> identity = node.has("identity") ? strings(node.get("identity"), "contacts.identity", errors)
                : List.of("externalId");
        for (String column : identity) {
            if (!mapped.contains(column)) {
                errors.add("contacts.identity", "names " + column + ", which no field maps",
                        "name mapped list columns, e.g. [externalId]");
            }
        }
        String region = node.path("defaultRegion").asText("US").toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            errors.add("contacts.defaultRegion", "is " + region, "use an ISO 3166 region code such as US, GB, DE");
        }
        String consent = booleanColumn(node, "consentColumn", fields, errors);
        String doNotCall = booleanColumn(node, "doNotCallColumn", fields, errors);
        // the safe side: a declared consent column is required unless the file says requireConsent: false
        boolean requireConsent = node.has("requireConsent") ? node.get("requireConsent").asBoolean() : consent != null;
        if (requireConsent && consent == null) {
            errors.add("contacts.requireConsent", "is true but no consentColumn is set",
                    "set consentColumn to the boolean column holding consent");
        }
        Set<String> trueSpellings = spellings(node.path("booleans").get("true"), MappingSpec.DEFAULT_TRUE,
                "contacts.booleans.true", errors);
        Set<String> falseSpellings = spellings(node.path("booleans").get("false"), MappingSpec.DEFAULT_FALSE,
                "contacts.booleans.false", errors);
        for (String spelling : trueSpellings) {
            if (falseSpellings.contains(spelling)) {
                errors.add("contacts.booleans", "reads " + spelling + " as both true and false",
                        "give each spelling one meaning");
            }
        }
        Path dnc = null;
        if (node.hasNonNull("dncFile")) {
            dnc = configDir.resolve(node.get("dncFile").asText()).normalize();
            if (!Files.isRegularFile(dnc)) {
                errors.add("contacts.dncFile", "names " + dnc + ", which does not exist",
                        "point it at a file with one phone number a line, relative to the config folder");
            }
        }
        char delimiter = 0;
        String configured = node.path("csvDelimiter").asText("auto");
        switch (configured) {
            case "auto" -> delimiter = 0;
            case ",", ";" -> delimiter = configured.charAt(0);
            default -> errors.add("contacts.csvDelimiter", "is '" + configured + "'", "use auto, ',' or ';'");
        }
        return new MappingSpec(List.copyOf(fields), List.copyOf(identity), region, consent, requireConsent,
                doNotCall, trueSpellings, falseSpellings, node.path("trim").asBoolean(true), dnc, delimiter);
    }

    /** {@code contacts.upsert} (its types checked by the schema): each flag left out takes its safe default. */
    static AddFlags addFlags(JsonNode upsert) {
        return new AddFlags(upsert.path("priority").asBoolean(AddFlags.UPSERT.priority()),
                upsert.path("clearSystemData").asBoolean(AddFlags.UPSERT.clearSystemData()),
                upsert.path("doNotQueue").asBoolean(AddFlags.UPSERT.doNotQueue()));
    }

    private static String booleanColumn(JsonNode node, String key, List<FieldSpec> fields, Errors errors) {
        if (!node.hasNonNull(key)) {
            return null;
        }
        String column = node.get(key).asText();
        boolean ok = fields.stream().anyMatch(f -> f.column().equals(column) && f.type() == FieldType.BOOLEAN);
        if (!ok) {
            errors.add("contacts." + key, "names " + column + ", which no boolean field maps",
                    "map it with type: boolean");
        }
        return column;
    }

    private static Set<String> spellings(JsonNode node, Set<String> fallback, String key, Errors errors) {
        if (node == null || !node.isArray()) {
            return fallback;
        }
        Set<String> values = new HashSet<>();
        for (JsonNode value : node) {
            if (value.isBoolean()) {
                // YAML reads an unquoted yes, no, y, n, on, off, true, false as a boolean, not as the spelling
                errors.add(key, "holds an unquoted " + value.asText(), "quote every spelling, e.g. ['yes', 'y']");
            }
            values.add(value.asText().trim().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(values);
    }

    static String text(JsonNode node, String field, String key, Errors errors, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                errors.add(key, "is missing", "set it");
            }
            return null;
        }
        return value.asText().trim();
    }

    static List<String> strings(JsonNode node, String key, Errors errors) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (!node.isArray()) {
            errors.add(key, "is not a list", "write it as [a, b, c]");
            return values;
        }
        node.forEach(v -> values.add(v.asText().trim()));
        return values;
    }

    /** Collects every mistake of a file, each at its line:column, so one start-up names them all. */
    static final class Errors {
        private final Path file;
        private final JsonNode root;
        private final List<CampaignSchema.Finding> findings = new ArrayList<>();

        Errors(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        void add(CampaignSchema.Finding finding) {
            findings.add(finding);
        }

        /** A mistake at a key of the file: reported at the key's node, or the nearest one that is there. */
        void add(String key, String problem, String fix) {
            JsonNode at = CampaignSchema.locate(root, key);
            findings.add(new CampaignSchema.Finding(CampaignSchema.line(at), CampaignSchema.column(at), key, problem,
                    fix));
        }

        void throwIfAny() {
            if (!findings.isEmpty()) {
                throw new CampaignFileException(file, findings);
            }
        }
    }
}
