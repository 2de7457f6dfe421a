package io.modelaudit.operator.cloudwatch.ratelimit;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per (region, service, operation), refilled at the operation's limit and holding
 * a single token, so calls are spaced evenly and never burst above the quota. Callers block until
 * their permit is due; Bucket4j reserves permits in arrival order, so waiting callers are served
 * first come, first served.
 */
public final class OperationRateLimiter {

  /** Identifies one bucket: AWS counts quotas per account, region and API. */
  private record Key(String region, Service service, String operation) {}

  private final Map<String, Double> limits;
  private final TimeMeter time;
  private final BlockingStrategy blocking;
  private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

  /** A limiter on the system's monotonic clock that parks waiting threads. */
  public OperationRateLimiter(Map<String, Double> callsPerSecond) {
    this(callsPerSecond, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
  }

  /**
   * A limiter on a time source and waiting strategy of the caller's choice; tests pass a fake clock
   * and a strategy that advances it instead of sleeping.
   */
  OperationRateLimiter(
      Map<String, Double> callsPerSecond, TimeMeter time, BlockingStrategy blocking) {
    this.limits = Map.copyOf(callsPerSecond);
    this.time = Objects.requireNonNull(time, "time");
    this.blocking = Objects.requireNonNull(blocking, "blocking");
  }

  /**
   * Blocks until {@code permits} calls of the operation may be made in the region; zero returns at
   * once. An interrupted wait fails as a transient error, which the reconciler retries.
   */
  public void acquire(String region, Service service, String operation, int permits) {
    if (permits <= 0) {
      return;
    }
    Bucket bucket =
        buckets.computeIfAbsent(new Key(region, service, operation), k -> newBucket(operation));
    try {
      // One at a time: the bucket holds a single token, and Bucket4j refuses more than that.
      for (int i = 0; i < permits; i++) {
        bucket.asBlocking().consume(1, blocking);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(
          GatewayException.Kind.TRANSIENT,
          operation,
          null,
          "interrupted while waiting for the client-side rate limit",
          e);
    }
  }

  /** The configured limit of the operation in calls per second. */
  public double limit(String operation) {
    Double limit = limits.get(operation);
    if (limit == null) {
      throw new IllegalArgumentException("no rate limit configured for " + operation);
    }
    return limit;
  }

  private Bucket newBucket(String operation) {
    double perSecond = limit(operation);
    long nanosPerToken = Math.max(1L, Math.round(1_000_000_000d / perSecond));
    return Bucket.builder()
        .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerToken)))
        .withCustomTimePrecision(time)
        .build();
  }
}
