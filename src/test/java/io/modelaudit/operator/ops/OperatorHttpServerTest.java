package io.modelaudit.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ops server's endpoints, answered over real HTTP on the loopback interface. */
class OperatorHttpServerTest {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private PrometheusMeterRegistry registry;
  private OperatorHttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server = new OperatorHttpServer(loopback(0), registry, ready::get).start();
  }

  @AfterEach
  void stopServer() {
    server.close();
    registry.close();
  }

  @Test
  void bindsAFreePortWhenAskedForPortZero() {
    assertThat(server.port()).isPositive();
    assertThat(server.isRunning()).isTrue();
  }

  @Test
  void healthzAnswersOkWhileRunning() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void readyzFollowsTheSupplier() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(503);

    ready.set(true);
    HttpResponse<String> response = get("/readyz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ready\n");

    ready.set(false);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void readyzIsUnavailableWhenTheSupplierThrows() throws Exception {
    try (OperatorHttpServer failing =
        new OperatorHttpServer(
                loopback(0),
                registry,
                () -> {
                  throw new IllegalStateException("informers not started");
                })
            .start()) {
      HttpResponse<String> response = get(failing.port(), "/readyz", null);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("not ready\n");
    }
  }

  @Test
  void metricsServesTheRegistryInPrometheusTextFormat() throws Exception {
    Counter counter = registry.counter("modelaudit.test.reconciles", "outcome", "success");
    counter.increment(3);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE modelaudit_test_reconciles_total counter")
        .contains("modelaudit_test_reconciles_total{outcome=\"success\"} 3.0");
  }

  @Test
  void metricsServesOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    registry.counter("modelaudit.test.reconciles").increment();

    HttpResponse<String> response =
        get(server.port(), "/metrics", "application/openmetrics-text;version=1.0.0,*/*;q=0.1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(response.body())
        .contains("modelaudit_test_reconciles_total 1.0")
        .endsWith("# EOF\n");
  }

  @Test
  void headRequestsGetHeadersOnly() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri(server.port(), "/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
    assertThat(get("/metricsx").statusCode()).isEqualTo(404);
  }

  @Test
  void otherMethodsAreNotAllowed() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri(server.port(), "/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void stopClosesThePortAndIsIdempotent() {
    int port = server.port();

    server.stop();
    server.stop();

    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> get(port, "/healthz", null)).isInstanceOf(ConnectException.class);
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesToStartTwice() {
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reportsAPortThatIsAlreadyTaken() {
    OperatorHttpServer second =
        new OperatorHttpServer(loopback(server.port()), registry, () -> true);

    assertThatThrownBy(second::start)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(String.valueOf(server.port()));
    assertThat(second.isRunning()).isFalse();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(server.port(), path, null);
  }

  private HttpResponse<String> get(int port, String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }
}
