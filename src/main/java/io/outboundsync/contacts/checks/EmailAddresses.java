package io.outboundsync.contacts.checks;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * E-mail addresses checked by Commons Validator (no local addresses, no bare top-level domains). A CRM export holds
 * a few thousand domains for a million addresses, so each domain's verdict is kept (up to {@link #MAX_DOMAINS}):
 * the domain check is half the validator's cost. The plain addresses most rows hold skip the validator's regular
 * expressions for the local part, whose verdict for them is known ({@link #plain}). Thread-safe.
 */
public final class EmailAddresses {

    static final int MAX_DOMAINS = 50_000;

    private final Validator validator = new Validator();

    /** The address with its domain in lower case, or null when it is not a valid address. */
    public String normalise(String raw) {
        int at = raw.lastIndexOf('@');
        boolean valid = plain(raw, at) ? validator.domain(raw.substring(at + 1)) : validator.isValid(raw);
        if (!valid) {
            return null;
        }
        return raw.substring(0, at) + raw.substring(at).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the address has the plain shape whose local part the validator is known to accept, so only its domain
     * needs checking: one {@code @}, a local part of at most 64 letters, digits and {@code _ - +} in dot-separated
     * non-empty words, and a domain of letters, digits, dots and hyphens not ending in a dot. For such an address
     * {@code isValid}'s own steps come to the domain check: its {@code (.+)@(\S+)} splits at this {@code @}, and its
     * user pattern (words of anything but white space, controls and {@code ()<>@,;:'\".[]}) matches the local part.
     * Anything else goes through the whole validator.
     */
    static boolean plain(String raw, int at) {
        int n = raw.length();
        if (at <= 0 || at > 64 || at >= n - 1 || raw.charAt(n - 1) == '.') {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < at; i++) {
            char c = raw.charAt(i);
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '+';
            if (!word && (c != '.' || previous == '.')) {
                return false;
            }
            previous = c;
        }
        if (previous == '.') {
            return false;
        }
        for (int i = at + 1; i < n; i++) {
            char c = raw.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static final class Validator extends EmailValidator {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Boolean> domains = new ConcurrentHashMap<>();

        Validator() {
            super(false, false);
        }

        boolean domain(String domain) {
            return isValidDomain(domain);
        }

        @Override
        protected boolean isValidDomain(String domain) {
            Boolean known = domains.get(domain);
            if (known != null) {
                return known;
            }
            boolean valid = super.isValidDomain(domain);
            if (domains.size() < MAX_DOMAINS) {
                domains.put(domain, valid);
            }
            return valid;
        }
    }
}
