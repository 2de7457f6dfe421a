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
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one API server and one CloudWatch: only the holder of the Lease reconciles, the
 * other stays ready and idle, and takes over once the leader stops and its Lease expires.
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

  /**
   * Short timings so the takeover waits seconds, not JOSDK's 15 s lease; no exit on losing the
   * lease, because both replicas share this JVM.
   */
  private static LeaderElection election(String identity) {
    return LeaderElection.in(LEASE_NAMESPACE, Optional.of(identity))
        .withTimings(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500))
        .withExitOnStopLeading(false);
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
