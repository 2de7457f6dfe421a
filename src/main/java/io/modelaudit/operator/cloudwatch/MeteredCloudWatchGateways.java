package io.modelaudit.operator.cloudwatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Times every port call of the gateways it wraps in the timer {@value #METRIC}, tagged with the
 * region, the AWS operation the method declares (e.g. PutMetricAlarm) and the outcome ({@code
 * success}, or the failure's {@link GatewayException.Kind} in lower case, or {@code other} for an
 * unclassified exception).
 *
 * <p>One port call is one sample, however many calls the adapter makes for it (describeAlarms of
 * 150 names is one sample); a listing of all pages is one sample per page. The SDK's own retries
 * happen inside one call and are not counted here.
 */
public final class MeteredCloudWatchGateways extends InterceptedCloudWatchGateways {

  /** Micrometer name; Prometheus shows it as modelaudit_aws_calls_seconds_{count,sum,max}. */
  public static final String METRIC = "modelaudit.aws.calls";

  /** Outcome of a call that returned normally. */
  public static final String SUCCESS = "success";

  /** Outcome of a call that failed with something other than a {@link GatewayException}. */
  public static final String OTHER = "other";

  private final MeterRegistry registry;

  public MeteredCloudWatchGateways(CloudWatchGateways delegate, MeterRegistry registry) {
    super(delegate);
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The outcome tag of a failure. */
  static String outcome(RuntimeException failure) {
    if (failure instanceof GatewayException g && g.kind() != null) {
      return g.kind().name().toLowerCase(Locale.ROOT);
    }
    return OTHER;
  }

  @Override
  protected PortInterceptor interceptor(AwsTarget target) {
    String region = target.region();
    return (operation, args, call) -> {
      long start = System.nanoTime();
      String outcome = SUCCESS;
      try {
        return call.get();
      } catch (RuntimeException e) {
        outcome = outcome(e);
        throw e;
      } finally {
        Timer.builder(METRIC)
            .description("CloudWatch and CloudWatch Logs calls by region, operation and outcome")
            .tag("region", region)
            .tag("operation", operation.name())
            .tag("outcome", outcome)
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    };
  }
}
