package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A log group with deletion protection on: whatever AWS refuses at cleanup because of it, the
 * deletion of the ModelAudit does not hang with its finalizer stuck; what stays is said in a
 * Warning event.
 */
class DeletionProtectionIT {

  private static final String REGION = "us-east-1";
  private static final String NS = "guarded";
  private static final String GROUP = "/modelaudit/guarded/model";

  private InMemoryCloudWatch aws;
  private OperatorHarness harness;

  @BeforeEach
  void start() {
    aws = new InMemoryCloudWatch();
    harness = OperatorHarness.start(aws, OperatorHarness.fastConfig());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void refusedRemovalsAreReportedAndTheFinalizerGoes() {
    harness.create(
        Fixtures.resource(
            NS,
            "model",
            """
            logGroup: {deletionProtection: true}
            logStreams: [events]
            deletionPolicy: Delete
            metricFilters:
              - name: errors
                pattern: ERROR
                metric: {namespace: ML/Guarded, name: Errors, value: "1"}
            """));
    harness.awaitReady(NS, "model");
    // as if AWS also refused to delete what lives in a protected group
    aws.failAlways("DeleteMetricFilter", Kind.CONFLICT);

    harness.delete(NS, "model");
    harness.awaitGone(NS, "model");

    assertThat(aws.logGroup(REGION, GROUP)).as("protected: kept").isPresent();
    assertThat(aws.metricFilters(REGION, GROUP))
        .extracting(MetricFilterConfig::filterName)
        .containsExactly("errors");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(harness.events(NS, "model"))
                    .filteredOn(e -> "DeletionProtected".equals(e.getReason()))
                    .extracting(Event::getMessage)
                    .anyMatch(m -> m.contains("delete metric filter errors"))
                    .anyMatch(m -> m.contains("log group " + GROUP)));
  }
}
