package io.modelaudit.operator.cloudwatch.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the attempts AWS throttled and the SDK retried, in {@value #METRIC} tagged with the region
 * and the AWS operation. The SDK retries inside one API call, so neither the port nor its callers
 * see these attempts; the SDK's per-call metrics do.
 */
final class ThrottlingRetryMetrics implements MetricPublisher {

  /** Micrometer name; Prometheus shows it as modelaudit_aws_throttling_retries_total. */
  static final String METRIC = "modelaudit.aws.throttling.retries";

  /** How the SDK labels an attempt that failed with a throttling error (code or HTTP 429). */
  static final String THROTTLING = "Throttling";

  private static final String ATTEMPT = "ApiCallAttempt";

  private final MeterRegistry registry;
  private final String region;

  ThrottlingRetryMetrics(MeterRegistry registry, String region) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.region = Objects.requireNonNull(region, "region");
  }

  @Override
  public void publish(MetricCollection call) {
    List<MetricCollection> attempts =
        call.children().stream().filter(c -> ATTEMPT.equals(c.name())).toList();
    // The last attempt ended the call either way; every earlier one was retried.
    long retriedThrottles =
        attempts.stream()
            .limit(Math.max(0, attempts.size() - 1))
            .filter(a -> a.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
            .count();
    if (retriedThrottles == 0) {
      return;
    }
    String operation = call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("");
    Counter.builder(METRIC)
        .description("Attempts that AWS throttled and the SDK retried")
        .tag("region", region)
        .tag("operation", operation)
        .register(registry)
        .increment(retriedThrottles);
  }

  @Override
  public void close() {}
}
