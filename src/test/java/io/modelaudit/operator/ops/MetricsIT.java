package io.modelaudit.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.ModelAuditOperator;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.OperatorHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator with the in-memory CloudWatch, scraped as Prometheus would: JOSDK's reconcile
 * series, AWS calls by operation and outcome, and per-resource readiness and alarm state.
 */
class MetricsIT {

  private static final String NAMESPACE = "ml-metrics";
  private static final String NAME = "fraud-detector";
  private static final String REGION = "us-east-1";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Operator> operator = new AtomicReference<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private OperatorHarness harness;
  private OperatorHttpServer server;

  @BeforeEach
  void startServer() {
    harness = OperatorHarness.apiServerOnly(OperatorHarness.fastConfig());
    server =
        new OperatorHttpServer(
            new InetSocketAddress("127.0.0.1", 0),
            registry,
            () -> operator.get() != null && ModelAuditOperator.isReady(operator.get()));
    server.start();
  }

  @AfterEach
  void stopAll() {
    try {
      server.close();
    } finally {
      harness.close();
    }
  }

  @Test
  void readyzAnswers200OnlyWhileTheOperatorIsStarted() throws Exception {
    Operator built =
        ModelAuditOperator.create(
            harness.client(),
            aws,
            OperatorHarness.fastConfig(),
            Optional.empty(),
            new SimpleMeterRegistry());
    operator.set(built);
    try {
      assertThat(get("/readyz").statusCode()).isEqualTo(503);

      built.start();

      assertThat(get("/readyz").statusCode()).isEqualTo(200);
      assertThat(get("/healthz").statusCode()).isEqualTo(200);
    } finally {
      built.stop();
    }
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void scrapeShowsReconcileAwsAndResourceSeries() throws Exception {
    operator.set(harness.startOperator(aws, Optional.empty(), registry));
    ModelAudit seed = Fixtures.example(Fixtures.SEED_EXAMPLE);
    seed.getMetadata().setNamespace(NAMESPACE);
    harness.create(seed);
    harness.awaitReady(NAMESPACE, NAME);

    // A throttled read on the next resync, then the alarm fires: both must show in the scrape.
    aws.failNext(InMemoryCloudWatch.DESCRIBE_ALARMS, Kind.TRANSIENT, 1);
    aws.setAlarmState(
        REGION, "modelaudit-" + NAMESPACE + "/" + NAME + "/high-event-rate", "ALARM", "test");
    harness.awaitStatus(NAMESPACE, NAME, r -> "ALARM".equals(r.getStatus().getAlarmState()));
    harness.awaitReady(NAMESPACE, NAME);

    Map<String, String> resource = Map.of("namespace", NAMESPACE, "name", NAME);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              List<Sample> scrape = scrape();
              Map<String, String> controller = Map.of("controller_name", "modelaudit");
              assertThat(value(scrape, "reconciliations_started_total", controller))
                  .hasValueSatisfying(v -> assertThat(v).isPositive());
              assertThat(value(scrape, "reconciliations_success_total", controller))
                  .hasValueSatisfying(v -> assertThat(v).isPositive());
              assertThat(
                      value(scrape, "reconciliations_execution_duration_seconds_count", controller))
                  .hasValueSatisfying(v -> assertThat(v).isPositive());

              assertThat(
                      value(
                          scrape,
                          "modelaudit_aws_calls_seconds_count",
                          Map.of(
                              "region", REGION,
                              "operation", "PutMetricAlarm",
                              "outcome", "success")))
                  .contains(1.0);
              assertThat(
                      value(
                          scrape,
                          "modelaudit_aws_calls_seconds_count",
                          Map.of("operation", "DescribeAlarms", "outcome", "transient")))
                  .contains(1.0);

              assertThat(value(scrape, "modelaudit_resource_ready", resource)).contains(1.0);
              assertThat(value(scrape, "modelaudit_resource_alarm_state", with(resource, "ALARM")))
                  .contains(1.0);
              assertThat(value(scrape, "modelaudit_resource_alarm_state", with(resource, "OK")))
                  .contains(0.0);
              assertThat(
                      value(
                          scrape,
                          "modelaudit_resource_alarm_state",
                          with(resource, "INSUFFICIENT_DATA")))
                  .contains(0.0);
            });

    harness.delete(NAMESPACE, NAME);
    harness.awaitGone(NAMESPACE, NAME);

    List<Sample> afterDelete = scrape();
    assertThat(value(afterDelete, "modelaudit_resource_ready", resource)).isEmpty();
    assertThat(value(afterDelete, "modelaudit_resource_alarm_state", resource)).isEmpty();
    assertThat(
            value(
                afterDelete,
                "modelaudit_aws_calls_seconds_count",
                Map.of("operation", "DeleteAlarms", "outcome", "success")))
        .contains(1.0);
  }

  private static Map<String, String> with(Map<String, String> labels, String state) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put("state", state);
    return all;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<Sample> scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return Sample.parse(response.body());
  }

  /** The value of the one series with this name whose labels include these. */
  private static Optional<Double> value(
      List<Sample> scrape, String name, Map<String, String> labels) {
    List<Sample> matching =
        scrape.stream()
            .filter(s -> s.name().equals(name))
            .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    assertThat(matching).as("series %s%s", name, labels).hasSizeLessThanOrEqualTo(1);
    return matching.stream().findFirst().map(Sample::value);
  }

  /** One line of the Prometheus text format. */
  private record Sample(String name, Map<String, String> labels, double value) {

    private static final Pattern LINE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL =
        Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static List<Sample> parse(String text) {
      List<Sample> samples = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
          throw new AssertionError("not a Prometheus sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null) {
          Matcher l = LABEL.matcher(m.group(2));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
      }
      return samples;
    }
  }
}
