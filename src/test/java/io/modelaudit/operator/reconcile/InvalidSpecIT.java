package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An invalid spec stalls without a single AWS call. It has a harness of its own so that no other
 * resource's resyncs make calls while the calls are counted.
 */
class InvalidSpecIT {

  private static final String REGION = "us-east-1";

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  private final String namespace = "ml-invalid";

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    harness = OperatorHarness.start(aws, OperatorHarness.fastConfig());
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void invalidSpecStallsWithoutAnyAwsCallAndRecoversWhenFixed() {
    int callsBefore = totalCalls();
    create(
        "broken",
        Fixtures.STANDARD_SPEC
            .replace("retentionInDays: 7", "retentionInDays: 8")
            .replace("period: 60", "period: 45"));

    ModelAudit stalled =
        harness.awaitCondition(namespace, "broken", Conditions.STALLED, "InvalidSpec");
    String message =
        Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED)
            .orElseThrow()
            .getMessage();
    assertThat(message).contains("spec.logGroup.retentionInDays").contains("spec.alarms[0].period");
    assertThat(Conditions.isTrue(stalled.getStatus().getConditions(), Conditions.READY)).isFalse();
    assertThat(totalCalls()).as("no AWS call for an invalid spec").isEqualTo(callsBefore);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> reasons(namespace, "broken").contains("InvalidSpec"));
    assertThat(
            harness.events(namespace, "broken").stream()
                .filter(e -> e.getReason().equals("InvalidSpec"))
                .map(Event::getType))
        .containsOnly("Warning");

    harness.edit(
        namespace,
        "broken",
        r -> {
          r.getSpec().getLogGroup().setRetentionInDays(7);
          r.getSpec().getAlarms().get(0).setPeriod(60);
          return r;
        });
    harness.awaitReady(namespace, "broken");
    assertThat(aws.logGroup(REGION, "/modelaudit/" + namespace + "/broken")).isPresent();
  }

  private void create(String name, String specYaml) {
    harness.create(Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, specYaml)));
  }

  private static int totalCalls() {
    return aws.calls().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static List<String> reasons(String namespace, String name) {
    return harness.events(namespace, name).stream().map(Event::getReason).toList();
  }
}
