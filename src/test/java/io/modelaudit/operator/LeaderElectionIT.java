package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelaudit.operator.ModelAuditOperator.LeaderElection;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.fake.CountingCloudWatch;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.reconcile.ModelAuditReconciler;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one API server and one CloudWatch: only the holder of the Lease reconciles, the
 * other stays ready and idle, and takes over once the leader stops and its Lease expires, or at
 * once when the leader shuts down gracefully and releases it. A replica that stops leading makes no
 * AWS call from then on.
 */
class LeaderElectionIT {

  private static final String LEASE_NAMESPACE = "modelaudit-system";
  private static final String REGION = "us-east-1";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CountingCloudWatch awsOfA = new CountingCloudWatch(aws);
  private final CountingCloudWatch awsOfB = new CountingCloudWatch(aws);
  private OperatorHarness harness;

  @BeforeEach
  void startApiServer() {
    harness = OperatorHarness.apiServerOnly(OperatorHarness.fastConfig());
  }

  @AfterEach
  void stopEverything() {
    harness.close();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverWhenItStops() {
    Operator a = harness.startOperator(awsOfA, Optional.of(election("replica-a")), registry());
    awaitLeader("replica-a");
    Operator b = harness.startOperator(awsOfB, Optional.of(election("replica-b")), registry());

    // Both have synced caches and serve; only one of them works.
    assertThat(ModelAuditOperator.isReady(a)).isTrue();
    assertThat(ModelAuditOperator.isReady(b)).isTrue();

    harness.create(seed("ml-first"));
    harness.awaitReady("ml-first", "fraud-detector");
    assertThat(aws.logGroup(REGION, "/modelaudit/ml-first/fraud-detector")).isPresent();
    int callsOfAWhenReady = awsOfA.calls();
    assertThat(callsOfAWhenReady).isPositive();
    // Let the leader run its periodic resync at least once more: the follower still calls nothing.
    await().atMost(Duration.ofSeconds(30)).until(() -> awsOfA.calls() > callsOfAWhenReady);
    assertThat(awsOfB.calls()).isZero();
    assertThat(holder()).isEqualTo("replica-a");

    harness.stopOperator(a);
    int callsOfAWhenStopped = awsOfA.calls();

    harness.create(seed("ml-second"));
    ModelAudit second = harness.awaitReady("ml-second", "fraud-detector");

    assertThat(holder()).isEqualTo("replica-b");
    assertThat(awsOfB.calls()).isPositive();
    assertThat(awsOfA.calls()).isEqualTo(callsOfAWhenStopped);
    assertThat(second.getStatus().getLogGroup().getName())
        .isEqualTo("/modelaudit/ml-second/fraud-detector");
    assertThat(aws.logGroup(REGION, "/modelaudit/ml-second/fraud-detector")).isPresent();
    assertThat(ModelAuditOperator.isReady(b)).isTrue();
  }

  @Test
  void aGracefulShutdownReleasesTheLeaseSoTheFollowerTakesOverAtOnce() {
    // A Lease so long that a takeover by expiry would take a minute.
    Replica a = harness.startReplica(awsOfA, Optional.of(longLease("replica-a")), registry());
    awaitLeader("replica-a");
    Replica b = harness.startReplica(awsOfB, Optional.of(longLease("replica-b")), registry());
    harness.create(seed("ml-first"));
    harness.awaitReady("ml-first", "fraud-detector");
    assertThat(a.isLeading()).isTrue();
    assertThat(b.isLeading()).isFalse();

    Replica.ShutdownResult result = harness.shutDown(a);

    assertThat(result.drained()).isTrue();
    assertThat(result.leaseReleased()).isTrue();
    assertThat(holder()).isIn("", "replica-b");
    assertThat(a.isLeading()).isFalse();
    assertThat(a.isFenced()).isTrue();
    // next try of the follower (every 0.5-1.1 s), far below the minute of an expiry
    await().atMost(Duration.ofSeconds(20)).until(b::isLeading);
    assertThat(holder()).isEqualTo("replica-b");
    harness.create(seed("ml-second"));
    harness.awaitReady("ml-second", "fraud-detector");
  }

  @Test
  void anAwsCallUnderWayHoldsTheLeaseUntilItReturnsAndTheNextLeaderDoesNotRepeatIt()
      throws Exception {
    Replica a = harness.startReplica(awsOfA, Optional.of(longLease("replica-a")), registry());
    awaitLeader("replica-a");
    Replica b = harness.startReplica(awsOfB, Optional.of(longLease("replica-b")), registry());
    // AWS has made the alarm, its answer is still on the way back to replica-a
    CountDownLatch alarmMade = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    aws.afterMutatingCalls(
        (number, region, operation) -> {
          if (operation.equals(InMemoryCloudWatch.PUT_METRIC_ALARM)) {
            alarmMade.countDown();
            awaitUninterruptibly(answer);
          }
        });
    harness.create(seed("ml-first"));
    assertThat(alarmMade.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Replica.ShutdownResult> shutdown =
        CompletableFuture.supplyAsync(() -> harness.shutDown(a));
    // However long this waits, the Lease stays with replica-a while its call is under way.
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(a::isFenced);
    assertThat(shutdown).isNotDone();
    assertThat(holder()).isEqualTo("replica-a");
    assertThat(awsOfB.calls()).isZero();

    answer.countDown();
    Replica.ShutdownResult result = shutdown.get(30, TimeUnit.SECONDS);
    assertThat(result).isEqualTo(new Replica.ShutdownResult(true, true));
    await().atMost(Duration.ofSeconds(20)).until(b::isLeading);
    ModelAudit converged = harness.awaitReady("ml-first", "fraud-detector");

    assertThat(converged.getStatus().getAlarms()).hasSize(1);
    assertThat(awsOfB.calls()).isPositive();
    // every AWS write happened exactly once: replica-b found what replica-a had made
    Map<String, Integer> writes = new TreeMap<>(aws.calls());
    writes.keySet().retainAll(InMemoryCloudWatch.MUTATING_OPERATIONS);
    assertThat(writes)
        .containsEntry(InMemoryCloudWatch.CREATE_LOG_GROUP, 1)
        .containsEntry(InMemoryCloudWatch.PUT_METRIC_ALARM, 1)
        .allSatisfy((operation, count) -> assertThat(count).as(operation).isEqualTo(1));
  }

  @Test
  void losingTheLeaseFencesAwsOffAtOnceAndEndsTheReplica() {
    AtomicInteger lost = new AtomicInteger();
    Replica a =
        harness.startReplica(
            awsOfA,
            Optional.of(longLease("replica-a").withOnLeadershipLost(lost::incrementAndGet)),
            registry());
    awaitLeader("replica-a");
    harness.create(seed("ml-first"));
    harness.awaitReady("ml-first", "fraud-detector");

    // Another replica holds the Lease now, as after this one's renewals failed for too long.
    harness
        .client()
        .leases()
        .inNamespace(LEASE_NAMESPACE)
        .withName(ModelAuditOperator.LEASE_NAME)
        .edit(
            lease -> {
              lease.getSpec().setHolderIdentity("replica-z");
              lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
              return lease;
            });

    await().atMost(Duration.ofSeconds(20)).until(() -> lost.get() > 0);
    assertThat(lost).hasValue(1);
    assertThat(a.isLeading()).isFalse();
    assertThat(a.isFenced()).isTrue();
    int callsAtLoss = awsOfA.calls();
    // JOSDK goes on dispatching events to the former leader; none of them reaches AWS.
    harness.create(seed("ml-second"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hasFinalizer(harness.get("ml-second", "fraud-detector")));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> awsOfA.calls() == callsAtLoss);
    // abandoned without a trace: no status, no event
    assertThat(harness.get("ml-second", "fraud-detector").getStatus()).isNull();
    assertThat(harness.events("ml-second", "fraud-detector")).isEmpty();
    assertThat(aws.logGroup(REGION, "/modelaudit/ml-second/fraud-detector")).isEmpty();
    assertThat(holder()).isEqualTo("replica-z");
  }

  /**
   * Short timings so the takeover waits seconds, not JOSDK's 15 s lease; no exit on losing the
   * lease, because both replicas share this JVM.
   */
  private static LeaderElection election(String identity) {
    return LeaderElection.in(LEASE_NAMESPACE, Optional.of(identity))
        .withTimings(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500))
        .withOnLeadershipLost(() -> {});
  }

  /** A one-minute Lease, renewed every half second: only a release lets another in quickly. */
  private static LeaderElection longLease(String identity) {
    return LeaderElection.in(LEASE_NAMESPACE, Optional.of(identity))
        .withTimings(Duration.ofSeconds(60), Duration.ofSeconds(40), Duration.ofMillis(500))
        .withOnLeadershipLost(() -> {});
  }

  private static boolean hasFinalizer(ModelAudit audit) {
    return audit != null
        && audit.getMetadata().getFinalizers() != null
        && audit.getMetadata().getFinalizers().contains(ModelAuditReconciler.FINALIZER);
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

  private static SimpleMeterRegistry registry() {
    return new SimpleMeterRegistry();
  }

  private static ModelAudit seed(String namespace) {
    ModelAudit seed = Fixtures.example(Fixtures.SEED_EXAMPLE);
    seed.getMetadata().setNamespace(namespace);
    return Fixtures.withOwnMetrics(seed);
  }

  private void awaitLeader(String identity) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> identity.equals(holder()));
  }

  private String holder() {
    Lease lease =
        harness
            .client()
            .leases()
            .inNamespace(LEASE_NAMESPACE)
            .withName(ModelAuditOperator.LEASE_NAME)
            .get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
