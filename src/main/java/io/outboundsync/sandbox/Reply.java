package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the emulator answers: a status, optional headers and an optional JSON body, or a file (a download). */
record Reply(int status, JsonNode body, Map<String, String> headers, java.nio.file.Path file) {

    static Reply ok(JsonNode body) {
        return new Reply(200, body, new LinkedHashMap<>(), null);
    }

    static Reply status(int status) {
        return new Reply(status, null, new LinkedHashMap<>(), null);
    }

    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, new LinkedHashMap<>(), null);
    }

    /** A file as the answer (a contact list export's download), streamed from disk. */
    static Reply file(java.nio.file.Path file, String contentType) {
        Reply reply = new Reply(200, null, new LinkedHashMap<>(), file);
        reply.headers().put("Content-Type", contentType);
        return reply;
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
