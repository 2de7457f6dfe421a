package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

/**
 * The real SDK client against a scripted CloudWatch Logs endpoint on 127.0.0.1: attempts that AWS
 * throttles and the SDK retries are counted, and nothing else is.
 */
class ThrottlingRetryMetricsIT {

  private static final String REGION = "us-east-1";
  private static final String THROTTLED =
      "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
  private static final String INVALID =
      "{\"__type\":\"InvalidParameterException\",\"message\":\"bad prefix\"}";
  private static final String NO_GROUPS = "{\"logGroups\":[]}";

  /** One scripted answer: HTTP status and JSON body. */
  private record Answer(int status, String body) {}

  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Answer whenScriptIsEmpty = new Answer(200, NO_GROUPS);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private HttpServer server;
  private AwsCloudWatchGateways gateways;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            Answer answer = script.poll();
            if (answer == null) {
              answer = whenScriptIsEmpty;
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    gateways = new AwsCloudWatchGateways(toLocal(endpoint), registry);
  }

  @AfterEach
  void stop() {
    gateways.close();
    server.stop(0);
  }

  @Test
  void aThrottledAttemptThatTheSdkRetriesIsCounted() {
    script.add(new Answer(400, THROTTLED));

    assertThat(gateways.forRegion(REGION).listLogGroups("/modelaudit/")).isEmpty();

    assertThat(requests.get()).isEqualTo(2);
    assertThat(retries("DescribeLogGroups")).isEqualTo(1.0);
  }

  @Test
  void theFinalThrottledAttemptIsNotARetry() {
    whenScriptIsEmpty = new Answer(400, THROTTLED);

    assertThatThrownBy(() -> gateways.forRegion(REGION).listLogGroups("/modelaudit/"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));

    assertThat(requests.get()).isGreaterThan(1);
    assertThat(retries("DescribeLogGroups")).isEqualTo(requests.get() - 1.0);
  }

  @Test
  void otherFailuresAndSuccessesAreNotCounted() {
    script.add(new Answer(400, INVALID));

    assertThatThrownBy(() -> gateways.forRegion(REGION).listLogGroups("/modelaudit/"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_INPUT));
    assertThat(gateways.forRegion(REGION).listLogGroups("/modelaudit/")).isEmpty();

    assertThat(requests.get()).isEqualTo(2);
    assertThat(registry.find(ThrottlingRetryMetrics.METRIC).counters()).isEmpty();
  }

  @Test
  void gatewaysWithoutARegistryStillWork() {
    script.add(new Answer(400, THROTTLED));
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

    try (AwsCloudWatchGateways plain = new AwsCloudWatchGateways(toLocal(endpoint))) {
      assertThat(plain.forRegion(REGION).listLogGroups("/modelaudit/")).isEmpty();
    }
    assertThat(requests.get()).isEqualTo(2);
    assertThat(registry.find(ThrottlingRetryMetrics.METRIC).counters()).isEmpty();
  }

  private double retries(String operation) {
    Counter counter =
        registry
            .find(ThrottlingRetryMetrics.METRIC)
            .tags("region", REGION, "operation", operation)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static AwsCloudWatchGateways.ClientCustomizer toLocal(URI endpoint) {
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    return new AwsCloudWatchGateways.ClientCustomizer() {
      @Override
      public void customizeLogs(String region, CloudWatchLogsClientBuilder builder) {
        builder.endpointOverride(endpoint).credentialsProvider(credentials);
      }

      @Override
      public void customizeCloudWatch(String region, CloudWatchClientBuilder builder) {
        builder.endpointOverride(endpoint).credentialsProvider(credentials);
      }
    };
  }
}
