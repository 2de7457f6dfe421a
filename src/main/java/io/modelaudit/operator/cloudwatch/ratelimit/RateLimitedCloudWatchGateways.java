package io.modelaudit.operator.cloudwatch.ratelimit;

import io.modelaudit.operator.cloudwatch.AwsOperation;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.InterceptedCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps every caller of the port under AWS's control-plane quotas: each port call first takes
 * permits of its AWS operation in its account, region and API, blocking until they are free.
 * Reconciles and inventory passes share the same permits, so together they stay under the quota;
 * the SDK's own adaptive retries remain behind this as the second line.
 *
 * <p>A port call costs one permit per AWS call it makes, as its {@link AwsOperation#cost()} says:
 * listings are limited page by page (their all-pages forms go through the page methods),
 * describeAlarms and deleteAlarms cost one permit per 100 names, a tag or untag call with nothing
 * to send costs none. describeLogGroup and describeMetricFilters of one group are counted as one
 * call; they take a second page only for groups with more than 50 filters (or log groups whose
 * names start with the name).
 */
public final class RateLimitedCloudWatchGateways extends InterceptedCloudWatchGateways {

  private final OperationRateLimiter limiter;

  public RateLimitedCloudWatchGateways(CloudWatchGateways delegate, Map<String, Double> limits) {
    this(delegate, new OperationRateLimiter(limits));
  }

  public RateLimitedCloudWatchGateways(CloudWatchGateways delegate, OperationRateLimiter limiter) {
    super(delegate);
    this.limiter = Objects.requireNonNull(limiter, "limiter");
  }

  @Override
  protected PortInterceptor interceptor(AwsTarget target) {
    // AWS counts quotas per account and region: each account mapped to a namespace has its own.
    String quotaKey = target.quotaKey();
    return (operation, args, call) -> {
      limiter.acquire(
          quotaKey, operation.service(), operation.name(), operation.cost().calls(args));
      return call.get();
    };
  }
}
