package io.outboundsync.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.genesys.GenesysClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a campaign's contact list in Genesys by name, or creates it on first use. A list whose columns differ from
 * the configuration is an error that says what differs: Genesys cannot change a list's columns once it exists.
 */
public final class ContactListResolver {

    private static final String LISTS = "/api/v2/outbound/contactlists";

    private final GenesysClient genesys;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    public ContactListResolver(GenesysClient genesys) {
        this.genesys = genesys;
    }

    /** The id of the configured list, or null when no list of that name exists (a plan creates nothing). */
    public String find(ContactListSpec spec) throws DropException {
        JsonNode found = genesys.findByName(LISTS, spec.name());
        if (found != null) {
            checkColumns(spec, found);
        }
        return found == null ? null : found.get("id").asText();
    }

    /** The list's id; creates the list when no list of that name exists. */
    public String resolve(ContactListSpec spec) throws DropException {
        String cached = resolved.get(spec.name());
        if (cached != null) {
            return cached;
        }
        JsonNode found = genesys.findByName(LISTS, spec.name());
        String id;
        if (found == null) {
            id = genesys.post(LISTS, spec.toGenesys()).get("id").asText();
        } else {
            checkColumns(spec, found);
            id = found.get("id").asText();
        }
        resolved.put(spec.name(), id);
        return id;
    }

    private static void checkColumns(ContactListSpec spec, JsonNode found) throws DropException {
        List<String> differences = differences(spec, found);
        if (!differences.isEmpty()) {
            throw new DropException("the contact list '" + spec.name() + "' (" + found.get("id").asText()
                    + ") exists in Genesys with other columns than the configuration: "
                    + String.join("; ", differences) + ". Genesys cannot change the columns of a list; rename the"
                    + " list in the campaign file (a new list is then created) or align contactList.columns");
        }
    }

    static List<String> differences(ContactListSpec spec, JsonNode live) {
        List<String> differences = new ArrayList<>();
        Set<String> wanted = new HashSet<>(spec.columns());
        Set<String> actual = new HashSet<>();
        live.path("columnNames").forEach(c -> actual.add(c.asText()));
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(actual);
        Set<String> extra = new HashSet<>(actual);
        extra.removeAll(wanted);
        if (!missing.isEmpty()) {
            differences.add("configured but not in the list: " + String.join(", ", new java.util.TreeSet<>(missing)));
        }
        if (!extra.isEmpty()) {
            differences.add("in the list but not configured: " + String.join(", ", new java.util.TreeSet<>(extra)));
        }
        Set<String> wantedPhones = new HashSet<>();
        spec.phoneColumns().forEach(p -> wantedPhones.add(p.column() + " (" + p.type() + ")"));
        Set<String> actualPhones = new HashSet<>();
        live.path("phoneColumns").forEach(p -> actualPhones.add(p.path("columnName").asText() + " ("
                + p.path("type").asText() + ")"));
        if (!wantedPhones.equals(actualPhones)) {
            differences.add("phone columns configured " + new java.util.TreeSet<>(wantedPhones) + ", in the list "
                    + new java.util.TreeSet<>(actualPhones));
        }
        return differences;
    }
}
