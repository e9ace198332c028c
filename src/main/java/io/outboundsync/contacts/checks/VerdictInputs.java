package io.outboundsync.contacts.checks;

import io.outboundsync.contacts.ContactListSpec;
import io.outboundsync.contacts.FieldSpec;
import io.outboundsync.contacts.MappingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Everything besides a row's own values that decides what the checks make of it: the version of the checks, the
 * versions of the phone number data they use, the campaign's mapping and checks, the contact list's columns and the
 * do-not-call numbers. Its SHA-256 ({@link #fingerprint}) goes into every row's {@link RowNormaliser#rowKey}, so a
 * row is recognised as one checked before only while none of these changed; when one does, every row is checked
 * again.
 */
final class VerdictInputs {

    /**
     * The version of what {@link RowNormaliser}, {@link PhoneNumbers} and {@link EmailAddresses} decide. Raise it
     * with any change that makes them decide a row differently: {@code VerdictInputsTest} records the verdicts of
     * a fixed set of rows under this number and fails when they change without it.
     */
    static final int CHECKS_VERSION = 1;

    /** The libphonenumber artifacts whose data decides validity, types and time zones. */
    private static final String[] PHONE_DATA = {"libphonenumber", "prefixmapper", "geocoder"};

    private VerdictInputs() {
    }

    static byte[] fingerprint(MappingSpec mapping, ContactListSpec list, DncNumbers dnc) {
        MessageDigest sha = sha256();
        Feed feed = new Feed(sha);
        feed.add("checks").add(CHECKS_VERSION);
        for (String artifact : PHONE_DATA) {
            feed.add(artifact).add(phoneDataVersion(artifact));
        }
        feed.add("fields").add(mapping.fields().size());
        for (FieldSpec field : mapping.fields()) {
            feed.add(field.source()).add(field.column()).add(field.type().name()).add(field.required() ? 1 : 0);
        }
        feed.add("identity").add(mapping.identity().size());
        mapping.identity().forEach(feed::add);
        feed.add(mapping.defaultRegion()).add(mapping.consentColumn()).add(mapping.requireConsent() ? 1 : 0)
                .add(mapping.doNotCallColumn()).add(mapping.trim() ? 1 : 0);
        feed.add("true").add(mapping.trueSpellings().size());
        new TreeSet<>(mapping.trueSpellings()).forEach(feed::add);
        feed.add("false").add(mapping.falseSpellings().size());
        new TreeSet<>(mapping.falseSpellings()).forEach(feed::add);
        feed.add("columns").add(list.columns().size());
        list.columns().forEach(feed::add);
        feed.add("phones").add(list.phoneColumns().size());
        list.phoneColumns().forEach(p -> feed.add(p.column()).add(p.type()).add(p.timeZoneColumn()));
        feed.add("dnc").add(dnc.numbers().size());
        new TreeSet<>(dnc.numbers()).forEach(feed::add);
        return sha.digest();
    }

    /** The version of a libphonenumber artifact on the class path, from its Maven properties. */
    static String phoneDataVersion(String artifact) {
        String resource = "/META-INF/maven/com.googlecode.libphonenumber/" + artifact + "/pom.properties";
        try (InputStream in = VerdictInputs.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // as unknown, below
        }
        // unknown: a value of its own each time, so nothing is recognised and every row is checked
        return "unknown " + System.nanoTime();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Values fed to a digest, each with its length first, so no two sequences feed the same bytes. */
    private record Feed(MessageDigest sha) {

        Feed add(String value) {
            if (value == null) {
                return add(-1);
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            add(bytes.length);
            sha.update(bytes);
            return this;
        }

        Feed add(int value) {
            sha.update((byte) (value >>> 24));
            sha.update((byte) (value >>> 16));
            sha.update((byte) (value >>> 8));
            sha.update((byte) value);
            return this;
        }
    }
}
