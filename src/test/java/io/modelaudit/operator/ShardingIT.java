package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelaudit.operator.ModelAuditOperator.LeaderElection;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sharding: two operators with different MODELAUDIT_SELECTORs on one cluster split its ModelAudits;
 * each elects its leader through a Lease of its own, and neither touches (in Kubernetes or AWS)
 * what the other selects, nor what no shard selects.
 */
class ShardingIT {

  private static final String NS = "ml-prod";
  private static final String LEASE_NAMESPACE = "modelaudit-system";

  private OperatorHarness harness;
  private final List<Replica> replicas = new ArrayList<>();

  @AfterEach
  void stop() {
    replicas.forEach(r -> r.shutdown(Duration.ofSeconds(5)));
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void twoShardsSplitTheModelAuditsAndEachHasItsOwnLease() {
    harness = OperatorHarness.apiServerOnly(OperatorHarness.fastConfig());
    InMemoryCloudWatch awsOfA = new InMemoryCloudWatch();
    InMemoryCloudWatch awsOfB = new InMemoryCloudWatch();
    replicas.add(shard("shard=a", awsOfA, "a-0"));
    replicas.add(shard("shard=b", awsOfB, "b-0"));

    harness.create(audit("model-a", Map.of("shard", "a")));
    harness.create(audit("model-b", Map.of("shard", "b")));
    harness.create(audit("model-none", Map.of()));

    harness.awaitReady(NS, "model-a");
    harness.awaitReady(NS, "model-b");
    // each shard made only its own ModelAudit's log group
    assertThat(awsOfA.logGroup("us-east-1", "/modelaudit/ml-prod/model-a")).isPresent();
    assertThat(awsOfA.logGroup("us-east-1", "/modelaudit/ml-prod/model-b")).isEmpty();
    assertThat(awsOfB.logGroup("us-east-1", "/modelaudit/ml-prod/model-b")).isPresent();
    assertThat(awsOfB.logGroup("us-east-1", "/modelaudit/ml-prod/model-a")).isEmpty();
    // what no shard selects is nobody's: no finalizer, no status, nothing in AWS
    ModelAudit none = harness.get(NS, "model-none");
    assertThat(none.getStatus()).isNull();
    assertThat(none.getMetadata().getFinalizers()).isNullOrEmpty();
    assertThat(awsOfA.logGroup("us-east-1", "/modelaudit/ml-prod/model-none")).isEmpty();
    assertThat(awsOfB.logGroup("us-east-1", "/modelaudit/ml-prod/model-none")).isEmpty();

    // one Lease per shard, each held by its shard's replica
    String leaseA = ModelAuditOperator.leaseName(Optional.of("shard=a"));
    String leaseB = ModelAuditOperator.leaseName(Optional.of("shard=b"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> holder(leaseA) != null && holder(leaseB) != null);
    assertThat(holder(leaseA)).isEqualTo("a-0");
    assertThat(holder(leaseB)).isEqualTo("b-0");
  }

  private Replica shard(String selector, InMemoryCloudWatch aws, String identity) {
    LeaderElection election =
        LeaderElection.in(LEASE_NAMESPACE, Optional.of(identity))
            .withTimings(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500))
            .withOnLeadershipLost(() -> {});
    Replica replica =
        ModelAuditOperator.assemble(
            harness.client(),
            aws,
            OperatorHarness.fastConfig().withSelector(selector),
            Optional.of(election),
            new SimpleMeterRegistry(),
            null);
    replica.start();
    return replica;
  }

  private static ModelAudit audit(String name, Map<String, String> labels) {
    ModelAudit audit = Fixtures.example(Fixtures.SEED_EXAMPLE);
    audit.getMetadata().setName(name);
    audit.getMetadata().setLabels(labels);
    return audit;
  }

  private String holder(String lease) {
    var found = harness.client().leases().inNamespace(LEASE_NAMESPACE).withName(lease).get();
    return found == null ? null : found.getSpec().getHolderIdentity();
  }
}
