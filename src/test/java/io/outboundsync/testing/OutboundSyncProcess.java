package io.outboundsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real command line in a process of its own (this JVM's class path), pointed at a {@link DropHarness}'s sandbox
 * as its live org: what a test kills with SIGKILL and starts again.
 */
public final class OutboundSyncProcess {

    private static final java.util.regex.Pattern SCHEDULED_SYNC = java.util.regex.Pattern.compile(
            "Scheduled campaign sync fired on instance (\\S+) \\(scheduled for (\\S+)\\)");

    private OutboundSyncProcess() {
    }

    /**
     * @param command    {@code once} or {@code run}
     * @param settings   the pipeline's settings, as {@code -D} properties
     * @param log        where its output goes (appended, so a restart adds to the same file)
     */
    public static Process start(Path configDir, Path dataDir, String command, Map<String, String> settings,
            Path log) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        settings.forEach((key, value) -> line.add("-D" + key + "=" + value));
        line.addAll(List.of("io.outboundsync.OutboundSync", "--config-dir", configDir.toString(), "--data-dir",
                dataDir.toString(), command));
        try {
            return new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("The outbound-sync process could not be started", e);
        }
    }

    /**
     * A {@code run} instance against the harness's sandbox as its live org, with its own data folder and health
     * port, its output in a temporary file named after it.
     */
    public static Process instance(DropHarness org, Path dataDir, Map<String, String> extra, int port, String name) {
        try {
            Map<String, String> settings = org.pipelineSettings(new java.util.HashMap<>(extra));
            settings.put("observe.port", String.valueOf(port));
            java.nio.file.Files.createDirectories(dataDir);
            return start(Path.of("config"), dataDir, "run", settings,
                    java.nio.file.Files.createTempFile("instance-" + name, ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The status and message of one check of the instance's {@code /observe/health}, or what the endpoint answered
     * when the check is not there.
     */
    public static String healthCheck(int port, String check) throws IOException, InterruptedException {
        String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/observe/health?exposureLevel=full")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (com.fasterxml.jackson.databind.JsonNode node : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body).path("checks")) {
            if (check.equals(node.path("name").asText())) {
                // Camel's health endpoint escapes the message once more than JSON needs: a / arrives as \/
                return node.path("status").asText() + " " + node.path("message").asText().replace("\\/", "/");
            }
        }
        return "no check " + check + " in " + body;
    }

    /** The instance on this health port answers UP: it is reading its inbox. */
    public static boolean ready(int port) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "instance time" of each scheduled sync the instances' logs record, in log order. */
    public static List<String> scheduledSyncs(Path... dataDirs) throws IOException {
        List<String> fired = new java.util.ArrayList<>();
        for (Path dataDir : dataDirs) {
            Path log = dataDir.resolve("logs/outbound-sync.log");
            if (java.nio.file.Files.exists(log)) {
                for (String line : java.nio.file.Files.readAllLines(log)) {
                    java.util.regex.Matcher m = SCHEDULED_SYNC.matcher(line);
                    if (m.find()) {
                        fired.add(m.group(1) + " " + m.group(2));
                    }
                }
            }
        }
        return fired;
    }
}
