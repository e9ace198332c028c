package io.outboundsync.sandbox;

import io.outboundsync.filters.FilterEvaluator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a campaign would dial now, as the real dialer decides it: the contacts of its list that are callable, that
 * its contact list filters admit, and that have a number in one of its phone columns that none of its DNC lists
 * holds. {@code GET /sandbox/campaigns/{campaignId}/dialable} answers with those contacts (and the number that
 * would be dialed) and how many were left out for each reason, so tests can show that nobody is dialed against a
 * withdrawal.
 */
final class Dialer {

    private final Org org;

    Dialer(Org org) {
        this.org = org;
    }

    void register(Router router) {
        router.add("GET", "/sandbox/campaigns/{campaignId}/dialable", this::dialable);
    }

    private Reply dialable(Call call) {
        ObjectNode campaign;
        ObjectNode list;
        List<Predicate<Function<String, String>>> filters = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        List<String> phoneColumns = new ArrayList<>();
        synchronized (org) {
            campaign = org.campaigns.get(call.param("campaignId"));
            list = org.contactLists.get(campaign.path("contactList").path("id").asText());
            List<String> columns = DialerConfigApi.columns(list);
            for (JsonNode ref : campaign.path("contactListFilters")) {
                filters.add(FilterEvaluator.compile(org.filters.get(ref.path("id").asText()), columns, org.clock));
            }
            for (JsonNode ref : campaign.path("dncLists")) {
                blocked.addAll(org.dncNumbers.getOrDefault(ref.path("id").asText(), Set.of()));
            }
            campaign.path("phoneColumns").forEach(p -> phoneColumns.add(p.path("columnName").asText()));
        }
        ContactData data = org.contacts.get(list.get("id").asText());
        List<ContactData.Contact> contacts = data == null ? List.of() : data.snapshot();
        ObjectNode out = Json.object();
        out.put("campaignId", campaign.get("id").asText());
        ArrayNode dialable = out.putArray("contacts");
        long uncallable = 0;
        long filtered = 0;
        long onDnc = 0;
        for (ContactData.Contact contact : contacts) {
            if (!contact.callable()) {
                uncallable++;
                continue;
            }
            Function<String, String> values = data.lookup(contact);
            if (!filters.stream().allMatch(f -> f.test(values))) {
                filtered++;
                continue;
            }
            String number = null;
            String column = null;
            for (String phone : phoneColumns) {
                String value = values.apply(phone);
                if (value != null && !value.isEmpty() && !blocked.contains(value)) {
                    number = value;
                    column = phone;
                    break;
                }
            }
            if (number == null) {
                onDnc++;
                continue;
            }
            ObjectNode entry = dialable.addObject();
            entry.put("id", contact.id());
            entry.put("phoneColumn", column);
            entry.put("phoneNumber", number);
        }
        ObjectNode skipped = out.putObject("skipped");
        skipped.put("uncallable", uncallable);
        skipped.put("filtered", filtered);
        skipped.put("dnc", onDnc);
        return Reply.ok(out);
    }
}
