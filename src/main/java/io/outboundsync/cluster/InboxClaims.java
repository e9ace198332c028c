package io.outboundsync.cluster;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Which instance works on which inbox file, when the instances share a PostgreSQL state: the file consumers' read
 * lock ({@code readLock=idempotent-changed}) claims a file here before taking it, so exactly one instance takes
 * each file; the claim is given back when the instance is done with it ({@code readLockRemoveOnCommit}), and a
 * claim its instance stopped renewing (it died) is taken over after the lease
 * ({@code JdbcOrphanLockAwareIdempotentRepository}, {@code state.claim-lease-ms}).
 *
 * <p>Bound before Camel starts (the endpoints name it), it is given the database's repository once the shared
 * state is open, before the inbox is read. Until then, and on one machine, nothing may claim through it.
 */
public final class InboxClaims extends ServiceSupport implements IdempotentRepository {

    private volatile IdempotentRepository repository;

    /** The shared repository, from the start of the pipeline on. */
    public void use(IdempotentRepository shared) {
        this.repository = shared;
    }

    private IdempotentRepository repository() {
        IdempotentRepository shared = repository;
        if (shared == null) {
            throw new IllegalStateException("The inbox claims are used before the shared state is open");
        }
        return shared;
    }

    @Override
    public boolean add(String key) {
        return repository().add(key);
    }

    @Override
    public boolean contains(String key) {
        return repository().contains(key);
    }

    @Override
    public boolean remove(String key) {
        return repository().remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return repository().confirm(key);
    }

    @Override
    public void clear() {
        repository().clear();
    }
}
