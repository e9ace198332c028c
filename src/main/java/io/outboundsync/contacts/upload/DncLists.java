package io.outboundsync.contacts.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.genesys.GenesysClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The internal ({@code rds}) DNC lists numbers go on: found by the id the ledger recorded (else by name the first
 * time), created on first use, and appended to with
 * {@code POST /api/v2/outbound/dnclists/{id}/phonenumbers} in requests of at most {@link #PER_REQUEST} numbers.
 * A list of that name that is not internal is an error: only internal lists take numbers.
 */
public final class DncLists {

    static final String PATH = "/api/v2/outbound/dnclists";
    static final int PER_REQUEST = 1000;

    public static final String KIND = "dncList";

    private final GenesysClient genesys;
    private final java.util.function.Supplier<Ledger> ledgers;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    public DncLists(GenesysClient genesys, java.util.function.Supplier<Ledger> ledgers) {
        this.genesys = genesys;
        this.ledgers = ledgers;
    }

    /** The id of the list's DNC list; created when there is none, and recorded. */
    public String resolve(ContactListSpec list) {
        return resolved.computeIfAbsent(list.dncList(), name -> {
            String id = find(name, list);
            ledgers.get().recordObject(KIND, name, id);
            return id;
        });
    }

    private String find(String name, ContactListSpec list) {
        String recorded = ledgers.get().objectId(KIND, name);
        JsonNode found = recorded == null ? null : genesys.getOrNull(PATH + "/" + recorded);
        if (found == null) {
            found = genesys.findByName(PATH, name);
        }
        if (found == null) {
            try {
                return genesys.create(PATH, name, list.dncListToGenesys()).get("id").asText();
            } catch (io.outboundsync.genesys.GenesysApiException e) {
                // a campaign sync (or another process) made it a moment ago: Genesys refuses a second of the name
                found = e.status() == 400 ? genesys.findByName(PATH, name) : null;
                if (found == null) {
                    throw e;
                }
            }
        }
        if (!"rds".equals(found.path("dncSourceType").asText())) {
            throw new IllegalStateException("the DNC list '" + name + "' (" + found.get("id").asText() + ") is of"
                    + " type " + found.path("dncSourceType").asText() + ", not an internal (rds) list, and cannot"
                    + " take numbers; name another list in contactList.dncList");
        }
        return found.get("id").asText();
    }

    /** Puts numbers (E.164) on a DNC list. */
    public void add(String dncListId, Collection<String> numbers) {
        List<String> all = new ArrayList<>(numbers);
        for (int from = 0; from < all.size(); from += PER_REQUEST) {
            List<String> part = all.subList(from, Math.min(all.size(), from + PER_REQUEST));
            genesys.postIgnoringAnswer(PATH + "/" + dncListId + "/phonenumbers", part);
        }
    }
}
