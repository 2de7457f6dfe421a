package io.modelaudit.operator.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's small HTTP server for the kubelet and Prometheus: {@code /healthz}, {@code
 * /readyz} and {@code /metrics}.
 */
public final class OperatorHttpServer implements AutoCloseable {

  /** Prometheus text exposition format, served unless the scraper asks for OpenMetrics. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** OpenMetrics text format; only it carries exemplars. */
  static final String OPENMETRICS_TEXT =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorHttpServer.class);
  private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  private final InetSocketAddress address;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier ready;

  private HttpServer server;
  private ExecutorService executor;

  /**
   * A server that will bind to {@code address} when started; port 0 picks a free port.
   *
   * @param ready answers {@code /readyz}; called on every probe, so it must be cheap
   */
  public OperatorHttpServer(
      InetSocketAddress address, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    this.address = Objects.requireNonNull(address, "address");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.ready = Objects.requireNonNull(ready, "ready");
  }

  /** Binds and starts serving; throws {@link UncheckedIOException} when the port is taken. */
  public synchronized OperatorHttpServer start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    HttpServer http;
    try {
      http = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the operator's HTTP server to " + address, e);
    }
    http.createContext("/healthz", exact("/healthz", this::healthz));
    http.createContext("/readyz", exact("/readyz", this::readyz));
    http.createContext("/metrics", exact("/metrics", this::metrics));
    http.createContext("/", exact("/", OperatorHttpServer::notFound));
    // Own threads, so a slow scrape never delays a kubelet probe behind it.
    executor = Executors.newFixedThreadPool(2, daemonThreads());
    http.setExecutor(executor);
    http.start();
    server = http;
    LOG.info("Operator HTTP server listening on {}", http.getAddress());
    return this;
  }

  /** The port actually bound (useful when constructed with port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  /** Whether {@link #start()} has run and {@link #stop()} has not. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops serving at once; probes in flight are cut, which is fine while the pod shuts down. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    server = null;
    executor = null;
    LOG.info("Operator HTTP server stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private void healthz(HttpExchange exchange) throws IOException {
    // Answering at all is the liveness signal: the JVM and this server are alive.
    respond(exchange, 200, TEXT_PLAIN, bytes("ok\n"));
  }

  private void readyz(HttpExchange exchange) throws IOException {
    boolean isReady;
    try {
      isReady = ready.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("Readiness check failed: {}", e.toString());
      isReady = false;
    }
    if (isReady) {
      respond(exchange, 200, TEXT_PLAIN, bytes("ready\n"));
    } else {
      respond(exchange, 503, TEXT_PLAIN, bytes("not ready\n"));
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    String contentType =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPENMETRICS_TEXT
            : PROMETHEUS_TEXT;
    ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
    // Passing our own content type (not the raw Accept header) keeps the writer and the
    // Content-Type header in agreement, e.g. never protobuf under a text header.
    registry.scrape(body, contentType);
    respond(exchange, 200, contentType, body.toByteArray());
  }

  /** Serves only the exact path with GET or HEAD; contexts otherwise match by prefix. */
  private static HttpHandler exact(String path, HttpHandler handler) {
    return exchange -> {
      try (exchange) {
        if (!exchange.getRequestURI().getPath().equals(path)) {
          respond(exchange, 404, TEXT_PLAIN, bytes("not found\n"));
        } else if (!isGetOrHead(exchange)) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          respond(exchange, 405, TEXT_PLAIN, bytes("method not allowed\n"));
        } else {
          handleOr500(exchange, handler);
        }
      }
    };
  }

  private static void handleOr500(HttpExchange exchange, HttpHandler handler) throws IOException {
    try {
      handler.handle(exchange);
    } catch (RuntimeException e) {
      LOG.warn("Failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      if (exchange.getResponseCode() == -1) {
        respond(exchange, 500, TEXT_PLAIN, bytes("internal error\n"));
      }
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    respond(exchange, 404, TEXT_PLAIN, bytes("not found\n"));
  }

  private static boolean isGetOrHead(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    return "GET".equals(method) || "HEAD".equals(method);
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "modelaudit-http-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
