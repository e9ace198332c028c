package io.outboundsync.runtime;

import java.util.Map;
import java.util.HashMap;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;

/**
 * The base of the project's {@code @Configuration} classes: camel-main calls a {@code @BindToRegistry} method more
 * than once (before and after it initialises the configuration), and a bean with state (the audit log's chain, a
 * cache, a lock) must exist once, or two flows hold two of it. Each bean method makes its bean through
 * {@link #once}.
 */
abstract class MadeOnce implements CamelConfiguration {

    private final Map<String, Object> made = new HashMap<>();

    /** The bean of that name: made the first time, the same one after (a bean may be made of others: reentrant). */
    @SuppressWarnings("unchecked")
    protected final synchronized <T> T once(String name, Supplier<T> make) {
        Object bean = made.get(name);
        if (bean == null) {
            bean = make.get();
            made.put(name, bean);
        }
        return (T) bean;
    }
}
