package io.outboundsync.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.genesys.GenesysClient;
import io.outboundsync.genesys.model.AuditQueryFilter;
import io.outboundsync.genesys.model.AuditQueryRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The change history of rules, filters, schedules and calling hours for a date range, for a compliance review:
 * what this project applied or found drifted (from the audit files), and, when a live org is reached, what
 * Genesys' own audit trail recorded ({@code POST /api/v2/audits/query}, read to the last page).
 */
public final class ComplianceExport {

    /** Our object kinds and the {@code entityType} Genesys audits them under. */
    static final Map<String, String> ENTITY_TYPES = Map.of("ruleSet", "RuleSet", "contactListFilter",
            "ContactListFilter", "schedule", "CampaignSchedule", "callableTimeSet", "CallableTimeSet");
    private static final Set<String> TYPES = Set.of("campaign.change", "campaign.drift");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComplianceExport() {
    }

    /** The export; {@code genesys} null when no live org is reached (the note says why). */
    public static ObjectNode export(Path auditDir, LocalDate from, LocalDate to, GenesysClient genesys,
            String note) {
        ObjectNode export = JSON.createObjectNode();
        export.put("from", from.toString());
        export.put("to", to.toString());
        export.set("changes", ourChanges(auditDir, from, to));
        if (genesys != null) {
            export.set("genesysAudits", genesysAudits(genesys, from, to));
        } else {
            export.putArray("genesysAudits");
            export.put("genesysAuditsNote", note);
        }
        return export;
    }

    /** The audit records of applied or drifted rules, filters, schedules and calling hours in the date range. */
    static ArrayNode ourChanges(Path auditDir, LocalDate from, LocalDate to) {
        ArrayNode changes = JSON.createArrayNode();
        if (!Files.isDirectory(auditDir)) {
            return changes;
        }
        try (Stream<Path> files = Files.list(auditDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("audit-\\d{4}-\\d{2}-\\d{2}\\.jsonl"))
                    .sorted().toList()) {
                LocalDate day = LocalDate.parse(file.getFileName().toString().substring(6, 16));
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    JsonNode record = JSON.readTree(line);
                    String subject = record.path("subject").asText();
                    String kind = subject.substring(subject.lastIndexOf('/') + 1);
                    if (TYPES.contains(record.path("type").asText()) && ENTITY_TYPES.containsKey(kind)) {
                        changes.add(record);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit files in " + auditDir + " cannot be read", e);
        }
        return changes;
    }

    /** Genesys' audit messages for the four entity types in the range, every page. */
    static ArrayNode genesysAudits(GenesysClient genesys, LocalDate from, LocalDate to) {
        ArrayNode audits = JSON.createArrayNode();
        String interval = from.atStartOfDay(ZoneOffset.UTC).toInstant() + "/"
                + to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (String entityType : ENTITY_TYPES.values().stream().sorted().toList()) {
            JsonNode execution = genesys.post("/api/v2/audits/query", new AuditQueryRequest(interval, "Outbound",
                    List.of(new AuditQueryFilter("EntityType", entityType))));
            String id = execution.get("id").asText();
            JsonNode status = execution;
            for (int polls = 0; !"Succeeded".equals(status.path("state").asText()); polls++) {
                if ("Failed".equals(status.path("state").asText()) || polls > 60) {
                    throw new IllegalStateException("Genesys' audit query " + id + " for " + entityType + " did not"
                            + " succeed (state " + status.path("state").asText() + ")");
                }
                sleep();
                status = genesys.get("/api/v2/audits/query/" + id);
            }
            String cursor = null;
            do {
                Map<String, Object> query = new HashMap<>(Map.of("pageSize", 500));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                JsonNode page = genesys.get("/api/v2/audits/query/" + id + "/results", query);
                page.path("entities").forEach(audits::add);
                cursor = page.path("cursor").asText(null);
            } while (cursor != null);
        }
        return audits;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Genesys' audit query", e);
        }
    }
}
