package io.modelaudit.operator.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on 127.0.0.1 in front of moto for an operator that runs in another JVM, where the
 * {@link CborJsonBridge} interceptor cannot reach its SDK clients: it does the same rewrite on the
 * wire (RPC v2 CBOR requests to CloudWatch become AWS JSON 1.0, moto's JSON answers go back as
 * CBOR) and passes everything else (CloudWatch Logs' JSON 1.1) through, except the CloudWatch Logs
 * operations moto lacks, which it answers from the fake's store ({@link MotoGapsHttp}). It records
 * every call it forwarded or answered, with when it arrived and when its answer left, so a test can
 * tell which process called AWS, when, and with what.
 */
public final class CborBridgeProxy implements AutoCloseable {

  /** One AWS call that went through the proxy. */
  public record Call(String operation, JsonNode request, long startNanos, long endNanos) {

    /** A text field of the request, e.g. logGroupName or AlarmName; null when absent. */
    public String field(String name) {
      JsonNode value = request.get(name);
      return value == null || value.isNull() ? null : value.asText();
    }

    /** Whether the operation changes AWS (creates, puts, tags, deletes, associates...). */
    public boolean isWrite() {
      return !(operation.startsWith("Describe")
          || operation.startsWith("List")
          || operation.startsWith("Get"));
    }
  }

  private static final Pattern RPC_V2_PATH =
      Pattern.compile("^(.*?)/service/([^/]+)/operation/([^/]+)$");

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "expect",
          "upgrade",
          "keep-alive");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final MotoGapsHttp gaps;

  /** Starts the proxy in front of moto's endpoint. */
  public CborBridgeProxy(URI target) {
    this.target = target;
    this.gaps = new MotoGapsHttp(target);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Where the proxy listens: the AWS_ENDPOINT_URL of the process under test. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every call forwarded so far, in the order their answers left. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    gaps.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      Matcher rpc = RPC_V2_PATH.matcher(path);
      boolean cbor = rpc.matches() && isCbor(exchange);
      String operation;
      HttpRequest.Builder request;
      if (cbor) {
        body = CborJsonBridge.cborToJson(body);
        operation = rpc.group(3);
        String base = rpc.group(1);
        request =
            HttpRequest.newBuilder(target.resolve(base.isEmpty() ? "/" : base + "/"))
                .header("X-Amz-Target", rpc.group(2) + "." + operation)
                .header("Content-Type", CborJsonBridge.JSON_1_0)
                .header("Accept", CborJsonBridge.JSON_1_0);
        copyHeaders(exchange, request, Set.of("content-type", "accept", "smithy-protocol"));
      } else {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        operation =
            amzTarget != null
                ? amzTarget.substring(amzTarget.indexOf('.') + 1)
                : queryAction(body).orElse(path);
        if (amzTarget != null
            && amzTarget.startsWith("Logs_")
            && MotoGapsHttp.OPERATIONS.contains(operation)) {
          MotoGapsHttp.Answer answer = gaps.answer(operation, region(exchange), parse(body));
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(answer.status(), answer.body().length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
          }
          calls.add(new Call(operation, parse(body), start, System.nanoTime()));
          return;
        }
        request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()));
        copyHeaders(exchange, request, Set.of());
      }
      request
          .timeout(Duration.ofSeconds(30))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      HttpResponse<InputStream> answer =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] content;
      try (InputStream in = answer.body()) {
        content = in.readAllBytes();
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(lower)
                    && !name.startsWith(":")
                    && !(cbor && lower.equals("content-type"))) {
                  exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      if (cbor) {
        content = CborJsonBridge.jsonToCbor(content);
        exchange.getResponseHeaders().set("Content-Type", CborJsonBridge.CBOR);
        exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
      }
      exchange.sendResponseHeaders(answer.statusCode(), content.length == 0 ? -1 : content.length);
      if (content.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(content);
        }
      }
      calls.add(new Call(operation, parse(body), start, System.nanoTime()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The region the request was signed for (Credential=.../date/region/service/aws4_request). */
  private static String region(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      Matcher credential = CREDENTIAL.matcher(authorization);
      if (credential.find()) {
        return credential.group(1);
      }
    }
    return MotoSupport.REGION;
  }

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");

  /** The Action of a query-protocol request (STS: Action=GetCallerIdentity&Version=...). */
  private static java.util.Optional<String> queryAction(byte[] body) {
    for (String pair : new String(body, java.nio.charset.StandardCharsets.UTF_8).split("&")) {
      if (pair.startsWith("Action=")) {
        return java.util.Optional.of(pair.substring("Action=".length()));
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean isCbor(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).startsWith(CborJsonBridge.CBOR);
  }

  private static void copyHeaders(
      HttpExchange exchange, HttpRequest.Builder request, Set<String> except) {
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(lower) && !except.contains(lower)) {
                values.forEach(v -> request.header(name, v));
              }
            });
  }

  private static JsonNode parse(byte[] json) {
    try {
      return json.length == 0 ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
