package io.outboundsync.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps phone numbers and e-mail addresses out of the audit, the webhooks, dead letters and reject details: each
 * becomes {@code <phone:…>} or {@code <email:…>}, the first 48 bits of an HMAC-SHA-256 of the normalised value under
 * the pseudonym key ({@link PseudonymKey}), so the same contact can still be followed across records without
 * being readable. Keyed, because every phone number of a country can be hashed in minutes: an unkeyed hash of one
 * reverses to it; without the key, a pseudonym cannot be checked against a guess.
 */
public final class Redactor {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /**
     * An international number ({@code +13175550100}, {@code +44 20 7946 0958}) or a North American one written with
     * separators ({@code (317) 555-0100}).
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])\\+\\d(?:[ .()-]?\\d){6,14}(?!\\d)"
                    + "|(?<![\\w-])\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}(?![\\w-])");

    private final SecretKeySpec key;

    /** @param key the pseudonym key's bytes (at least 16) */
    public Redactor(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a pseudonym key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String withoutEmails = replace(EMAIL, text, "email", value -> value.toLowerCase(Locale.ROOT));
        return replace(PHONE, withoutEmails, "phone", value -> value.replaceAll("[^0-9+]", ""));
    }

    /** A copy of the JSON with every text value scrubbed. */
    public JsonNode scrub(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(scrub(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), scrub(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(scrub(item)));
            return copy;
        }
        return node;
    }

    /** The pseudonym of a normalised value: 48 bits of its HMAC-SHA-256 under the key, in hex. */
    public String pseudonym(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String replace(Pattern pattern, String text, String kind,
            java.util.function.UnaryOperator<String> normalise) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    "<" + kind + ":" + pseudonym(normalise.apply(matcher.group())) + ">"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
