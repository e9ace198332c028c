package io.outboundsync.cluster;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * camel-sql's orphan-lock-aware repository (its table, its keep-alive of this instance's claims, its lease) with
 * the claim made in one statement. Its own {@code add} asks whether a live claim exists, then inserts, or, finding a
 * row by then, refreshes it: two instances that poll the same new file at the same moment both pass the question
 * and both "take" it (TwoInstancesTest saw one drop taken twice). Here the claim is one
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} on the primary key: a new claim, or the takeover of one not
 * renewed for a lease; a live claim of another instance is left alone and the file skipped. And only the claims
 * this instance holds are given back.
 */
public final class ClaimRepository extends JdbcOrphanLockAwareIdempotentRepository {

    private static final String CLAIM = "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt)"
            + " VALUES (?, ?, ?) ON CONFLICT (processorName, messageId) DO UPDATE SET createdAt = EXCLUDED.createdAt"
            + " WHERE CAMEL_MESSAGEPROCESSED.createdAt < ?";

    /** The claims this instance made and still holds. */
    private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ClaimRepository(DataSource dataSource, String processorName, CamelContext context, long leaseMs) {
        super(dataSource, processorName, context);
        setLockMaxAgeMillis(leaseMs);
        setLockKeepAliveIntervalMillis(Math.max(100, leaseMs / 3));
    }

    @Override
    public boolean add(String key) {
        long now = System.currentTimeMillis();
        boolean claimed = getJdbcTemplate().update(CLAIM, getProcessorName(), key, new Timestamp(now),
                new Timestamp(now - getLockMaxAgeMillis())) == 1;
        if (claimed) {
            held.add(key);
            // the row is ours now: the parent's insert only refreshes it, and keeps it alive while we hold it
            insert(key);
        }
        return claimed;
    }

    /**
     * Gives back a claim this instance holds. Camel's file consumer also "releases" the read lock of a file it
     * could not lock (its rollback after a failed acquire): that must not delete the claim of the instance that
     * holds it (TwoInstancesTest saw exactly that let a file be taken twice).
     */
    @Override
    public boolean remove(String key) {
        if (!held.remove(key)) {
            return false;
        }
        return super.remove(key);
    }
}
