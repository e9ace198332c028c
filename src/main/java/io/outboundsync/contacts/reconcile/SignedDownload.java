package io.outboundsync.contacts.reconcile;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URL a contact list export is fetched from: what {@code GET /api/v2/downloads/{id}?issueRedirect=false} answers
 * ({@code UrlResponse.url}), signed for the storage host. It is a credential (whoever holds it reads the file, which
 * holds contacts): taken only over https (http on loopback: the sandbox), and a failure is said with its host and the
 * status, never the URL.
 */
final class SignedDownload {

    private SignedDownload() {
    }

    /** The answer's URL, checked; {@code listId} names the list in the refusal. */
    static URI of(String url, String listId) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("Genesys answered the download of contact list " + listId
                    + " without a url");
        }
        URI signed;
        try {
            signed = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Genesys answered the download of contact list " + listId
                    + " with a url that is not one");
        }
        boolean loopback = "http".equalsIgnoreCase(signed.getScheme()) && signed.getHost() != null
                && (signed.getHost().equals("localhost") || signed.getHost().startsWith("127.")
                        || signed.getHost().equals("[::1]"));
        if (!"https".equalsIgnoreCase(signed.getScheme()) && !loopback) {
            throw new IllegalStateException("The download of contact list " + listId + " is offered at "
                    + signed.getScheme() + "://" + signed.getHost() + ", not over https: refused (the file holds"
                    + " contacts)");
        }
        return signed;
    }

    /** The download from the signed URL's host failed: said with the host and the status only. */
    static IllegalStateException failed(String host, String listId, Exception failure) {
        int status = io.outboundsync.support.HttpFailures.status(failure);
        return new IllegalStateException("The export of contact list " + listId + " could not be downloaded from "
                + host + ": " + (status != 0 ? "it answered " + status
                        : "no answer (" + failure.getClass().getSimpleName() + ")")
                + ". Fix: try again; a signed URL expires, each reconciliation asks for a fresh one");
    }
}
