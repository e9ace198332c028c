package io.outboundsync.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps phone numbers and e-mail addresses out of the audit and the webhooks' free text: each becomes
 * {@code <phone:hash>} or {@code <email:hash>}, a short SHA-256 of the normalised value, so the same contact can
 * still be followed across records without being readable.
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

    private Redactor() {
    }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String withoutEmails = replace(EMAIL, text, "email", value -> value.toLowerCase(Locale.ROOT));
        return replace(PHONE, withoutEmails, "phone", value -> value.replaceAll("[^0-9+]", ""));
    }

    /** A copy of the JSON with every text value scrubbed. */
    public static JsonNode scrub(JsonNode node) {
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

    /** The short hash used in place of a value. */
    public static String fingerprint(String normalised) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String replace(Pattern pattern, String text, String kind,
            java.util.function.UnaryOperator<String> normalise) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    "<" + kind + ":" + fingerprint(normalise.apply(matcher.group())) + ">"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
