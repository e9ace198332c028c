package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One collection of versioned configuration objects (contact lists, filters, rule sets, campaigns…) with the
 * service's bookkeeping: server-assigned {@code id}, {@code version} starting at 1 and checked on every update
 * (stale: 409), {@code dateCreated}/{@code dateModified}, {@code selfUri}, unique names, and paged listings.
 * Not thread-safe on its own: {@link Org} serialises access.
 */
final class Entities {

    final String type;
    final String basePath;
    private final Clock clock;
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

    Entities(String type, String basePath, Clock clock) {
        this.type = type;
        this.basePath = basePath;
        this.clock = clock;
    }

    ObjectNode find(String id) {
        return byId.get(id);
    }

    ObjectNode get(String id) {
        ObjectNode found = byId.get(id);
        if (found == null) {
            throw ApiError.notFound(type, id);
        }
        return found;
    }

    Collection<ObjectNode> all() {
        return byId.values();
    }

    ObjectNode findByName(String name) {
        for (ObjectNode entity : byId.values()) {
            if (name.equalsIgnoreCase(entity.path("name").asText())) {
                return entity;
            }
        }
        return null;
    }

    /** Stores a validated new object under a fresh id, version 1. */
    ObjectNode create(ObjectNode body) {
        String name = Json.text(body, "name");
        if (name != null && findByName(name) != null) {
            throw ApiError.badRequest("A " + type + " named '" + name + "' already exists; names are unique.");
        }
        ObjectNode stored = body.deepCopy();
        String id = UUID.randomUUID().toString();
        String now = now();
        stored.put("id", id);
        stored.put("dateCreated", now);
        stored.put("dateModified", now);
        stored.put("version", 1);
        stored.put("selfUri", basePath + "/" + id);
        byId.put(id, stored);
        return stored;
    }

    /** Stores a seeded object under a given id (org objects the emulator starts with). */
    ObjectNode seed(String id, ObjectNode body) {
        ObjectNode stored = body.deepCopy();
        stored.put("id", id);
        stored.put("selfUri", basePath + "/" + id);
        byId.put(id, stored);
        return stored;
    }

    /** The version an update must carry: present and equal to the stored one (missing: 400, stale: 409). */
    void checkVersion(ObjectNode existing, JsonNode body) {
        JsonNode sent = body.get("version");
        if (sent == null || sent.isNull()) {
            throw ApiError.badRequest("Field 'version' is required for updates of " + type + " "
                    + existing.get("id").asText() + ".");
        }
        if (!sent.canConvertToLong()) {
            throw ApiError.badRequest("Field 'version' must be a whole number.");
        }
        long current = existing.get("version").asLong();
        if (sent.asLong() != current) {
            throw ApiError.versionConflict(type, existing.get("id").asText(), sent.asLong(), current);
        }
    }

    /** Replaces a stored object with a validated body whose version was checked; the version goes up by one. */
    ObjectNode replace(ObjectNode existing, ObjectNode body) {
        String id = existing.get("id").asText();
        String name = Json.text(body, "name");
        if (name != null) {
            ObjectNode sameName = findByName(name);
            if (sameName != null && !sameName.get("id").asText().equals(id)) {
                throw ApiError.badRequest("A " + type + " named '" + name + "' already exists; names are unique.");
            }
        }
        ObjectNode stored = body.deepCopy();
        stored.put("id", id);
        stored.set("dateCreated", existing.get("dateCreated"));
        stored.put("dateModified", now());
        stored.put("version", existing.get("version").asLong() + 1);
        stored.put("selfUri", basePath + "/" + id);
        byId.put(id, stored);
        return stored;
    }

    ObjectNode delete(String id) {
        ObjectNode removed = byId.remove(id);
        if (removed == null) {
            throw ApiError.notFound(type, id);
        }
        return removed;
    }

    /**
     * A page of the collection as the service lists it: {@code name} matched as {@code filterType} says
     * ({@code Prefix} unless given: the SDK's "filterType Filter type (optional, default to Prefix)"; skills "start
     * with this value"), case-insensitive, a leading or trailing {@code *} as a wildcard; {@code id} (repeated),
     * {@code contactListId}, {@code pageSize} ("The max that will be returned is 100": more asks for 100),
     * {@code pageNumber}, {@code sortBy}/{@code sortOrder}, then {@code entities}, {@code pageSize},
     * {@code pageNumber}, {@code total}, {@code pageCount} and the page URIs.
     */
    ObjectNode listing(Call call, Function<ObjectNode, ObjectNode> view) {
        int pageSize = Math.min(call.queryInt("pageSize", 25, 1, Integer.MAX_VALUE), 100);
        int pageNumber = call.queryInt("pageNumber", 1, 1, Integer.MAX_VALUE);
        String name = call.query("name");
        String filterType = filterType(call.query("filterType"));
        List<String> ids = call.queryList("id");
        String contactListId = call.query("contactListId");
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode entity : byId.values()) {
            if (name != null && !nameMatches(entity.path("name").asText(), name, filterType)) {
                continue;
            }
            if (!ids.isEmpty() && !ids.contains(entity.get("id").asText())) {
                continue;
            }
            if (contactListId != null && !contactListId.equals(entity.path("contactList").path("id").asText())) {
                continue;
            }
            matches.add(entity);
        }
        String sortBy = call.query("sortBy");
        if (sortBy != null) {
            Comparator<ObjectNode> order = Comparator.comparing(e -> e.path(sortBy).asText().toLowerCase(Locale.ROOT));
            String sortOrder = call.query("sortOrder");
            if (sortOrder != null && sortOrder.toLowerCase(Locale.ROOT).startsWith("desc")) {
                order = order.reversed();
            }
            matches.sort(order);
        }
        return page(basePath, matches, pageSize, pageNumber, view);
    }

    static ObjectNode page(String basePath, List<ObjectNode> matches, int pageSize, int pageNumber,
            Function<ObjectNode, ObjectNode> view) {
        int total = matches.size();
        int pageCount = (total + pageSize - 1) / pageSize;
        ObjectNode listing = Json.object();
        ArrayNode entities = listing.putArray("entities");
        int from = (pageNumber - 1) * pageSize;
        for (int i = from; i < Math.min(total, from + pageSize); i++) {
            entities.add(view.apply(matches.get(i)));
        }
        listing.put("pageSize", pageSize);
        listing.put("pageNumber", pageNumber);
        listing.put("total", total);
        listing.put("pageCount", pageCount);
        listing.put("firstUri", basePath + "?pageSize=" + pageSize + "&pageNumber=1");
        listing.put("selfUri", basePath + "?pageSize=" + pageSize + "&pageNumber=" + pageNumber);
        if (pageCount > 0) {
            listing.put("lastUri", basePath + "?pageSize=" + pageSize + "&pageNumber=" + pageCount);
        }
        if (pageNumber < pageCount) {
            listing.put("nextUri", basePath + "?pageSize=" + pageSize + "&pageNumber=" + (pageNumber + 1));
        }
        if (pageNumber > 1) {
            listing.put("previousUri", basePath + "?pageSize=" + pageSize + "&pageNumber=" + (pageNumber - 1));
        }
        return listing;
    }

    /** The filter types of the outbound listings (SDK, e.g. {@code GetOutboundContactlistsRequest.filterTypeValues}). */
    static final List<String> FILTER_TYPES = List.of("Equals", "RegEx", "Contains", "Prefix", "LessThan",
            "LessThanEqualTo", "GreaterThan", "GreaterThanEqualTo", "BeginsWith", "EndsWith");

    private static String filterType(String given) {
        if (given == null) {
            return "Prefix";
        }
        for (String type : FILTER_TYPES) {
            if (type.equalsIgnoreCase(given)) {
                return type;
            }
        }
        throw ApiError.badRequest("Query parameter 'filterType' must be one of " + String.join(", ", FILTER_TYPES)
                + ", not '" + given + "'.");
    }

    static boolean nameMatches(String name, String query, String filterType) {
        String n = name.toLowerCase(Locale.ROOT);
        String q = query.toLowerCase(Locale.ROOT);
        if (q.length() > 1 && q.startsWith("*") && q.endsWith("*")) {
            return n.contains(q.substring(1, q.length() - 1));
        }
        if (q.endsWith("*")) {
            return n.startsWith(q.substring(0, q.length() - 1));
        }
        if (q.startsWith("*")) {
            return n.endsWith(q.substring(1));
        }
        return switch (filterType) {
            case "Equals" -> n.equals(q);
            case "Contains" -> n.contains(q);
            case "EndsWith" -> n.endsWith(q);
            case "RegEx" -> java.util.regex.Pattern.compile(query, java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(name).find();
            case "LessThan" -> n.compareTo(q) < 0;
            case "LessThanEqualTo" -> n.compareTo(q) <= 0;
            case "GreaterThan" -> n.compareTo(q) > 0;
            case "GreaterThanEqualTo" -> n.compareTo(q) >= 0;
            default -> n.startsWith(q);
        };
    }

    String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
