package io.modelaudit.operator.cloudwatch.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.BlockingStrategy;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token buckets on a fake clock: waits are computed exactly and never slept. */
class OperationRateLimiterTest {

  private static final String REGION = "us-east-1";

  private final FakeTime time = new FakeTime();
  private final OperationRateLimiter limiter =
      new OperationRateLimiter(
          Map.of("PutMetricAlarm", 3.0, "DescribeAlarms", 9.0, "CreateLogGroup", 5.0, "Slow", 0.5),
          time,
          time);

  @Test
  void theFirstCallPassesAndTheNextOnesAreSpacedByOneOverTheLimit() {
    limiter.acquire(REGION, Service.LOGS, "CreateLogGroup", 1);
    assertThat(time.elapsed()).isZero();

    for (int i = 0; i < 9; i++) {
      limiter.acquire(REGION, Service.LOGS, "CreateLogGroup", 1);
    }

    // 10 calls at 5 per second: nine gaps of 200 ms.
    assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(1800));
  }

  @Test
  void neverBurstsAboveTheQuotaAfterBeingIdle() {
    time.advance(Duration.ofMinutes(10));
    Duration idle = time.elapsed();

    for (int i = 0; i < 4; i++) {
      limiter.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 1);
    }

    // The bucket holds one token however long it was idle: 4 calls take 3 gaps of 1/3 s.
    assertThat(time.elapsed().minus(idle)).isBetween(ms(999), ms(1001));
  }

  @Test
  void aCallThatCostsSeveralPermitsWaitsForEachOfThem() {
    limiter.acquire(REGION, Service.CLOUDWATCH, "DescribeAlarms", 3);

    assertThat(time.elapsed()).isBetween(ms(222), ms(223));
  }

  @Test
  void zeroPermitsNeverWait() {
    limiter.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 1);
    limiter.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 0);

    assertThat(time.parks()).isZero();
  }

  @Test
  void operationsRegionsAndServicesHaveBucketsOfTheirOwn() {
    limiter.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 1);
    limiter.acquire(REGION, Service.CLOUDWATCH, "DescribeAlarms", 1);
    limiter.acquire("eu-west-1", Service.CLOUDWATCH, "PutMetricAlarm", 1);
    limiter.acquire(REGION, Service.LOGS, "PutMetricAlarm", 1);

    assertThat(time.parks()).isZero();

    limiter.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 1);
    assertThat(time.parks()).isEqualTo(1);
  }

  @Test
  void limitsBelowOnePerSecondWork() {
    limiter.acquire(REGION, Service.LOGS, "Slow", 2);

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anOperationWithoutALimitIsRejected() {
    assertThatThrownBy(() -> limiter.acquire(REGION, Service.LOGS, "Unknown", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown");
  }

  @Test
  void anInterruptedWaitIsATransientErrorAndKeepsTheInterruptFlag() {
    BlockingStrategy interrupted =
        nanos -> {
          throw new InterruptedException("stop");
        };
    OperationRateLimiter stopping =
        new OperationRateLimiter(Map.of("PutMetricAlarm", 1.0), time, interrupted);
    stopping.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 1);

    try {
      assertThatThrownBy(() -> stopping.acquire(REGION, Service.CLOUDWATCH, "PutMetricAlarm", 1))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(GatewayException.Kind.TRANSIENT);
                assertThat(e.operation()).isEqualTo("PutMetricAlarm");
              });
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
