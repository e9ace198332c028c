package io.outboundsync.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The permissions list, README "Going live" and the real Genesys contract (REFERENCE.md) agree. */
class PermissionsTest {

    private static final Pattern PERMISSION = Pattern.compile("^[a-z]+:[a-zA-Z]+:[a-zA-Z]+$");

    /**
     * Each call is a real Genesys path with that method: in REFERENCE.md, or else a request class of the official
     * Java SDK (test scope) named for the method whose constant pool holds exactly that path.
     */
    @Test
    void everyCallIsARealGenesysCallAndEveryPermissionIsWellFormed() throws Exception {
        String reference = Files.readString(Path.of("../shared/genesys-api/REFERENCE.md"));
        List<byte[]> requestClasses = sdkRequestClasses();
        for (Permissions.Need need : Permissions.ALL) {
            boolean documented = reference.contains("| " + need.method() + " | `" + need.path() + "` |");
            assertThat(documented || inSdk(requestClasses, need)).as(need.method() + " " + need.path()).isTrue();
            assertThat(need.anyOf()).allSatisfy(p -> assertThat(p).matches(PERMISSION));
        }
        assertThat(Permissions.ALL).extracting(n -> n.method() + " " + n.path()).doesNotHaveDuplicates();
    }

    private record SdkClass(String name, byte[] bytes) {
    }

    private static List<SdkClass> sdkClasses;

    private static List<byte[]> sdkRequestClasses() throws Exception {
        Path jar = Path.of(com.mypurecloud.sdk.v2.api.RoutingApi.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        sdkClasses = new java.util.ArrayList<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.startsWith("com/mypurecloud/sdk/v2/api/request/") && !name.contains("$")) {
                    try (var in = zip.getInputStream(entry)) {
                        sdkClasses.add(new SdkClass(name.substring(name.lastIndexOf('/') + 1), in.readAllBytes()));
                    }
                }
            }
        }
        assertThat(sdkClasses).hasSizeGreaterThan(1000);
        return sdkClasses.stream().map(SdkClass::bytes).toList();
    }

    /** A class file's constant pool holds a string as its length (2 bytes) and its UTF-8 bytes: an exact match. */
    private static boolean inSdk(List<byte[]> classes, Permissions.Need need) {
        byte[] path = need.path().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] entry = new byte[path.length + 2];
        entry[0] = (byte) (path.length >> 8);
        entry[1] = (byte) path.length;
        System.arraycopy(path, 0, entry, 2, path.length);
        String prefix = need.method().charAt(0) + need.method().substring(1).toLowerCase();
        return sdkClasses.stream().filter(c -> c.name().startsWith(prefix))
                .anyMatch(c -> indexOf(c.bytes(), entry) >= 0);
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void theReadmeListsExactlyTheseCallsAndPermissions() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.matches("^\\| [a-z ]+ \\| `(GET|POST|PUT|PATCH|DELETE) /api/v2/.*")).toList();
        List<String> expected = Permissions.ALL.stream().map(n -> "| " + n.flow() + " | `" + n.method() + " "
                + n.path() + "` | " + (n.anyOf().isEmpty() ? "(none listed)"
                        : String.join(n.all() ? " and " : " or ", n.anyOf().stream().map(p -> "`" + p + "`")
                                .toList()))
                + " | " + n.why() + " |").toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }
}
