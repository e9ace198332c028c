package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Faults a test asks for, answered before any random fault: "the next 2 requests to this path get 503 with
 * Retry-After 1", "drop the next request". {@code POST /sandbox/faults} adds one, {@code DELETE} clears them.
 */
final class ScriptedFaults {

    /** One scripted fault: which requests it hits, what they get, how many more times. */
    static final class Script {
        final String method;
        final String pathPrefix;
        final int status;
        final boolean drop;
        /** The request is carried out, then the connection closed without its answer (a timeout that succeeded). */
        final boolean lose;
        final String retryAfter;
        int remaining;
        /** Matching requests still let through before the fault starts ({@code "after"}). */
        int passing;
        /** When the fault ends on the sandbox's clock ({@code "forMs"}: an outage of a duration), or 0. */
        final long until;

        Script(String method, String pathPrefix, int status, boolean drop, boolean lose, String retryAfter,
                int remaining, int passing, long until) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.status = status;
            this.drop = drop;
            this.lose = lose;
            this.retryAfter = retryAfter;
            this.remaining = remaining;
            this.passing = passing;
            this.until = until;
        }

        boolean matches(String requestMethod, String path) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && (pathPrefix == null || path.startsWith(pathPrefix));
        }
    }

    private final Deque<Script> scripts = new ArrayDeque<>();
    private final java.util.function.LongSupplier clock;

    /** @param clock the sandbox's clock, in milliseconds (a fault given {@code forMs} ends by it) */
    ScriptedFaults(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    /** The fault for this request, if one is scripted; counts it down. */
    synchronized Script next(String method, String path) {
        long now = clock.getAsLong();
        for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
            Script script = it.next();
            if (script.until > 0 && now >= script.until) {
                it.remove();
                continue;
            }
            if (script.matches(method, path)) {
                if (script.passing > 0) {
                    script.passing--;
                    return null;
                }
                if (--script.remaining <= 0) {
                    it.remove();
                }
                return script;
            }
        }
        return null;
    }

    /**
     * {@code {"status": 503, "times": 2, "retryAfter": "1", "path": "/api/v2/...", "method": "GET", "after": 2}} or
     * {@code {"drop": true}} (closed unanswered, not carried out) or {@code {"lose": true}} (carried out, then closed
     * unanswered: a request whose answer was lost, so the client cannot tell whether it happened); {@code after}: that many matching requests pass before the fault starts; {@code forMs}:
     * the fault lasts that long from now (an outage), for every matching request unless {@code times} is given.
     */
    Reply add(Call call) {
        ObjectNode body = Json.requireObject(call.json(), "scripted fault");
        boolean drop = Boolean.TRUE.equals(Json.optBoolean(body, "drop", "scripted fault"));
        boolean lose = Boolean.TRUE.equals(Json.optBoolean(body, "lose", "scripted fault"));
        Long status = Json.optLong(body, "status", "scripted fault");
        if (!drop && !lose && (status == null || status < 400 || status > 599)) {
            throw ApiError.badRequest("A scripted fault needs \"drop\": true, \"lose\": true or a \"status\" from"
                    + " 400 to 599.");
        }
        Long times = Json.optLong(body, "times", "scripted fault");
        Long after = Json.optLong(body, "after", "scripted fault");
        Long forMs = Json.optLong(body, "forMs", "scripted fault");
        if (forMs != null && forMs <= 0) {
            throw ApiError.badRequest("A scripted fault's \"forMs\" must be more than 0.");
        }
        int count = times != null ? times.intValue() : forMs != null ? Integer.MAX_VALUE : 1;
        synchronized (this) {
            scripts.addLast(new Script(Json.text(body, "method"), Json.text(body, "path"),
                    status == null ? 0 : status.intValue(), drop, lose, Json.text(body, "retryAfter"), count,
                    after == null ? 0 : after.intValue(), forMs == null ? 0 : clock.getAsLong() + forMs));
        }
        return Reply.status(204);
    }

    synchronized Reply list(Call call) {
        ArrayNode out = Json.array();
        for (Script script : scripts) {
            ObjectNode node = out.addObject();
            node.put("status", script.status);
            node.put("drop", script.drop);
            node.put("remaining", script.remaining);
            node.put("path", script.pathPrefix);
        }
        return Reply.ok(out);
    }

    synchronized Reply clear(Call call) {
        scripts.clear();
        return Reply.status(204);
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad.request";
            case 401 -> "bad.credentials";
            case 403 -> "missing.permissions";
            case 404 -> "not.found";
            case 409 -> "conflict";
            case 429 -> "too.many.requests";
            case 503 -> "service.unavailable";
            case 504 -> "request.timeout";
            default -> "internal.server.error";
        };
    }
}
