package io.modelaudit.operator.cloudwatch;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gateways that put an interceptor of their own around each region's gateway of a delegate, and
 * keep the result: one intercepted gateway per region.
 */
public abstract class InterceptedCloudWatchGateways implements CloudWatchGateways {

  private final CloudWatchGateways delegate;
  private final Map<String, CloudWatchGateway> byRegion = new ConcurrentHashMap<>();

  protected InterceptedCloudWatchGateways(CloudWatchGateways delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public final CloudWatchGateway forRegion(String region) {
    Objects.requireNonNull(region, "region");
    return byRegion.computeIfAbsent(region, r -> interceptor(r).around(delegate.forRegion(r)));
  }

  /** The interceptor of one region's calls; asked once per region. */
  protected abstract PortInterceptor interceptor(String region);
}
