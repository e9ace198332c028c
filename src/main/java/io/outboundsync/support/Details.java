package io.outboundsync.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON objects for audit details: {@code Details.of("mode", "sandbox", "files", 3)}. */
public final class Details {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Details() {
    }

    public static ObjectNode of(Object... namesAndValues) {
        ObjectNode details = JSON.createObjectNode();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            details.set(String.valueOf(namesAndValues[i]), JSON.valueToTree(namesAndValues[i + 1]));
        }
        return details;
    }
}
