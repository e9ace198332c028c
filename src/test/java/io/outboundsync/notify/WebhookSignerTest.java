package io.outboundsync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // RFC 4231 style check computed independently: HMAC-SHA256("secret", "1700000000.{}")
        assertThat(WebhookSigner.sign("secret", "1700000000", "{}"))
                .isEqualTo("sha256=" + Hmac.hex("secret", "1700000000.{}"));
    }

    @Test
    void verifiesOnlyTheSameSecretTimestampAndBody() {
        String signature = WebhookSigner.sign("s3cret", "1700000000", "{\"a\":1}");
        assertThat(WebhookSigner.verify("s3cret", "1700000000", "{\"a\":1}", signature)).isTrue();
        assertThat(WebhookSigner.verify("other", "1700000000", "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000001", "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", "{\"a\":2}", signature)).isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", "{\"a\":1}", null)).isFalse();
    }
}
