package io.outboundsync.cluster;

import java.sql.Timestamp;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-sql's orphan-lock-aware repository (its table, its lease, its connection handling) with the claim made
 * safe for instances that poll one folder at the same moment. Three things its own code does not do, each found
 * by TwoInstancesTest or KillTakeoverTest:
 * <ul>
 * <li>The claim is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} on the primary key: a new claim, or the
 * takeover of one not renewed for a lease; a live claim of another instance is left alone. (Its {@code add} asks,
 * then inserts or, finding a row by then, refreshes it: two instances both "took" one file.)</li>
 * <li>Only the claims this instance holds are given back. (Camel's file consumer "releases" the read lock of a file
 * it could not lock, which deleted the holder's claim.)</li>
 * <li>This instance's claims are renewed every third of the lease while it holds them. (A claim refreshed rather
 * than inserted was never put on its keep-alive list, so a long drop's claim ran out and the other instance took
 * the file while the first was still working on it.)</li>
 * </ul>
 */
public final class ClaimRepository extends JdbcOrphanLockAwareIdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimRepository.class);
    private static final String CLAIM = "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt)"
            + " VALUES (?, ?, ?) ON CONFLICT (processorName, messageId) DO UPDATE SET createdAt = EXCLUDED.createdAt"
            + " WHERE CAMEL_MESSAGEPROCESSED.createdAt < ?";
    private static final String RENEW = "UPDATE CAMEL_MESSAGEPROCESSED SET createdAt = ? WHERE processorName = ?"
            + " AND messageId = ?";

    /** The claims this instance made and still holds. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final CamelContext context;
    private ScheduledExecutorService renewer;

    public ClaimRepository(DataSource dataSource, String processorName, CamelContext context, long leaseMs) {
        super(dataSource, processorName, context);
        this.context = context;
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
        }
        return claimed;
    }

    /** Gives back a claim this instance holds; anything else is left as it is. */
    @Override
    public boolean remove(String key) {
        if (!held.remove(key)) {
            return false;
        }
        return super.remove(key);
    }

    /** The claims held now (what the instance is working on). */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    private void renew() {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (String key : held) {
            try {
                getJdbcTemplate().update(RENEW, now, getProcessorName(), key);
            } catch (RuntimeException e) {
                LOG.warn("The claim on {} could not be renewed ({}); another instance may take it over after {} ms",
                        key, e.getMessage(), getLockMaxAgeMillis());
            }
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        renewer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ClaimRenewer");
        long every = getLockKeepAliveIntervalMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (renewer != null) {
            context.getExecutorServiceManager().shutdownNow(renewer);
            renewer = null;
        }
        super.doStop();
    }
}
