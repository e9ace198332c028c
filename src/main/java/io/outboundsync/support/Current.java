package io.outboundsync.support;

/**
 * What a bean made before Camel starts reaches later: the org's ledger or campaign state (known once the org is
 * asked through the API), the producer template (made once Camel runs). Not a {@code Supplier}: Camel's registry
 * takes a bound supplier for a lazily made bean and would hand out its value, before it exists.
 */
@FunctionalInterface
public interface Current<T> {

    /** The value now; null before it exists. */
    T get();
}
