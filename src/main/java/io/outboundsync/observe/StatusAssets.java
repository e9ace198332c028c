package io.outboundsync.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The status page's files, served from the jar and nothing else: the page, its script and style, and uPlot (the
 * chart library, from its webjar). A name not in this list is not found: no path is ever built from a request.
 *
 * <p>Hand-made, not {@code camel.server.staticEnabled}: Camel's static handler builds the path from the request,
 * looks it up in the working directory before the class path, reads every file as text, answers any method and
 * sets no caching header; this serves five known files, bytes as they are, GET only (routes/status.camel.yaml).
 */
public final class StatusAssets {

    /** A file to serve: its bytes and content type. */
    public record Asset(byte[] body, String contentType) {
    }

    private final Map<String, Asset> assets;

    public StatusAssets() {
        String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
        assets = Map.of(
                "index.html", load("status/index.html", "text/html; charset=UTF-8"),
                "status.js", load("status/status.js", "text/javascript; charset=UTF-8"),
                "status.css", load("status/status.css", "text/css; charset=UTF-8"),
                "uPlot.iife.min.js", load(uplot + "uPlot.iife.min.js", "text/javascript; charset=UTF-8"),
                "uPlot.min.css", load(uplot + "uPlot.min.css", "text/css; charset=UTF-8"));
    }

    /** The file of this name, or null (the route answers 404). */
    public Asset get(String name) {
        return name == null ? null : assets.get(name);
    }

    /** The page itself. */
    public Asset page() {
        return assets.get("index.html");
    }

    private static Asset load(String resource, String contentType) {
        try (InputStream in = StatusAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the status page's file " + resource + " is not in the jar: rebuild"
                        + " it with mvn package");
            }
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a webjar on the class path (its Maven properties), so the pom alone decides it. */
    static String webjarVersion(String artifact) {
        String resource = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = StatusAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the webjar org.webjars.npm:" + artifact + " is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
