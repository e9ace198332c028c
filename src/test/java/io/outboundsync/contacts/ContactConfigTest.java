package io.outboundsync.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outboundsync.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contact sections of a campaign file are read as closed objects: a misspelt or mistyped key is refused with
 * the file, its YAML path, line:column and the fix (a did-you-mean where one is close), never read as a default.
 */
class ContactConfigTest {

    @TempDir
    Path config;

    private static String demo() throws IOException {
        return Files.readString(Path.of("config/campaigns/demo.yaml"), StandardCharsets.UTF_8);
    }

    private CampaignContacts load(String text) throws IOException {
        Files.createDirectories(config.resolve("campaigns"));
        Files.createDirectories(config.resolve("dnc"));
        Files.copy(Path.of("config/dnc/internal-dnc.txt"), config.resolve("dnc/internal-dnc.txt"),
                StandardCopyOption.REPLACE_EXISTING);
        Path file = config.resolve("campaigns/demo.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return ContactConfig.load(config, file);
    }

    private static String replaced(String text, String old, String replacement) {
        assertThat(text).as("the demo file holds '%s'", old).contains(old);
        return text.replace(old, replacement);
    }

    /** Each row: the demo file's text, what replaces it, and the one mistake reported, word for word. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("requireConsent: true", "requireConsnet: true", "line 25:3, contacts.requireConsnet: is"
                        + " not a key of contacts. Fix: did you mean requireConsent?"),
                Arguments.of("requireConsent: true", "requireConsent: maybe", "line 25:19, contacts.requireConsent:"
                        + " is the text 'maybe', where true or false is expected. Fix: write requireConsent: true or"
                        + " requireConsent: false (unquoted)"),
                Arguments.of("requireConsent: true", "requireConsent: \"yes\"", "line 25:19,"
                        + " contacts.requireConsent: is the text 'yes', where true or false is expected. Fix: write"
                        + " requireConsent: true or requireConsent: false (unquoted)"),
                Arguments.of("doNotCallColumn: doNotCall", "doNotCalColumn: doNotCall", "line 26:3,"
                        + " contacts.doNotCalColumn: is not a key of contacts. Fix: did you mean doNotCallColumn?"),
                Arguments.of("{ from: email, type: email }", "{ from: email, typ: email }", "line 42:22,"
                        + " contacts.fields[4].typ: is not a key of a field. Fix: did you mean type?"),
                Arguments.of("  emailColumns:", "  emailColums:", "line 15:3, contactList.emailColums: is not a key"
                        + " of contactList. Fix: did you mean emailColumns?"),
                Arguments.of("trim: true", "trim: 17", "line 31:9, contacts.trim: is the number 17, where true or"
                        + " false is expected. Fix: write trim: true or trim: false (unquoted)"),
                Arguments.of("{ from: email, type: email }", "{ from: email, type: mail }", "line 42:28,"
                        + " contacts.fields[4].type: is 'mail', which is not one of text, phone, email, boolean,"
                        + " number. Fix: did you mean email?"),
                Arguments.of("csvDelimiter: auto", "csvDelimiter: '|'", "line 30:17, contacts.csvDelimiter: is '|',"
                        + " which is not one of auto, ',', ';'. Fix: use one of auto, ',', ';'"),
                Arguments.of("  emailColumns:", "  extras: 1\n  emailColumns:", "line 15:3, contactList.extras: is"
                        + " not a key of contactList. Fix: remove it, or use one of name, columns, phoneColumns,"
                        + " emailColumns, dncList"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void aMisspeltOrMistypedKeyIsRefusedWithItsLineAndFix(String old, String replacement, String expected)
            throws IOException {
        String text = replaced(demo(), old, replacement);
        Path file = config.resolve("campaigns/demo.yaml");

        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": 1 mistake:\n  demo.yaml " + expected + (expected.endsWith("?") ? "" : "."));
    }

    @Test
    void everyMistakeOfAFileIsNamedInOnePass() throws IOException {
        String text = replaced(replaced(demo(), "requireConsent: true", "requireConsnet: true"), "trim: true",
                "trim: 17");

        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(": 2 mistakes:\n")
                .hasMessageContaining("  demo.yaml line 25:3, contacts.requireConsnet: ")
                .hasMessageContaining("  demo.yaml line 31:9, contacts.trim: ");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLineAndColumn() throws IOException {
        String text = replaced(demo(), "  trim: true", "  trim: [true");
        Path file = config.resolve("campaigns/demo.yaml");

        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": 1 mistake:\n  demo.yaml line 33:3, (file): is not valid YAML: expected ',' or"
                        + " ']', but got ? (while parsing a flow sequence that starts at line 31:9). Fix: correct the"
                        + " YAML syntax at the position given.");
    }

    /** Genesys takes column names of at most 128 characters: a longer one is refused before a list is made. */
    @Test
    void aColumnNameGenesysWouldRefuseIsRefusedHere() throws IOException {
        String text = replaced(demo(), "leadAgeDays, timeZone]", "leadAgeDays, timeZone, " + "c".repeat(129) + "]");

        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("demo.yaml line 9:")
                .hasMessageContaining(", contactList.columns[13]: must be at most 128 characters long");
    }

    /** Consent is required once a consent column is declared, unless the file says otherwise in so many words. */
    @Test
    void aDeclaredConsentColumnIsRequiredUnlessTheFileSaysFalse() throws IOException {
        assertThat(load(replaced(demo(), "  requireConsent: true\n", "")).mapping().requireConsent()).isTrue();
        assertThat(load(replaced(demo(), "requireConsent: true", "requireConsent: false")).mapping()
                .requireConsent()).isFalse();
        assertThat(load(demo()).mapping().requireConsent()).isTrue();
    }

    /** A file without a consent column cannot require consent: refused, not read as "no consent needed". */
    @Test
    void requiringConsentWithoutAConsentColumnIsRefused() throws IOException {
        String text = replaced(demo(), "  consentColumn: consent\n", "");

        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("demo.yaml line 24:19, contacts.requireConsent: is true but no consentColumn"
                        + " is set. Fix: set consentColumn to the boolean column holding consent.");
    }
}
