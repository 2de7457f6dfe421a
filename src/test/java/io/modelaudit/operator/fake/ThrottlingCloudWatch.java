package io.modelaudit.operator.fake;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.InterceptedCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS's side of the quotas: once told the rates, a call above its operation's rate (calls per
 * second, per region and API, a second's worth of burst allowed) fails as AWS throttles, TRANSIENT
 * with the code Throttling (CloudWatch) or ThrottlingException (Logs). Without rates nothing is
 * throttled.
 */
public final class ThrottlingCloudWatch extends InterceptedCloudWatchGateways {

  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
  private volatile Map<String, Double> quotas = Map.of();
  private volatile TimeMeter time = TimeMeter.SYSTEM_NANOTIME;

  public ThrottlingCloudWatch(CloudWatchGateways delegate) {
    super(delegate);
  }

  /**
   * From now on, throttles each named operation above its rate, on this clock; an empty map turns
   * quotas off. The buckets start full.
   */
  public void enforceQuotas(Map<String, Double> callsPerSecond, TimeMeter time) {
    callsPerSecond.keySet().forEach(FakeOperations::require);
    buckets.clear();
    this.time = Objects.requireNonNull(time, "time");
    quotas = Map.copyOf(callsPerSecond);
  }

  /** Operation name to the number of calls throttled, for every operation throttled at all. */
  public Map<String, Integer> throttledCalls() {
    Map<String, Integer> snapshot = new TreeMap<>();
    throttled.forEach((operation, count) -> snapshot.put(operation, count.get()));
    return Map.copyOf(snapshot);
  }

  public int throttledCallCount() {
    return throttled.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Forgets the throttled counts; the quotas stay. */
  public void resetThrottledCounts() {
    throttled.clear();
  }

  @Override
  protected PortInterceptor interceptor(AwsTarget target) {
    String region = target.quotaKey();
    return (operation, args, call) -> {
      Double perSecond = quotas.get(operation.name());
      if (perSecond != null) {
        Bucket bucket =
            buckets.computeIfAbsent(
                region + "|" + operation.service() + "|" + operation.name(),
                k -> bucket(perSecond));
        if (!bucket.tryConsume(1)) {
          throttled.computeIfAbsent(operation.name(), k -> new AtomicInteger()).incrementAndGet();
          throw new GatewayException(
              Kind.TRANSIENT,
              operation.name(),
              operation.service() == Service.LOGS ? "ThrottlingException" : "Throttling",
              "Rate exceeded");
        }
      }
      return call.get();
    };
  }

  /** A second's worth of calls may come at once, as AWS's token buckets allow. */
  private Bucket bucket(double perSecond) {
    long burst = Math.max(1L, (long) Math.ceil(perSecond));
    long nanosPerCall = Math.max(1L, Math.round(1_000_000_000d / perSecond));
    return Bucket.builder()
        .addLimit(l -> l.capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerCall)))
        .withCustomTimePrecision(time)
        .build();
  }
}
