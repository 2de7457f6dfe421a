package io.modelaudit.operator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways.FencedException;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the fence stops new AWS calls at once and lets the ones under way finish. */
class FencedCloudWatchGatewaysTest {

  private static final String REGION = "eu-west-1";
  private static final String GROUP = "/modelaudit/ns/g";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final FencedCloudWatchGateways fence = new FencedCloudWatchGateways(aws);
  private final CloudWatchGateway gateway = fence.forRegion(REGION);

  @Test
  void anOpenFenceLetsEveryCallThrough() {
    gateway.createLogGroup(new LogGroupConfig(GROUP, null, null, "STANDARD", false), Map.of());

    assertThat(gateway.describeLogGroup(GROUP)).isPresent();
    assertThat(fence.isClosed()).isFalse();
    assertThat(fence.inFlight()).isZero();
  }

  @Test
  void aClosedFenceRefusesEveryCallWithoutReachingAws() {
    fence.close("the operator is shutting down");
    aws.resetCalls();

    assertThatThrownBy(
            () ->
                gateway.createLogGroup(
                    new LogGroupConfig(GROUP, null, null, "STANDARD", false), Map.of()))
        .isInstanceOfSatisfying(
            FencedException.class,
            e -> {
              assertThat(e.operation()).isEqualTo("createLogGroup");
              assertThat(e).hasMessageContaining("the operator is shutting down");
            });
    assertThatThrownBy(() -> gateway.describeLogGroup(GROUP)).isInstanceOf(FencedException.class);
    // default methods of the port (all pages of a listing) are fenced too
    assertThatThrownBy(() -> gateway.listLogGroups("/modelaudit/"))
        .isInstanceOf(FencedException.class);
    // a region first asked for after the close is fenced as well
    assertThatThrownBy(() -> fence.forRegion("us-west-2").describeLogGroup(GROUP))
        .isInstanceOf(FencedException.class);
    assertThat(aws.calls()).isEmpty();
    assertThat(aws.logGroup(REGION, GROUP)).isEmpty();
  }

  @Test
  void aCallUnderWayWhenTheFenceClosesFinishesAndAwaitIdleWaitsForIt() throws Exception {
    CountDownLatch applied = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    // AWS has made the group, its answer is still on the way back
    aws.afterMutatingCalls(
        (number, region, operation) -> {
          applied.countDown();
          awaitUninterruptibly(answer);
        });
    CompletableFuture<Void> inFlight =
        CompletableFuture.runAsync(
            () ->
                gateway.createLogGroup(
                    new LogGroupConfig(GROUP, null, null, "STANDARD", false), Map.of()));
    assertThat(applied.await(30, TimeUnit.SECONDS)).isTrue();

    fence.close("leadership lost");

    assertThat(fence.inFlight()).isEqualTo(1);
    // held on purpose: the wait must time out, however fast the machine
    assertThat(fence.awaitIdle(Duration.ofMillis(200))).isFalse();
    assertThatThrownBy(() -> gateway.describeLogGroup(GROUP)).isInstanceOf(FencedException.class);

    answer.countDown();
    assertThat(fence.awaitIdle(Duration.ofSeconds(30))).isTrue();
    inFlight.get(30, TimeUnit.SECONDS);
    assertThat(fence.inFlight()).isZero();
    assertThat(aws.logGroup(REGION, GROUP)).isPresent();
  }

  @Test
  void aFailingCallLeavesNothingInFlight() throws InterruptedException {
    assertThatThrownBy(() -> gateway.deleteLogGroup("/missing"))
        .isInstanceOf(GatewayException.class);

    assertThat(fence.inFlight()).isZero();
    fence.close("stopping");
    assertThat(fence.awaitIdle(Duration.ZERO)).isTrue();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
