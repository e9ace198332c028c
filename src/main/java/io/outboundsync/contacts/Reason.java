package io.outboundsync.contacts;

/** Why a row was not synced: the reject codes of DESIGN.md, and the one place that knows them. */
public enum Reason {
    MISSING_EXTERNAL_ID,
    PHONE_MISSING,
    PHONE_INVALID,
    EMAIL_INVALID,
    CONSENT_MISSING,
    DNC_CONSENT_CONFLICT,
    ON_DNC,
    DUPLICATE_IN_DROP,
    FIELD_TOO_LONG,
    MALFORMED_ROW,
    API_REJECTED
}
