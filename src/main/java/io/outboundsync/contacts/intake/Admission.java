package io.outboundsync.contacts.intake;

import io.outboundsync.contacts.CampaignContacts;
import io.outboundsync.contacts.ledger.Ledger;
import java.nio.file.Path;

/**
 * What the gate made of a file found in the inbox ({@link DropGate#admit}), for the route to choose on.
 *
 * @param verdict  {@code ADMITTED}: a drop to read; {@code REFUSED}: never readable as it is (to {@code failed/});
 *                 {@code SKIPPED}: processed before with the same content; {@code WAITING}: it stays in the inbox
 *                 (its campaign's file is broken, it cannot be opened now, it is still being written)
 * @param reason   why it is refused, or null
 * @param campaign the campaign it is for (null when unknown)
 * @param facts    its size, checksum and text (null when it was not inspected)
 * @param stamp    its stamp when it was inspected, to tell whether it changed while it was read
 * @param previous the earlier drop of the same content, when skipped
 */
public record Admission(Path file, String campaignKey, String trigger, Verdict verdict, String reason,
        CampaignContacts campaign, DropFile facts, DropFile.Stamp stamp, Ledger.PreviousDrop previous) {

    /** What becomes of the file. */
    public enum Verdict { ADMITTED, REFUSED, SKIPPED, WAITING }

    static Admission refused(Path file, String campaignKey, String trigger, String reason, CampaignContacts campaign,
            DropFile facts) {
        return new Admission(file, campaignKey, trigger, Verdict.REFUSED, reason, campaign, facts, null, null);
    }

    static Admission waiting(Path file, String campaignKey, String trigger) {
        return new Admission(file, campaignKey, trigger, Verdict.WAITING, null, null, null, null, null);
    }

    public String getName() {
        return file.getFileName().toString();
    }

}
