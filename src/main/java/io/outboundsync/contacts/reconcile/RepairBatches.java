package io.outboundsync.contacts.reconcile;

import io.outboundsync.contacts.ledger.Ledger;
import io.outboundsync.contacts.upload.DialerContact;
import io.outboundsync.contacts.upload.Upsert;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The contacts a repair sends again, as add-contacts batches ({@link Upsert}) read lazily from the comparison's id
 * file: each with the ledger's last acknowledged values, never a withdrawn one. The split of
 * {@code routes/contacts-reconcile.camel.yaml} streams them through the halving route; closing (Camel closes a
 * {@code Closeable} iterator when the split ends) removes the id file.
 */
final class RepairBatches implements Iterator<Upsert>, Closeable {

    private final Reconciling run;
    private final Ledger ledger;
    private final int batchSize;
    private final Path ids;
    private final BufferedReader reader;
    private Upsert next;
    private boolean closed;

    RepairBatches(Reconciling run, Ledger ledger, Path ids, int batchSize) {
        this.run = run;
        this.ledger = ledger;
        this.ids = ids;
        this.batchSize = batchSize;
        try {
            this.reader = Files.newBufferedReader(ids, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return next != null;
        }
        try {
            while (next == null) {
                List<String> batch = new ArrayList<>(batchSize);
                String id;
                while (batch.size() < batchSize && (id = reader.readLine()) != null) {
                    batch.add(id);
                }
                if (batch.isEmpty()) {
                    return false;
                }
                next = upsert(batch);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Upsert next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Upsert batch = next;
        next = null;
        return batch;
    }

    /** The batch's contacts that are still acknowledged and not withdrawn; null when none is. */
    private Upsert upsert(List<String> batch) {
        List<String> columns = run.spec().columns();
        Map<String, String[]> values = ledger.acknowledgedValues(run.listId(), batch);
        Set<String> withdrawn = ledger.withdrawnAmong(run.listId(), batch);
        List<DialerContact> contacts = new ArrayList<>(batch.size());
        for (String id : batch) {
            String[] row = values.get(id);
            if (row != null && !withdrawn.contains(id)) {
                contacts.add(new DialerContact(id, run.listId(), columns, Arrays.copyOf(row, columns.size()), null,
                        null));
            }
        }
        return contacts.isEmpty() ? null : new Upsert(run.listId(), run.flags(), contacts);
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Reconciler.deleteQuietly(ids);
        }
    }
}
