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
 * What a campaign would dial now, as the real dialer decides it: the contacts of its list still in the dialing queue
 * (in queue order), that are callable, that its contact list filters admit, and that have a number in one of its
 * phone columns that none of its DNC lists holds. {@code GET /sandbox/campaigns/{campaignId}/dialable} answers with
 * those contacts (and the number that would be dialed) and how many were left out for each reason, so tests can show
 * that nobody is dialed against a withdrawal. {@code POST /sandbox/campaigns/{campaignId}/dial?count=N} dials the
 * first N of them (all without {@code count}): each gets an attempt and leaves the queue, so it is not dialed again
 * unless an add re-queues it ({@code doNotQueue=false}).
 */
final class Dialer {

    private final Org org;

    Dialer(Org org) {
        this.org = org;
    }

    void register(Router router) {
        router.add("GET", "/sandbox/campaigns/{campaignId}/dialable", call -> Reply.ok(look(call).answer()))
                .add("POST", "/sandbox/campaigns/{campaignId}/dial", this::dial);
    }

    /** One contact the dialer would take, and the number it would dial. */
    private record Next(ContactData.Contact contact, String column, String number) {
    }

    /** What the dialer sees: the campaign, its list's contacts, who would be dialed and who is left out. */
    private record Look(String campaignId, String status, boolean alwaysRunning, ContactData data,
            List<Next> dialable, long uncallable, long filtered, long onDnc, long dialed) {
        ObjectNode answer() {
            ObjectNode out = Json.object();
            out.put("campaignId", campaignId);
            out.put("campaignStatus", status);
            ArrayNode contacts = out.putArray("contacts");
            for (Next next : dialable) {
                ObjectNode entry = contacts.addObject();
                entry.put("id", next.contact().id());
                entry.put("phoneColumn", next.column());
                entry.put("phoneNumber", next.number());
                entry.put("attempts", next.contact().attempts());
            }
            ObjectNode skipped = out.putObject("skipped");
            skipped.put("uncallable", uncallable);
            skipped.put("filtered", filtered);
            skipped.put("dnc", onDnc);
            skipped.put("dialed", dialed);
            return out;
        }
    }

    /**
     * Dials: only a campaign that is on. When the dialer has taken the last contact of the queue, a campaign that
     * is not {@code alwaysRunning} completes ({@code campaignStatus: complete}), as Genesys completes a campaign whose
     * list is depleted; contacts added afterwards wait until someone starts it again. Source: the SDK's
     * {@code Campaign.alwaysRunning}, "Indicates (when true) that the campaign will remain on after contacts are
     * depleted, allowing additional contacts to be appended/added to the contact list and processed by the still-
     * running campaign."
     */
    private Reply dial(Call call) {
        Look look = look(call);
        int count = call.queryInt("count", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        if (!"on".equals(look.status())) {
            throw new ApiError(409, "campaign.not.on", "Campaign " + look.campaignId() + " is " + look.status()
                    + "; the dialer dials only a campaign that is on.");
        }
        ObjectNode out = Json.object();
        out.put("campaignId", look.campaignId());
        ArrayNode dialed = out.putArray("dialed");
        for (Next next : look.dialable().subList(0, Math.min(count, look.dialable().size()))) {
            ContactData.Contact contact = look.data().dialed(next.contact().id());
            ObjectNode entry = dialed.addObject();
            entry.put("id", contact.id());
            entry.put("phoneColumn", next.column());
            entry.put("phoneNumber", next.number());
            entry.put("attempts", contact.attempts());
        }
        if (count >= look.dialable().size() && !look.alwaysRunning()) {
            synchronized (org) {
                ObjectNode campaign = org.campaigns.get(look.campaignId());
                if ("on".equals(campaign.path("campaignStatus").asText())) {
                    campaign.put("campaignStatus", "complete");
                }
            }
        }
        out.put("campaignStatus", status(look.campaignId()));
        return Reply.ok(out);
    }

    private String status(String campaignId) {
        synchronized (org) {
            return org.campaigns.get(campaignId).path("campaignStatus").asText();
        }
    }

    private Look look(Call call) {
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
        List<ContactData.Contact> contacts = data == null ? new ArrayList<>() : data.snapshot();
        contacts.sort(java.util.Comparator.comparingLong(ContactData.Contact::queued));
        List<Next> dialable = new ArrayList<>();
        long uncallable = 0;
        long filtered = 0;
        long onDnc = 0;
        long dialed = 0;
        for (ContactData.Contact contact : contacts) {
            if (!contact.inQueue()) {
                dialed++;
                continue;
            }
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
            dialable.add(new Next(contact, column, number));
        }
        return new Look(campaign.get("id").asText(), campaign.path("campaignStatus").asText(),
                campaign.path("alwaysRunning").asBoolean(false), data, dialable, uncallable, filtered, onDnc, dialed);
    }
}
