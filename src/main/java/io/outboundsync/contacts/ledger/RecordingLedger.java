package io.outboundsync.contacts.ledger;

import java.nio.file.Path;
import java.util.Optional;

/** What both ledger stores share: the drops' record (the same SQL on both) and this machine's folder. */
abstract class RecordingLedger implements Ledger {

    private final Path localDir;
    private final DropRecords drops;

    RecordingLedger(Path localDir, DropRecords drops) {
        this.localDir = localDir;
        this.drops = drops;
    }

    @Override
    public Path stateDir() {
        return localDir;
    }

    @Override
    public Optional<PreviousDrop> finishedWithSameContent(String campaign, String fileName, String sha256) {
        return drops.finishedWithSameContent(campaign, fileName, sha256);
    }

    @Override
    public long startDrop(String campaign, String fileName, String sha256) {
        return drops.start(campaign, fileName, sha256);
    }

    @Override
    public void finishDrop(long dropId, String status, String summaryJson) {
        drops.finish(dropId, status, summaryJson);
    }
}
