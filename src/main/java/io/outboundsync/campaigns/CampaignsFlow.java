package io.outboundsync.campaigns;

import io.outboundsync.audit.AuditLog;
import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.support.Details;
import io.outboundsync.support.FileMoves;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaigns flow's steps: read every campaign file ({@link #files}), report a file with mistakes
 * ({@link #refuse}: that campaign only, logged and audited), plan or apply a checked one ({@link #sync}), and file a
 * command file when it is done ({@link #done}; state changes go to {@code state.StateRequests}). The order, the
 * split over the files and the dispatch by action are the routes' ({@code routes/campaigns.camel.yaml}): the schedule,
 * command files and the CLI ({@link #applyAll}, {@link #planAll}) all go through {@code direct:campaigns-sync}.
 */
public final class CampaignsFlow {

    /** Every campaign's plan or apply, and the files that could not be read. */
    public record Outcome(List<CampaignSync.Report> reports, List<CampaignConfigException> invalid) {
        static final Outcome NONE = new Outcome(List.of(), List.of());

        /** Two outcomes as one: the {@code campaigns-sync} route adds up its campaigns' outcomes so. */
        public static Outcome merge(Outcome first, Outcome next) {
            if (first == null) {
                return next;
            }
            List<CampaignSync.Report> reports = new ArrayList<>(first.reports());
            reports.addAll(next.reports());
            List<CampaignConfigException> invalid = new ArrayList<>(first.invalid());
            invalid.addAll(next.invalid());
            return new Outcome(List.copyOf(reports), List.copyOf(invalid));
        }

        public boolean pending() {
            return reports.stream().anyMatch(CampaignSync.Report::pending);
        }

        public boolean failed() {
            return reports.stream().anyMatch(r -> r.error() != null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignsFlow.class);

    private final Map<String, CampaignContacts> contacts;
    private final List<CampaignConfigException> refused;
    private final CampaignFiles files;
    private final CampaignSync sync;
    private final AuditLog audit;
    private final Path dataDir;
    private final java.util.function.Supplier<org.apache.camel.ProducerTemplate> template;

    /** The route every sync of a trigger goes through: split over the campaign files, and added up. */
    public static final String SYNC_ROUTE = "direct:campaigns-sync";

    /** @param template the started process's producer template, to run the {@code campaigns-sync} route */
    public CampaignsFlow(Map<String, CampaignContacts> contacts, CampaignFiles files, CampaignSync sync,
            AuditLog audit, Path dataDir, java.util.function.Supplier<org.apache.camel.ProducerTemplate> template) {
        this(contacts, List.of(), files, sync, audit, dataDir, template);
    }

    /**
     * @param refused the campaign files whose contact sections have mistakes: each sync refuses them (logged,
     *                audited, shown) as it refuses a file whose campaign sections have
     */
    public CampaignsFlow(Map<String, CampaignContacts> contacts, List<io.outboundsync.config.CampaignFileException>
            refused, CampaignFiles files, CampaignSync sync, AuditLog audit, Path dataDir,
            java.util.function.Supplier<org.apache.camel.ProducerTemplate> template) {
        this.template = template;
        this.contacts = contacts;
        this.refused = refused.stream().map(r -> new CampaignConfigException(r.file(), r.findings().stream()
                .map(f -> new CampaignProblems.Problem(f.line(), f.column(), f.key(), f.message(), f.fix())).toList()))
                .toList();
        this.files = files;
        this.sync = sync;
        this.audit = audit;
        this.dataDir = dataDir;
    }

    /**
     * One campaign's checked file, for the state machine.
     *
     * @throws CampaignConfigException when it has mistakes
     * @throws IllegalArgumentException when there is no such campaign
     */
    public CampaignSpec spec(String key) {
        for (CampaignConfigException e : refused) {
            if (keyOf(e).equals(key)) {
                throw e;
            }
        }
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

    /** Plans every campaign through the {@code campaigns-sync} route; changes nothing. */
    public Outcome planAll() {
        return viaRoute(null, "plan", true);
    }

    /** Applies every campaign through the {@code campaigns-sync} route. */
    public Outcome applyAll(String trigger) {
        return viaRoute(null, trigger, false);
    }

    private Outcome viaRoute(String only, String trigger, boolean plan) {
        Map<String, Object> headers = new java.util.HashMap<>();
        headers.put("trigger", trigger);
        headers.put("plan", plan);
        if (only != null) {
            headers.put("campaign", only);
        }
        Object outcome = template.get().requestBodyAndHeaders(SYNC_ROUTE, null, headers);
        return outcome instanceof Outcome o ? o : Outcome.NONE; // no campaign file: nothing was split
    }

    /** One campaign file as the sync route splits them: checked, or why it cannot be used. */
    public record Loaded(CampaignSpec spec, CampaignConfigException invalid) {
    }

    /**
     * The campaign files to sync, each checked: every one with a campaign section, or the one named.
     *
     * @throws IllegalArgumentException when the one named has no campaign section
     */
    public List<Loaded> files(String only) {
        List<CampaignConfigException> invalid = new ArrayList<>();
        Map<String, CampaignSpec> specs = load(only, invalid);
        List<Loaded> files = new ArrayList<>();
        invalid.forEach(e -> files.add(new Loaded(null, e)));
        specs.values().forEach(spec -> files.add(new Loaded(spec, null)));
        return files;
    }

    /** A file with mistakes: logged and audited, and not synced. */
    public Outcome refuse(Loaded file, String trigger) {
        CampaignConfigException e = file.invalid();
        LOG.error("Campaign file {} is not synced: {}", e.file().getFileName(), e.getMessage());
        String key = keyOf(e);
        audit.append("campaign.config", trigger, key, "invalid", Details.of("file",
                e.file().toString(), "problems", e.problems().stream().map(Object::toString).toList()));
        return new Outcome(List.of(), List.of(e));
    }

    /** A checked file: planned ({@code plan} true), or applied and logged. */
    public Outcome sync(Loaded file, String trigger, Boolean plan) {
        CampaignSpec spec = file.spec();
        spec.warnings().forEach(w -> LOG.warn("Campaign {}: {}", spec.key(), w));
        boolean planOnly = Boolean.TRUE.equals(plan);
        CampaignSync.Report report = planOnly ? sync.plan(spec) : sync.apply(spec, trigger);
        if (!planOnly) {
            log(report);
        }
        return new Outcome(List.of(report), List.of());
    }

    /** Why a sync did not apply (a file's mistakes, or the first failing step), or null; for a command file. */
    public String whyNot(Object outcome) {
        if (!(outcome instanceof Outcome o)) {
            return null;
        }
        return o.invalid().isEmpty() ? o.reports().stream().map(CampaignSync.Report::error)
                .filter(e -> e != null).findFirst().orElse(null) : o.invalid().get(0).getMessage();
    }

    /** The campaign files with a campaign section, read and checked; a broken one goes to {@code invalid}. */
    private Map<String, CampaignSpec> load(String only, List<CampaignConfigException> invalid) {
        Map<String, CampaignSpec> specs = new LinkedHashMap<>();
        refused.stream().filter(e -> only == null || only.equals(keyOf(e))).forEach(invalid::add);
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

    private static String keyOf(CampaignConfigException e) {
        return e.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
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

    /** What went wrong, said by the failure itself, not by the layers that passed it on (Camel's bean call). */
    public static String reasonOf(Throwable failure) {
        Throwable cause = io.outboundsync.support.Causes.root(failure);
        return cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
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

    private void move(Path file, String why) {
        try {
            Path moved = FileMoves.move(file, dataDir.resolve(why == null ? "processed/commands" : "failed"));
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
