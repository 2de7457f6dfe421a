package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.InterceptedCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every port call on and counts it under the AWS operation its method declares and under its
 * region, failed calls included. A listing of all pages counts once per page, as AWS would. On a
 * shared CloudWatch, one per operator tells which of them called AWS.
 */
public final class CountingCloudWatch extends InterceptedCloudWatchGateways {

  private final AtomicInteger calls = new AtomicInteger();
  private final ConcurrentMap<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> byRegion = new ConcurrentHashMap<>();

  public CountingCloudWatch(CloudWatchGateways delegate) {
    super(delegate);
  }

  /** Port calls made through this wrapper so far, failed ones included. */
  public int calls() {
    return calls.get();
  }

  /** How many times the operation was called, failed calls included. */
  public int callCount(String operation) {
    AtomicInteger count = byOperation.get(FakeOperations.require(operation));
    return count == null ? 0 : count.get();
  }

  /** Operation name to call count, for every operation called at least once since the reset. */
  public Map<String, Integer> callsByOperation() {
    Map<String, Integer> snapshot = new TreeMap<>();
    byOperation.forEach(
        (operation, count) -> {
          if (count.get() > 0) {
            snapshot.put(operation, count.get());
          }
        });
    return Map.copyOf(snapshot);
  }

  /** How many calls were made to operations that change something, failed calls included. */
  public int mutatingCallCount() {
    return FakeOperations.MUTATING.stream().mapToInt(this::callCount).sum();
  }

  /** How many calls were made in this region, of any operation, failed calls included. */
  public int callCountInRegion(String region) {
    AtomicInteger count = byRegion.get(region);
    return count == null ? 0 : count.get();
  }

  /** Forgets every count. */
  public void reset() {
    calls.set(0);
    byOperation.clear();
    byRegion.clear();
  }

  @Override
  protected PortInterceptor interceptor(AwsTarget target) {
    String region = target.region();
    return (operation, args, call) -> {
      calls.incrementAndGet();
      byOperation.computeIfAbsent(operation.name(), k -> new AtomicInteger()).incrementAndGet();
      byRegion.computeIfAbsent(region, k -> new AtomicInteger()).incrementAndGet();
      return call.get();
    };
  }
}
