package io.outboundsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Containerfile and the systemd unit, checked without a container daemon (these machines may lack one): they
 * parse, name only files that exist, run as a non-root user, keep data and configuration apart, and agree with each
 * other and with the shipped health port.
 */
class ServiceFilesTest {

    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");

    /** The Containerfile's instructions: comments dropped, continued lines joined. */
    private static List<String[]> instructions() throws Exception {
        List<String[]> found = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(Path.of("Containerfile"))) {
            String text = raw.strip();
            if (line.length() == 0 && (text.isEmpty() || text.startsWith("#"))) {
                continue;
            }
            if (text.endsWith("\\")) {
                line.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            line.append(text);
            String joined = line.toString().strip();
            line.setLength(0);
            int space = joined.indexOf(' ');
            found.add(new String[] {joined.substring(0, space), joined.substring(space + 1).strip()});
        }
        assertThat(line).as("a continued line at the end").isEmpty();
        return found;
    }

    private static String shippedPort() throws Exception {
        Properties shipped = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(in);
        }
        return shipped.getProperty("observe.port").strip();
    }

    @Test
    void theContainerfileParsesAndNamesOnlyFilesThatExist() throws Exception {
        List<String[]> all = instructions();
        assertThat(all).allSatisfy(i -> assertThat(INSTRUCTIONS).as("instruction %s", i[0]).contains(i[0]));
        assertThat(all.get(0)[0]).isEqualTo("FROM");
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i)[0].equals("FROM")) {
                lastFrom = i;
            }
        }
        List<String[]> runtime = all.subList(lastFrom, all.size());
        Map<String, String> last = new LinkedHashMap<>();
        runtime.forEach(i -> last.put(i[0], i[1]));

        // every COPY from the build context names a file or folder of the project
        for (String[] copy : all) {
            if (!copy[0].equals("COPY") || copy[1].contains("--from=")) {
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(copy[1].split("\\s+")));
            parts.removeIf(p -> p.startsWith("--"));
            for (String source : parts.subList(0, parts.size() - 1)) {
                assertThat(Path.of(source)).as("COPY source %s", source).exists();
            }
        }
        // the runtime stage: the jar the build stage makes, a non-root user, data and config volumes, health
        String fromBuild = runtime.stream().filter(i -> i[0].equals("COPY") && i[1].contains("--from=build"))
                .map(i -> i[1]).findFirst().orElseThrow();
        assertThat(fromBuild).contains("/build/target/outbound-sync.jar");
        String jar = fromBuild.substring(fromBuild.lastIndexOf(' ') + 1);
        assertThat(last.get("USER")).isNotBlank().isNotIn("root", "0");
        assertThat(new ObjectMapper().readValue(last.get("VOLUME"), String[].class)).containsExactly("/data",
                "/config");
        String[] entrypoint = new ObjectMapper().readValue(last.get("ENTRYPOINT"), String[].class);
        assertThat(entrypoint).contains(jar, "--config-dir", "/config", "--data-dir", "/data");
        assertThat(new ObjectMapper().readValue(last.get("CMD"), String[].class)).containsExactly("run");
        assertThat(last.get("EXPOSE")).isEqualTo(shippedPort());
        assertThat(last.get("ENV")).contains("OBSERVE_PORT=" + shippedPort());
        assertThat(last.get("HEALTHCHECK")).contains("CMD ").contains("http://127.0.0.1:" + shippedPort()
                + "/observe/health");
        // the build stage builds with the project's own command
        assertThat(all).anyMatch(i -> i[0].equals("RUN") && i[1].startsWith("mvn -B") && i[1].contains("package"));
    }

    @Test
    void theSystemdUnitRunsTheSameWay() throws Exception {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String raw : Files.readAllLines(Path.of("deploy/outbound-sync.service"))) {
            String text = raw.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("[")) {
                assertThat(text).endsWith("]");
                current = new LinkedHashMap<>();
                sections.put(text.substring(1, text.length() - 1), current);
                continue;
            }
            assertThat(current).as("a key before any section: %s", text).isNotNull();
            int eq = text.indexOf('=');
            assertThat(eq).as("not key=value: %s", text).isPositive();
            current.computeIfAbsent(text.substring(0, eq), k -> new ArrayList<>()).add(text.substring(eq + 1));
        }
        assertThat(sections).containsOnlyKeys("Unit", "Service", "Install");
        Map<String, List<String>> service = sections.get("Service");
        assertThat(service.get("User")).singleElement().isNotIn("root", "0");
        String exec = service.get("ExecStart").get(0);
        assertThat(exec).startsWith("/").contains("-jar /opt/outbound-sync/outbound-sync.jar")
                .contains("--config-dir /etc/outbound-sync").contains("--data-dir /var/lib/outbound-sync")
                .endsWith(" run");
        assertThat(service.get("Environment")).contains("OBSERVE_PORT=" + shippedPort(), "OBSERVE_HOST=127.0.0.1");
        // a production install says which Genesys it acts on (credentials without a mode are refused at start)
        assertThat(service.get("Environment")).contains("GENESYS_MODE=live");
        // files with personal data are the service user's alone
        assertThat(service.get("UMask")).containsExactly("0077");
        assertThat(Files.readString(Path.of("deploy/compose.yaml"))).contains("    GENESYS_MODE: live\n");
        assertThat(service.get("ReadWritePaths")).containsExactly("/var/lib/outbound-sync");
        assertThat(sections.get("Install").get("WantedBy")).containsExactly("multi-user.target");
        // the same JVM options as the container
        String containerEntry = instructions().stream().filter(i -> i[0].equals("ENTRYPOINT")).reduce((a, b) -> b)
                .orElseThrow()[1];
        assertThat(containerEntry).contains("-XX:MaxRAMPercentage=75");
        assertThat(exec).contains("-XX:MaxRAMPercentage=75");
    }
}
