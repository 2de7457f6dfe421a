package io.modelaudit.operator.reconcile;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_ALARMS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_LOG_GROUPS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_METRIC_FILTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alarm states reach status from the batched DescribeAlarms listing (every second here), and a
 * settled ModelAudit costs no AWS read of its own. It has a harness of its own so that no other
 * resource's reads are counted.
 */
class AlarmStateIT {

  private static final String REGION = "us-east-1";
  private static final Set<String> BATCHED_READS =
      Set.of(DESCRIBE_ALARMS, DESCRIBE_LOG_GROUPS, DESCRIBE_METRIC_FILTERS);

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

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
  void anAlarmStateChangeReachesStatusAndEventsWithoutAReadOfItsOwn() {
    String namespace = "state";
    harness.create(Fixtures.withOwnMetrics(Fixtures.resource(namespace, "model", SPEC)));
    harness.create(Fixtures.withOwnMetrics(Fixtures.resource(namespace, "other", SPEC)));
    harness.awaitReady(namespace, "model");
    harness.awaitReady(namespace, "other");
    String alarm = "modelaudit-" + namespace + "/model/too-many-errors";
    String otherVersion = harness.get(namespace, "other").getMetadata().getResourceVersion();
    aws.resetCalls();

    aws.setAlarmState(REGION, alarm, "ALARM", "Threshold Crossed: 1 datapoint [9.0] > 5.0");

    ModelAudit alarmed =
        harness.awaitStatus(namespace, "model", r -> "ALARM".equals(r.getStatus().getAlarmState()));
    assertThat(alarmed.getStatus().getAlarms().get(0).getState()).isEqualTo("ALARM");
    assertThat(alarmed.getStatus().getAlarms().get(0).getStateReason())
        .isEqualTo("Threshold Crossed: 1 datapoint [9.0] > 5.0");
    assertThat(alarmed.getStatus().getAlarms().get(0).getStateUpdatedAt())
        .isEqualTo(aws.alarm(REGION, alarm).orElseThrow().stateUpdatedAt().toString());
    awaitEvent(namespace, "Warning", "is ALARM (was INSUFFICIENT_DATA)");

    aws.setAlarmState(REGION, alarm, "OK", "Threshold Crossed: 1 datapoint [1.0] < 5.0");

    harness.awaitStatus(namespace, "model", r -> "OK".equals(r.getStatus().getAlarmState()));
    awaitEvent(namespace, "Normal", "is OK (was ALARM)");
    assertThat(aws.calls().keySet())
        .as("only batched listings, no per-resource read or write")
        .isSubsetOf(BATCHED_READS);
    assertThat(harness.get(namespace, "other").getMetadata().getResourceVersion())
        .as("a ModelAudit whose alarms did not move is not patched")
        .isEqualTo(otherVersion);
  }

  @Test
  void steadyStateMakesOnlyOnePageOfEachListingPerPass() {
    String namespace = "steady";
    harness.create(Fixtures.withOwnMetrics(Fixtures.resource(namespace, "quiet", SPEC)));
    ModelAudit ready = harness.awaitReady(namespace, "quiet");
    aws.resetCalls();

    await().atMost(Duration.ofSeconds(30)).until(() -> aws.callCount(DESCRIBE_LOG_GROUPS) >= 3);

    int passes = aws.callCount(DESCRIBE_LOG_GROUPS);
    assertThat(aws.calls().keySet()).isSubsetOf(BATCHED_READS);
    // alarms are listed every pass, groups and filters every drift check: one page each here
    assertThat(aws.callCount(DESCRIBE_METRIC_FILTERS)).isBetween(passes - 1, passes + 1);
    assertThat(aws.callCount(DESCRIBE_ALARMS)).isBetween(passes - 1, 2 * passes + 2);
    assertThat(harness.get(namespace, "quiet").getMetadata().getResourceVersion())
        .isEqualTo(ready.getMetadata().getResourceVersion());
  }

  private static void awaitEvent(String namespace, String type, String messagePart) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                harness.events(namespace, "model").stream()
                    .filter(e -> ModelAuditReconciler.ALARM_STATE_CHANGED.equals(e.getReason()))
                    .filter(e -> type.equals(e.getType()))
                    .map(Event::getMessage)
                    .anyMatch(m -> m.contains(messagePart)));
  }

  private static final String SPEC =
      """
      logGroup:
        retentionInDays: 7
      logStreams: [inference]
      metricFilters:
        - name: errors
          pattern: '{ $.level = "ERROR" }'
          metric: {namespace: AIModelAuditing, name: ErrorCount, value: "1"}
      alarms:
        - name: too-many-errors
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
      notifications:
        snsTopicArn: arn:aws:sns:us-east-1:123456789012:model-alerts
      """;
}
