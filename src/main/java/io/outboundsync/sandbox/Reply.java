package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the emulator answers: a status, optional headers and an optional JSON body. */
record Reply(int status, JsonNode body, Map<String, String> headers) {

    static Reply ok(JsonNode body) {
        return new Reply(200, body, new LinkedHashMap<>());
    }

    static Reply status(int status) {
        return new Reply(status, null, new LinkedHashMap<>());
    }

    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, new LinkedHashMap<>());
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
