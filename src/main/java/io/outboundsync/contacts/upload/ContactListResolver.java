package io.outboundsync.contacts.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.DropException;
import io.outboundsync.contacts.checks.ListRoom;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.genesys.GenesysApiException;
import io.outboundsync.genesys.GenesysClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds a campaign's contact list in Genesys, or creates it on first use. Once found or made, the list's id is
 * recorded in the org's ledger and the list is found by that id afterwards, whatever it is renamed to in Genesys;
 * the name only finds it the first time (or after it was deleted). A list whose columns differ from the
 * configuration is an error that says what differs: Genesys cannot change a list's columns once it exists.
 */
public final class ContactListResolver {

    public static final String KIND = "contactList";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContactListResolver.class);
    private static final String LISTS = "/api/v2/outbound/contactlists";

    /**
     * The configured list as Genesys has it.
     *
     * @param recorded whether it was found by the id the ledger recorded (made or adopted before), not by name
     */
    public record Found(String id, boolean recorded, JsonNode live) {
        public String liveName() {
            return live.path("name").asText();
        }
    }

    private final GenesysClient genesys;
    private final Supplier<Ledger> ledgers;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    /** @param ledgers the org's ledger, where list ids are recorded (may give null: then none is read or recorded) */
    public ContactListResolver(GenesysClient genesys, Supplier<Ledger> ledgers) {
        this.genesys = genesys;
        this.ledgers = ledgers;
    }

    /** The configured list: by its recorded id, else by name; null when there is none (a plan creates nothing). */
    public Found find(ContactListSpec spec) throws DropException {
        Ledger ledger = ledgers.get();
        String recorded = ledger == null ? null : ledger.objectId(KIND, spec.name());
        if (recorded != null) {
            JsonNode live = genesys.getOrNull(LISTS + "/" + recorded);
            if (live != null) {
                checkColumns(spec, live);
                return new Found(recorded, true, live);
            }
        }
        JsonNode found = genesys.findByName(LISTS, spec.name());
        if (found == null) {
            return null;
        }
        checkColumns(spec, found);
        return new Found(found.get("id").asText(), false, found);
    }

    /**
     * The list's id; creates the list when there is none, and records the id. One list at a time in this process
     * (a drop and a campaign sync may ask at once); a list another process made between the look-up and the
     * creation (Genesys refuses a second list of a name) is found and taken.
     */
    public synchronized String resolve(ContactListSpec spec) throws DropException {
        String cached = resolved.get(spec.name());
        if (cached != null) {
            return cached;
        }
        Found found = find(spec);
        String id = found != null ? found.id() : create(spec);
        if (found != null && !found.recorded()) {
            LOG.info("Adopted the contact list '{}' ({}): the org had it, Outbound Sync did not make it; its columns"
                    + " match the configuration, and it is found by this id from now on", spec.name(), id);
        }
        Ledger ledger = ledgers.get();
        if (ledger != null) {
            ledger.recordObject(KIND, spec.name(), id);
        }
        resolved.put(spec.name(), id);
        return id;
    }

    /**
     * How many new contacts the list and the org still take (Genesys' limits: 1,000,000 a list, 5,000,000 an org,
     * Resource Center "Create a new contact list"): the list's size and the org's total, read with
     * {@code includeSize=true} (the org's lists a page of 100 at a time) when the drop's first new contact needs room:
     * a drop that brings none asks nothing.
     */
    public ListRoom room(String listId, String listName, long perList, long perOrg) {
        return new ListRoom(listName, perList, perOrg, () -> held(listId));
    }

    /** What the list and the org hold now (the org's lists paged through). */
    private ListRoom.Held held(String listId) {
        long inList = genesys.get(LISTS + "/" + listId, Map.of("includeSize", true)).path("size").asLong();
        long inOrg = 0;
        int pages = 1;
        for (int page = 1; page <= pages; page++) {
            JsonNode listing = genesys.get(LISTS, Map.of("includeSize", true, "pageSize", 100, "pageNumber", page));
            for (JsonNode list : listing.path("entities")) {
                inOrg += list.path("size").asLong();
            }
            pages = Math.max(1, listing.path("pageCount").asInt(1));
        }
        return new ListRoom.Held(inList, inOrg);
    }

    /** Genesys' limit of contact lists an org has (Resource Center, "Create a new contact list"). */
    public static final int LISTS_PER_ORG = 1000;

    private int listsPerOrg = LISTS_PER_ORG;

    /** The most contact lists the org may have ({@code genesys.limits.contact-lists}; Genesys': 1000). */
    public ContactListResolver limitedTo(int lists) {
        this.listsPerOrg = lists;
        return this;
    }

    /**
     * Why the org cannot take another contact list (it has {@code listsPerOrg}: Genesys would refuse the
     * creation), or null; a plan says so before anything is created.
     */
    public String noRoomForAnotherList() {
        long lists = genesys.get(LISTS, Map.of("pageSize", 1)).path("total").asLong();
        if (lists < listsPerOrg) {
            return null;
        }
        return "the org has " + lists + " contact lists and Genesys allows at most " + listsPerOrg + " an org."
                + " Fix: delete contact lists Genesys no longer needs, or name an existing list in contactList.name";
    }

    /** Creates the list; when Genesys refuses it because a list of that name appeared meanwhile, that one's id. */
    private String create(ContactListSpec spec) throws DropException {
        try {
            JsonNode made = genesys.create(LISTS, spec.name(), spec.toGenesys());
            // a create whose answer was lost takes the list found by its name: its columns must be ours too
            checkColumns(spec, made);
            return made.get("id").asText();
        } catch (GenesysApiException e) {
            JsonNode appeared = e.status() == 400 ? genesys.findByName(LISTS, spec.name()) : null;
            if (appeared == null) {
                throw e;
            }
            checkColumns(spec, appeared);
            LOG.info("The contact list '{}' was made by another process at the same moment; its id {} is used",
                    spec.name(), appeared.get("id").asText());
            return appeared.get("id").asText();
        }
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
