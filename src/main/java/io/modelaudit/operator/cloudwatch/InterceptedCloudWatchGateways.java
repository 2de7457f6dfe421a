package io.modelaudit.operator.cloudwatch;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gateways that put an interceptor of their own around each target's gateway of a delegate, and
 * keep the result: one intercepted gateway per account and region.
 */
public abstract class InterceptedCloudWatchGateways implements CloudWatchGateways {

  private final CloudWatchGateways delegate;
  private final Map<AwsTarget, CloudWatchGateway> byTarget = new ConcurrentHashMap<>();

  protected InterceptedCloudWatchGateways(CloudWatchGateways delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public final CloudWatchGateway forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    return byTarget.computeIfAbsent(target, t -> interceptor(t).around(delegate.forTarget(t)));
  }

  /** The interceptor of one target's calls; asked once per account and region. */
  protected abstract PortInterceptor interceptor(AwsTarget target);
}
