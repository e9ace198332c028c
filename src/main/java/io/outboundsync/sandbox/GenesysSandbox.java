package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded emulator of the Genesys Cloud Platform API v2 subset Outbound Sync uses, on one loopback port:
 * {@code POST /oauth/token} and the real {@code /api/v2/...} paths, with the service's errors, version locking,
 * per-token rate limit and reproducible fault injection, plus {@code /sandbox/...} for the request journal, the
 * webhook sink and test controls.
 *
 * <p>Built on the JDK's own HTTP server: real HTTP on loopback with no extra dependency, and full control over
 * the connection, which fault injection needs (a dropped request is a closed connection, not an error reply).
 */
public final class GenesysSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GenesysSandbox.class);

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, every answer on a
        // keep-alive connection waits for the client's delayed ACK (about 40 ms). Read once, when the server
        // class loads, so it has to be set before the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SandboxSettings settings;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Router router = new Router();
    private final Tokens tokens;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final Journal journal;
    private final WebhookSink webhooks = new WebhookSink();
    private final ScriptedFaults scripted;
    private final Org org;

    private GenesysSandbox(SandboxSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.tokens = new Tokens(settings.clientId(), settings.clientSecret(), settings.tokenLifetimeSeconds(), clock);
        this.rateLimiter = new RateLimiter(settings.rateLimitPerMinute(), settings.rateLimitWindowMs(), clock);
        this.faults = new FaultInjector(settings.faultSeed(), settings.faultDropRate(), settings.faultErrorRate(),
                settings.faultSlowRate(), settings.faultSlowMs());
        this.journal = new Journal(settings.journalSize());
        this.scripted = new ScriptedFaults(clock::millis);
        this.org = new Org(settings.org(), clock);
        Downloads downloads = new Downloads();
        downloads.register(router);
        new ContactListsApi(org, settings, downloads).register(router);
        new DialerConfigApi(org).register(router);
        new CampaignsApi(org, settings).register(router);
        new OrgApi(org).register(router);
        new Dialer(org).register(router);
        new AuditsApi(org).register(router);
        router.add("POST", "/oauth/token", tokens::token)
                .add("GET", "/sandbox/journal", call -> Reply.ok(journal.since(
                        call.queryInt("since", 0, 0, Integer.MAX_VALUE), call.query("path"))))
                .add("DELETE", "/sandbox/journal", call -> {
                    journal.clear();
                    return Reply.status(204);
                })
                .add("POST", "/sandbox/webhooks/{name}", webhooks::receive)
                .add("GET", "/sandbox/webhooks", webhooks::list)
                .add("DELETE", "/sandbox/webhooks", webhooks::clear)
                .add("PUT", "/sandbox/webhooks/{name}/status", webhooks::setAnswer)
                .add("POST", "/sandbox/faults", scripted::add)
                .add("GET", "/sandbox/faults", scripted::list)
                .add("DELETE", "/sandbox/faults", scripted::clear)
                .add("PUT", "/sandbox/faults/random", faults::configure)
                .add("DELETE", "/sandbox/tokens", call -> {
                    tokens.revokeAll();
                    return Reply.status(204);
                });

        AtomicInteger threadCount = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "genesys-sandbox-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()),
                128);
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    /** Starts the emulator on {@code settings.port()} (0: a free port) of the loopback interface. */
    public static GenesysSandbox start(SandboxSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts the emulator with a given clock, so tests can expire tokens and drain campaigns. */
    public static GenesysSandbox start(SandboxSettings settings, Clock clock) {
        try {
            GenesysSandbox sandbox = new GenesysSandbox(settings, clock);
            sandbox.server.start();
            LOG.info("Genesys Cloud sandbox listening on {} (rate limit {}/min per token, faults: error {} slow {}"
                    + " drop {}, seed {})", sandbox.baseUrl(), settings.rateLimitPerMinute(),
                    settings.faultErrorRate(), settings.faultSlowRate(), settings.faultDropRate(),
                    settings.faultSeed());
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("The Genesys sandbox cannot listen on port " + settings.port()
                    + " of the loopback interface: " + e.getMessage() + ". Fix: choose another sandbox.port (0 picks"
                    + " a free one).", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: both the API and the login host of the emulated region. */
    /** The emulated org's id ({@code GET /api/v2/organizations/me}). */
    public String orgId() {
        return org.id;
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            serveOrFail(exchange);
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("Sandbox could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            exchange.close();
            throw e;
        }
    }

    private void serveOrFail(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String fault = null;
        Call call = null;
        Reply reply;
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            call = new Call(method, path, rawQuery, exchange.getRequestHeaders(), body);
            boolean api = path.startsWith("/api/v2/");
            // scripted faults reach the token endpoint and the storage host too: a test can have Genesys refuse
            // tokens for a while, or a signed download fail
            ScriptedFaults.Script script = api || path.equals("/oauth/token")
                    || path.startsWith("/sandbox/storage/") ? scripted.next(method, path) : null;
            if (script != null) {
                if (script.drop) {
                    journal.record(method, path, rawQuery, 0, millisSince(started), "scripted drop", null);
                    exchange.close();
                    return;
                }
                if (script.lose) {
                    Reply done = handle(call, api);
                    journal.record(method, path, rawQuery, done.status(), millisSince(started), "scripted lose",
                            call.clientId);
                    exchange.close(); // carried out, but the client never hears so
                    return;
                }
                fault = "scripted " + script.status;
                throw new Injected(script.status, script.retryAfter);
            }
            if (api && faults.enabled()) {
                FaultInjector.Decision decision = faults.next();
                if (decision.fault() == FaultInjector.Fault.DROP) {
                    journal.record(method, path, rawQuery, 0, millisSince(started), "drop", null);
                    exchange.close(); // no status line, no headers: the client sees the connection closed
                    return;
                }
                if (decision.slow()) {
                    fault = "slow";
                    Thread.sleep(decision.slowMs());
                }
                if (decision.fault() == FaultInjector.Fault.ERROR) {
                    fault = fault == null ? "error" : fault + "+error";
                    throw new Injected(503, String.valueOf(settings.faultRetryAfterSeconds()));
                }
            }
            reply = handle(call, api);
        } catch (Injected e) {
            reply = error(new ApiError(e.status, ScriptedFaults.codeFor(e.status), "Fault injected by the sandbox: "
                    + e.status + "."));
            if (e.retryAfter != null) {
                reply.header("Retry-After", e.retryAfter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (RuntimeException e) {
            LOG.error("Sandbox failed on {} {}", method, path, e);
            reply = error(new ApiError(500, "internal.server.error", "The sandbox failed: " + e));
        }
        // journaled before the answer goes out: a client that asks the journal right after its answer finds it
        journal.record(method, path, rawQuery, reply.status(), millisSince(started), fault,
                call == null ? null : call.clientId);
        send(exchange, reply);
    }

    private Reply handle(Call call, boolean api) {
        Map<String, String> limitHeaders = Map.of();
        try {
            Router.Handler handler = router.resolve(call);
            if (api) {
                String token = tokens.authenticate(call);
                limitHeaders = rateLimiter.admit(token);
            }
            Reply reply = handler.handle(call);
            reply.headers().putAll(limitHeaders);
            return reply;
        } catch (RateLimiter.Limited e) {
            return error(new ApiError(429, "too.many.requests", e.getMessage()))
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds))
                    .header("inin-ratelimit-count", String.valueOf(e.count))
                    .header("inin-ratelimit-allowed", String.valueOf(e.limit))
                    .header("inin-ratelimit-reset", String.valueOf(e.retryAfterSeconds));
        } catch (ApiError e) {
            Reply reply = error(e);
            reply.headers().putAll(limitHeaders);
            return reply;
        } catch (io.outboundsync.support.InvalidJson e) {
            Reply reply = error(new ApiError(400, e.code(), e.getMessage()));
            reply.headers().putAll(limitHeaders);
            return reply;
        }
    }

    /** The service's {@code ErrorBody}, with the correlation id also in {@code ININ-Correlation-ID}. */
    private static Reply error(ApiError e) {
        String contextId = UUID.randomUUID().toString();
        ObjectNode body = Json.object();
        body.put("message", e.getMessage());
        body.put("code", e.code);
        body.put("status", e.status);
        body.put("messageWithParams", e.messageWithParams);
        ObjectNode params = body.putObject("messageParams");
        e.messageParams.forEach(params::put);
        body.put("contextId", contextId);
        body.putArray("details");
        body.putArray("errors");
        return Reply.of(e.status, body).header("ININ-Correlation-ID", contextId);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (reply.file() != null) {
            exchange.sendResponseHeaders(reply.status(), java.nio.file.Files.size(reply.file()));
            try (OutputStream out = exchange.getResponseBody()) {
                java.nio.file.Files.copy(reply.file(), out);
            }
            return;
        }
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static final class Injected extends RuntimeException {
        final int status;
        final String retryAfter;

        Injected(int status, String retryAfter) {
            super(null, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }
}
