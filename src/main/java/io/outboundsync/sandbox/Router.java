package io.outboundsync.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches a method and a path such as {@code /api/v2/outbound/contactlists/{contactListId}} to a handler. */
final class Router {

    interface Handler {
        Reply handle(Call call);
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler));
        return this;
    }

    /** The handler for the call, with its path parameters set; 404 for an unknown path, 405 for a wrong method. */
    Handler resolve(Call call) {
        String[] path = split(call.path);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments, path);
            if (params != null) {
                pathKnown = true;
                if (route.method.equals(call.method)) {
                    call.pathParams = params;
                    return route.handler;
                }
            }
        }
        if (pathKnown) {
            throw new ApiError(405, "method.not.allowed", "Method " + call.method + " is not allowed on "
                    + call.path + ".");
        }
        throw new ApiError(404, "not.found", "No resource at " + call.path + ".");
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
