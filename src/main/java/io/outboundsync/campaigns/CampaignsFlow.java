package io.outboundsync.campaigns;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.DropProcessor;
import io.outboundsync.notify.AuditLog;
import io.outboundsync.runtime.Details;
import io.outboundsync.state.CampaignStates;
import io.outboundsync.state.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaigns flow: reads every campaign file, and plans or applies each. A file with mistakes stops that
 * campaign only (reported with its lines and audited); the others go on. The routes call {@link #onSchedule} (Quartz)
 * and, for a command file the {@code campaigns-commands} route read and dispatched by its action, {@link #sync} or
 * {@link #stateChange}, then {@link #done}; {@code run} applies at start-up, {@code once} once, and {@code plan}
 * only plans.
 */
public final class CampaignsFlow {

    /** Every campaign's plan or apply, and the files that could not be read. */
    public record Outcome(List<CampaignSync.Report> reports, List<CampaignConfigException> invalid) {
        public boolean pending() {
            return reports.stream().anyMatch(CampaignSync.Report::pending);
        }

        public boolean failed() {
            return reports.stream().anyMatch(r -> r.error() != null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignsFlow.class);

    private final Map<String, CampaignContacts> contacts;
    private final CampaignFiles files;
    private final CampaignSync sync;
    private final AuditLog audit;
    private final Path dataDir;
    private CampaignStates states;

    public CampaignsFlow(Map<String, CampaignContacts> contacts, CampaignFiles files, CampaignSync sync,
            AuditLog audit, Path dataDir) {
        this.contacts = contacts;
        this.files = files;
        this.sync = sync;
        this.audit = audit;
        this.dataDir = dataDir;
    }

    /** The state machine that command files with activate, pause or complete go to. */
    public void attach(CampaignStates states) {
        this.states = states;
    }

    /**
     * One campaign's checked file, for the state machine.
     *
     * @throws CampaignConfigException when it has mistakes
     * @throws IllegalArgumentException when there is no such campaign
     */
    public CampaignSpec spec(String key) {
        CampaignContacts campaign = contacts.get(key);
        CampaignSpec spec = campaign == null ? null : files.load(campaign);
        if (spec == null) {
            throw new IllegalArgumentException("there is no campaign '" + key + "' with a campaign section in"
                    + " config/campaigns/ (known: " + contacts.keySet() + ")");
        }
        return spec;
    }

    /** The checked files with a campaign section; those with mistakes are left out (plan reports them). */
    public List<CampaignSpec> validSpecs() {
        List<CampaignConfigException> invalid = new ArrayList<>();
        List<CampaignSpec> specs = List.copyOf(load(null, invalid).values());
        invalid.forEach(e -> LOG.warn("Campaign file {} has mistakes; its scheduled transitions are not set up: {}",
                e.file().getFileName(), e.getMessage()));
        return specs;
    }

    /** Plans every campaign; changes nothing. */
    public Outcome planAll() {
        return each(null, false, "plan");
    }

    /** Applies every campaign. */
    public Outcome applyAll(String trigger) {
        return each(null, true, trigger);
    }

    /** Applies one campaign (by key). */
    public Outcome apply(String key, String trigger) {
        return each(key, true, trigger);
    }

    private Outcome each(String only, boolean write, String trigger) {
        List<CampaignSync.Report> reports = new ArrayList<>();
        List<CampaignConfigException> invalid = new ArrayList<>();
        Map<String, CampaignSpec> specs = load(only, invalid);
        for (CampaignConfigException e : invalid) {
            LOG.error("Campaign file {} is not synced: {}", e.file().getFileName(), e.getMessage());
            String key = e.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
            audit.append("campaign.config", trigger, key, "invalid", Details.of("file",
                    e.file().toString(), "problems", e.problems().stream().map(Object::toString).toList()));
        }
        for (Map.Entry<String, CampaignSpec> loaded : specs.entrySet()) {
            CampaignSpec spec = loaded.getValue();
            spec.warnings().forEach(w -> LOG.warn("Campaign {}: {}", spec.key(), w));
            CampaignSync.Report report = write ? sync.apply(spec, trigger) : sync.plan(spec);
            if (write) {
                log(report);
            }
            reports.add(report);
        }
        return new Outcome(reports, invalid);
    }

    /** The campaign files with a campaign section, read and checked; a broken one goes to {@code invalid}. */
    private Map<String, CampaignSpec> load(String only, List<CampaignConfigException> invalid) {
        Map<String, CampaignSpec> specs = new LinkedHashMap<>();
        for (CampaignContacts campaign : contacts.values()) {
            if (only != null && !only.equals(campaign.key())) {
                continue;
            }
            try {
                CampaignSpec spec = files.load(campaign);
                if (spec != null) {
                    specs.put(campaign.key(), spec);
                }
            } catch (CampaignConfigException e) {
                invalid.add(e);
            }
        }
        if (only != null && specs.isEmpty() && invalid.isEmpty()) {
            throw new IllegalArgumentException("there is no campaign '" + only + "' with a campaign section in"
                    + " config/campaigns/ (known: " + contacts.keySet() + ")");
        }
        return specs;
    }

    private static void log(CampaignSync.Report report) {
        long applied = report.changes().stream().filter(c -> Boolean.TRUE.equals(c.applied())).count();
        if (report.error() != null) {
            LOG.error("Campaign {}: stopped after {} change(s): {}", report.campaign(), applied, report.error());
        } else {
            LOG.info("Campaign {}: {} change(s) applied{}", report.campaign(), applied, report.changes().stream()
                    .filter(c -> Boolean.FALSE.equals(c.applied())).findAny().isPresent()
                    ? "; drift left in place (campaigns.drift=report)" : "");
        }
    }

    /** Quartz: the scheduled sync of every campaign. */
    public void onSchedule() {
        applyAll("schedule");
    }

    /** A {@code sync} command: applies the campaign's file; why it did not apply, or null. */
    public String sync(Command command) {
        Outcome outcome = apply(command.campaign(), "command");
        return outcome.invalid().isEmpty() ? outcome.reports().stream().map(CampaignSync.Report::error)
                .filter(e -> e != null).findFirst().orElse(null) : outcome.invalid().get(0).getMessage();
    }

    /** An activate, pause or complete command (archive is refused by the state machine); why not applied, or null. */
    public String stateChange(Command command, String file) throws IOException {
        Path path = Path.of(file);
        Instant requestedAt = command.requestedAt() != null ? Instant.parse(command.requestedAt())
                : Files.getLastModifiedTime(path).toInstant();
        CampaignStates.Result result = states.request(new CampaignStates.Request(command.campaign(),
                Matrix.Action.parse(command.action()), command.reason(), command.requestedBy() != null
                        ? command.requestedBy() : "command file " + path.getFileName(), requestedAt,
                command.override()));
        return switch (result.outcome()) {
            case APPLIED, NO_CHANGE -> null;
            default -> result.outcome() + ": " + result.message();
        };
    }

    /**
     * A command file done: to {@code processed/commands/}, or, refused or failed, to {@code failed/} beside a
     * reason file.
     *
     * @param why null when carried out
     */
    public void done(String file, String why) {
        move(Path.of(file), why);
    }

    /** Quartz: a state change declared in a campaign file's {@code transitions}. */
    public void onTransition(String campaign, int index) {
        CampaignSpec.Transition transition = spec(campaign).transitions().get(index);
        states.request(new CampaignStates.Request(campaign,
                Matrix.Action.parse(transition.action()), transition.reason(),
                "schedule (" + transition.cron() + ")", Instant.now(), null));
    }

    private void move(Path file, String why) {
        try {
            Path moved = DropProcessor.move(file, dataDir.resolve(why == null ? "processed/commands" : "failed"));
            if (why != null) {
                Files.writeString(moved.resolveSibling(moved.getFileName() + ".error.txt"), "The command "
                        + file.getFileName() + " was not carried out: " + why + "\n", StandardCharsets.UTF_8);
                LOG.warn("Command {} not carried out: {}", file.getFileName(), why);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.error("Command file {} could not be moved: {}", file, e.getMessage());
        }
    }
}
