package io.outboundsync.notify;

/**
 * A webhook receiver: {@code cdp} or {@code wfm}, its URL and shared secret ({@code notify.<name>.url},
 * {@code notify.<name>.secret}). A target without a URL is not configured and its events are skipped.
 */
public record WebhookTarget(String name, String url, String secret) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "WebhookTarget[" + name + " -> " + url + ", secret redacted]";
    }
}
