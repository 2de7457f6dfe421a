package io.modelaudit.operator.cloudwatch.ratelimit;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** A clock that only moves when a waiting caller "sleeps": waits become exact and instant. */
final class FakeTime implements TimeMeter, BlockingStrategy {

  private long nanos = 1_000_000_000L;
  private final long start = nanos;
  private int parks;

  @Override
  public synchronized long currentTimeNanos() {
    return nanos;
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  @Override
  public synchronized void park(long nanosToPark) {
    nanos += nanosToPark;
    parks++;
  }

  /** How far the clock moved since it was made: the sum of every wait. */
  synchronized Duration elapsed() {
    return Duration.ofNanos(nanos - start);
  }

  synchronized int parks() {
    return parks;
  }

  synchronized void advance(Duration duration) {
    nanos += duration.toNanos();
  }
}
