package io.outboundsync.contacts;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import io.outboundsync.notify.Redactor;

/**
 * {@code reports/<drop file name>.rejects.csv}: {@code row,externalId,reasons,details}, one line a rejected row,
 * written as the drop runs. Safe to open in a spreadsheet: a cell that would start a formula is prefixed with
 * {@code '}. The details name columns, never values; anything that looks like a phone or e-mail is scrubbed.
 */
final class RejectsFile implements AutoCloseable {

    private final Writer writer;
    private final CSVPrinter printer;
    private final Redactor redactor;

    RejectsFile(Path file, Redactor redactor) throws IOException {
        this.redactor = redactor;
        Files.createDirectories(file.getParent());
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.printer = CSVFormat.RFC4180.builder().setHeader("row", "externalId", "reasons", "details").get()
                .print(writer);
    }

    void write(NormalisedRow row) throws IOException {
        write(row.row(), row.externalId(), row.reasons(), row.details());
    }

    void write(long row, String externalId, List<Reason> reasons, List<String> details) throws IOException {
        printer.printRecord(row, safe(externalId),
                reasons.stream().map(Reason::name).collect(Collectors.joining(" ")),
                safe(redactor.scrub(String.join("; ", details))));
    }

    /** A cell no spreadsheet runs as a formula. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
