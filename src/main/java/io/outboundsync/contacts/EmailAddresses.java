package io.outboundsync.contacts;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * E-mail addresses checked by Commons Validator (no local addresses, no bare top-level domains). A CRM export holds
 * a few thousand domains for a million addresses, so each domain's verdict is kept (up to {@link #MAX_DOMAINS}):
 * the domain check is half the validator's cost. Thread-safe.
 */
public final class EmailAddresses {

    static final int MAX_DOMAINS = 50_000;

    private final Validator validator = new Validator();

    /** The address with its domain in lower case, or null when it is not a valid address. */
    public String normalise(String raw) {
        if (!validator.isValid(raw)) {
            return null;
        }
        int at = raw.lastIndexOf('@');
        return raw.substring(0, at) + raw.substring(at).toLowerCase(Locale.ROOT);
    }

    private static final class Validator extends EmailValidator {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Boolean> domains = new ConcurrentHashMap<>();

        Validator() {
            super(false, false);
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
