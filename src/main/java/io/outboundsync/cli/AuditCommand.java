package io.outboundsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outboundsync.audit.AuditChain;
import io.outboundsync.audit.AuditHead;
import io.outboundsync.audit.AuditLog;
import io.outboundsync.audit.AuditVerifier;
import io.outboundsync.campaigns.ComplianceExport;
import io.outboundsync.runtime.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "Audit trail tools.", subcommands = {AuditCommand.Verify.class,
        AuditCommand.Export.class})
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "verify", description = "Checks an audit file's chain (0 intact, 1 tampered, naming the first"
            + " line that was changed, inserted or removed, or the records cut off its end). With the audit key"
            + " (AUDIT_KEY, or <data-dir>/state/audit.key) every record is authenticated; without it only the"
            + " chain's shape is checked, and it says so.")
    public static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--key-file", paramLabel = "FILE",
                description = "The audit key (default: the audit.key setting / AUDIT_KEY, else"
                        + " <data-dir>/state/audit.key when it exists).")
        Path keyFile;

        @Option(names = "--head", paramLabel = "FILE",
                description = "The head the process keeps (default: <data-dir>/state/audit-head.json when it exists).")
        Path headFile;

        @Override
        public Integer call() throws IOException {
            GlobalOptions app = (GlobalOptions) spec.parent().parent().userObject();
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println("audit verify: " + file + " is not a file.");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            byte[] key;
            if (keyFile != null) {
                if (!Files.isRegularFile(keyFile)) {
                    spec.commandLine().getErr().println("audit verify: the key file " + keyFile + " is not a file.");
                    return ExitCodes.USAGE_OR_CONFIG;
                }
                key = Files.readString(keyFile, java.nio.charset.StandardCharsets.US_ASCII).strip()
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            } else {
                key = AuditLog.keyFile(app.dataDir()).find(app.settings().find("audit.key").orElse(null))
                        .orElse(null);
            }
            Path head = headFile != null ? headFile : AuditLog.headFile(app.dataDir());
            if (headFile != null && !Files.isRegularFile(headFile)) {
                spec.commandLine().getErr().println("audit verify: the head file " + headFile + " is not a file.");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            // records the audit folder refused wait in the state's spool: the files should end before the first
            AuditHead read = AuditHead.read(head).orElse(null);
            AuditHead filesEnd = AuditLog.filesEndBefore(head.getParent(), read);
            AuditVerifier.Result result = AuditVerifier.verify(file, key, filesEnd);
            if (filesEnd != read) {
                spec.commandLine().getOut().println("Note: records " + (filesEnd.seq() + 1) + " to " + read.seq()
                        + " wait in " + AuditLog.spoolFile(head.getParent()) + " (the audit folder refused them);"
                        + " the running process writes them to the files once it can.");
            }
            if (!result.intact()) {
                spec.commandLine().getErr().println(file + ": tampered: " + result);
                return 1;
            }
            var out = spec.commandLine().getOut();
            if (result.authenticated()) {
                out.println(file + ": intact, " + result.lines() + " records chained"
                        + (key == null ? "." : ", authenticated with the audit key " + AuditChain.keyId(key) + "."));
            } else {
                out.println(file + ": chain intact in shape, " + result.lines() + " records; their authenticity was"
                        + " not checked: no audit key (give --key-file, or set AUDIT_KEY). Anyone who can write the"
                        + " file could have recomputed a shape.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Writes the change history of rules, filters, schedules and calling hours"
            + " for a date range as JSON: this project's audit records and, against a live org, Genesys' own audit"
            + " trail (POST /api/v2/audits/query).")
    public static final class Export implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd",
                description = "First day (UTC), inclusive.")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd",
                description = "Last day (UTC), inclusive.")
        LocalDate to;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write it (default: <data-dir>/reports/compliance-<from>-<to>.json).")
        Path out;

        @Override
        public Integer call() throws IOException {
            GlobalOptions app = (GlobalOptions) spec.parent().parent().userObject();
            if (to.isBefore(from)) {
                spec.commandLine().getErr().println("audit export: --to " + to + " is before --from " + from + ".");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            Path auditDir = app.dataDir().resolve("audit");
            ObjectNode export;
            if ("live".equals(io.outboundsync.runtime.GenesysConnection.mode(app.settings()))) {
                try (Pipeline pipeline = Pipeline.start(
                        app.settings().with(Map.of("pipeline.tool", "true")), app.configDir(),
                        app.dataDir(), "audit-export")) {
                    export = ComplianceExport.export(auditDir, from, to, pipeline.genesys(),
                            null);
                }
            } else {
                export = ComplianceExport.export(auditDir, from, to, null,
                        "sandbox mode: the embedded sandbox keeps no history between runs; Genesys' audit trail is"
                                + " read with genesys.mode=live");
            }
            Path file = out != null ? out : app.dataDir().resolve("reports").resolve("compliance-" + from + "-" + to
                    + ".json");
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
                    export);
            spec.commandLine().getOut().println("Wrote " + export.get("changes").size() + " change(s) of ours and "
                    + export.get("genesysAudits").size() + " Genesys audit message(s) to " + file);
            return ExitCodes.OK;
        }
    }
}
