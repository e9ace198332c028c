package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the pseudonym key comes from: the setting, or a file generated once in the data folder, owner-only. */
class PseudonymKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void isGeneratedOnceOwnerOnlyAndKeptAcrossRuns() throws Exception {
        byte[] first = PseudonymKey.load(null, dataDir);
        Path file = dataDir.resolve(PseudonymKey.FILE);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.length).isGreaterThanOrEqualTo(32);
        assertThat(PseudonymKey.load(null, dataDir)).isEqualTo(first);
        assertThat(new Redactor(PseudonymKey.load(null, dataDir)).scrub("+13175550100"))
                .isEqualTo(new Redactor(first).scrub("+13175550100"));

        Path otherData = Files.createDirectory(dataDir.resolve("other"));
        assertThat(PseudonymKey.load(null, otherData)).as("another data folder, another key").isNotEqualTo(first);
    }

    @Test
    void aConfiguredKeyWinsAndIsNeverWrittenDown() {
        byte[] key = PseudonymKey.load("a-configured-key-of-enough-length", dataDir);

        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("a-configured-key-of-enough-length");
        assertThat(dataDir.resolve(PseudonymKey.FILE)).doesNotExist();
    }

    @Test
    void aShortKeyStopsStartUpWithTheKeyAndTheFix() throws Exception {
        assertThatThrownBy(() -> PseudonymKey.load("short", dataDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("privacy.pseudonym-key").hasMessageContaining("openssl rand -base64 32");
        Files.writeString(dataDir.resolve(PseudonymKey.FILE), "tiny\n");
        assertThatThrownBy(() -> PseudonymKey.load(null, dataDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("delete it");
    }
}
