package io.modelaudit.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What kubectl talks to: a small HTTP server on 127.0.0.1 that passes every request to the mock API
 * server, except watches over plain HTTP. The mock server only watches over WebSocket (the fabric8
 * client's way) and cannot stream a response, while kubectl ({@code get --watch}, {@code delete}
 * waiting for the object to go) reads a chunked stream of JSON events. This front streams them from
 * the dispatcher's {@link WatchHistory}, as Tables when kubectl asks for them.
 */
final class KubectlFront implements AutoCloseable {

  /** How long a watch stays open at most when kubectl gives no timeoutSeconds. */
  private static final Duration MAX_WATCH = Duration.ofMinutes(30);

  private static final Set<String> HOP_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "keep-alive",
          "transfer-encoding",
          "upgrade",
          "te",
          "trailer",
          "http2-settings");

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI backend;
  private final SandboxApiDispatcher dispatcher;
  private final HttpClient http;
  private final ObjectMapper mapper = Serialization.jsonMapper();
  private volatile boolean closed;

  private KubectlFront(URI backend, SandboxApiDispatcher dispatcher) throws IOException {
    this.backend = backend;
    this.dispatcher = dispatcher;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "kubectl-front");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts the front on 127.0.0.1 and a free port, in front of the mock server at {@code backend}.
   */
  static KubectlFront start(URI backend, SandboxApiDispatcher dispatcher) {
    try {
      return new KubectlFront(backend, dispatcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      Map<String, String> params = SandboxApiDispatcher.parseQuery(rawQuery);
      if ("GET".equals(exchange.getRequestMethod()) && SandboxApiDispatcher.isWatch(params)) {
        Optional<ResourcePath> resource = ResourcePath.parse(uri.getRawPath());
        if (resource.isPresent()) {
          streamWatch(exchange, resource.get(), params);
          return;
        }
      }
      forward(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // kubectl went away mid-stream, or the sandbox is stopping: nothing left to answer.
      if (!closed) {
        throw e;
      }
    }
  }

  // ---- plain requests ----

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(60))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Headers headers = exchange.getResponseHeaders();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, values);
              }
            });
    byte[] answer = response.body();
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  // ---- watches ----

  /**
   * Streams the changes after the requested resource version, as a real API server does; without a
   * version, the current objects come first as ADDED. Ends at kubectl's timeoutSeconds, when
   * kubectl goes away, or when the sandbox stops.
   */
  private void streamWatch(HttpExchange exchange, ResourcePath resource, Map<String, String> params)
      throws IOException, InterruptedException {
    WatchHistory history = dispatcher.history();
    long cursor = parseLong(params.get("resourceVersion"));
    Optional<FieldSelector> fields =
        Optional.ofNullable(params.get("fieldSelector")).map(FieldSelector::parse);
    String labels = params.get("labelSelector");
    boolean table =
        SandboxApiDispatcher.wantsTable(exchange.getRequestHeaders().getFirst("Accept"));
    Duration timeout =
        params.containsKey("timeoutSeconds")
            ? Duration.ofSeconds(Math.max(1, parseLong(params.get("timeoutSeconds"))))
            : MAX_WATCH;
    if (cursor > 0 && !history.covers(cursor)) {
      gone(exchange, cursor);
      return;
    }
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (cursor == 0) {
      cursor = history.latest();
      String collection = exchange.getRequestURI().getRawPath();
      for (JsonNode object : dispatcher.list(collection)) {
        if (selected(object, fields, labels)) {
          write(out, event("ADDED", object, resource, table));
        }
      }
    }
    out.flush();
    Instant deadline = Instant.now().plus(timeout);
    while (!closed && Instant.now().isBefore(deadline)) {
      for (WatchHistory.Change change : history.after(cursor, resource, 1000)) {
        cursor = change.version();
        if (selected(change.object(), fields, labels)) {
          write(out, event(change.type(), change.object(), resource, table));
        }
      }
    }
    out.close();
  }

  private static boolean selected(
      JsonNode object, Optional<FieldSelector> fields, String labelSelector) {
    return fields.map(f -> f.test(object)).orElse(true)
        && WatchHistory.labelsMatch(object, labelSelector);
  }

  private String event(String type, JsonNode object, ResourcePath resource, boolean table) {
    ObjectNode event = mapper.createObjectNode();
    event.put("type", type);
    String version = object.path("metadata").path("resourceVersion").asText("");
    event.set("object", table ? dispatcher.tableOf(resource, List.of(object), version) : object);
    try {
      return mapper.writeValueAsString(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
  }

  /** 410 Gone as the watch's only event: kubectl lists again and watches from there. */
  private void gone(HttpExchange exchange, long version) throws IOException {
    ObjectNode status = mapper.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("message", "too old resource version: " + version);
    status.put("reason", "Expired");
    status.put("code", 410);
    ObjectNode event = mapper.createObjectNode();
    event.put("type", "ERROR");
    event.set("object", status);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      write(out, mapper.writeValueAsString(event));
    }
  }

  private static long parseLong(String text) {
    try {
      return text == null || text.isBlank() ? 0 : Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
