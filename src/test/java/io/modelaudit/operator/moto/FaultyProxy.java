package io.modelaudit.operator.moto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP proxy on 127.0.0.1 in front of moto that answers a fraction of the requests itself,
 * the way a struggling AWS endpoint does: a throttling error, a 503, or a connection closed without
 * an answer. The rest pass through to moto unchanged.
 */
public final class FaultyProxy implements AutoCloseable {

  /** What the proxy did to a request it did not pass on. */
  public enum Fault {
    THROTTLING,
    SERVICE_UNAVAILABLE,
    CONNECTION_RESET
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "expect",
          "upgrade",
          "keep-alive");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Random random;
  private volatile double faultRate;
  private final Map<Fault, AtomicInteger> injected =
      Map.of(
          Fault.THROTTLING, new AtomicInteger(),
          Fault.SERVICE_UNAVAILABLE, new AtomicInteger(),
          Fault.CONNECTION_RESET, new AtomicInteger());
  private final AtomicInteger passed = new AtomicInteger();
  private final Set<String> deniedRoles = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<String> passedBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger deniedAssumeRoles = new AtomicInteger();

  /**
   * @param target moto's endpoint
   * @param faultRate the fraction of requests answered with a fault, 0 to 1
   * @param seed makes the choice of faulty requests repeatable for one order of requests
   */
  public FaultyProxy(URI target, double faultRate, long seed) {
    this.target = target;
    this.faultRate = faultRate;
    this.random = new Random(seed);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Where the proxy listens; give it to the SDK clients as their endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void faultRate(double rate) {
    faultRate = rate;
  }

  public int injected(Fault fault) {
    return injected.get(fault).get();
  }

  public int injectedTotal() {
    return injected.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public int passed() {
    return passed.get();
  }

  /**
   * From now on, STS AssumeRole of this role is refused with 403 AccessDenied, as AWS answers when
   * the role's trust policy does not let the caller in (moto assumes any role, trust policy or
   * not). Other requests are not affected.
   */
  public void denyAssumeRole(String roleArn) {
    deniedRoles.add(roleArn);
  }

  /** How many AssumeRole requests were refused by {@link #denyAssumeRole}. */
  public int deniedAssumeRoles() {
    return deniedAssumeRoles.get();
  }

  /** The bodies of the requests passed on to moto, as text, oldest first. */
  public List<String> passedBodies() {
    return List.copyOf(passedBodies);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String text = new String(body, StandardCharsets.ISO_8859_1);
      String decoded = java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
      if (decoded.contains("Action=AssumeRole")
          && deniedRoles.stream().anyMatch(role -> decoded.contains("RoleArn=" + role))) {
        deniedAssumeRoles.incrementAndGet();
        refuseAssumeRole(exchange, decoded);
        return;
      }
      Fault fault = pick();
      if (fault != null) {
        injected.get(fault).incrementAndGet();
        answerWith(fault, exchange);
        return;
      }
      passed.incrementAndGet();
      passedBodies.add(text);
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Fault pick() {
    synchronized (random) {
      if (random.nextDouble() >= faultRate) {
        return null;
      }
      double kind = random.nextDouble();
      return kind < 0.4
          ? Fault.THROTTLING
          : kind < 0.8 ? Fault.SERVICE_UNAVAILABLE : Fault.CONNECTION_RESET;
    }
  }

  /** Answers as AWS does; JSON 1.1 (Logs) and JSON 1.0 (CloudWatch, via the bridge) alike. */
  private static void answerWith(Fault fault, HttpExchange exchange) throws IOException {
    if (fault == Fault.CONNECTION_RESET) {
      // no status line at all: the client sees the connection close under it
      exchange.close();
      return;
    }
    boolean logs = isLogs(exchange);
    String type =
        fault == Fault.THROTTLING
            ? (logs ? "ThrottlingException" : "Throttling")
            : (logs ? "ServiceUnavailableException" : "ServiceUnavailable");
    int status = fault == Fault.THROTTLING ? 400 : 503;
    byte[] json =
        ("{\"__type\":\"" + type + "\",\"message\":\"injected by the test proxy\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType(exchange));
    exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
    exchange.getResponseHeaders().add("x-amzn-RequestId", "injected");
    exchange.sendResponseHeaders(status, json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }

  /** STS's own answer (AWS Query protocol, XML) to an AssumeRole the trust policy refuses. */
  private static void refuseAssumeRole(HttpExchange exchange, String request) throws IOException {
    String role =
        deniedRoleOf(request).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    byte[] xml =
        ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<Error><Type>Sender</Type><Code>AccessDenied</Code>"
                + "<Message>User: arn:aws:sts::123456789012:assumed-role/operator/session is not"
                + " authorized to perform: sts:AssumeRole on resource: "
                + role
                + "</Message></Error><RequestId>denied-by-test-proxy</RequestId></ErrorResponse>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(403, xml.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(xml);
    }
  }

  private static String deniedRoleOf(String request) {
    for (String pair : request.split("&")) {
      if (pair.startsWith("RoleArn=")) {
        return pair.substring("RoleArn=".length());
      }
    }
    return "";
  }

  private void forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    URI uri = target.resolve(exchange.getRequestURI().toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<InputStream> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] content;
    try (InputStream in = answer.body()) {
      content = in.readAllBytes();
    }
    exchange.sendResponseHeaders(answer.statusCode(), content.length == 0 ? -1 : content.length);
    if (content.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content);
      }
    }
  }

  private static boolean isLogs(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    return target != null && target.startsWith("Logs_");
  }

  private static String contentType(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    return type == null ? "application/x-amz-json-1.1" : type;
  }
}
