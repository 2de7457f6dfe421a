package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.support.OperatorHarness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The health alarm's state is the headline of a settled ModelAudit, whether it comes from the
 * inventory's listing (push off) or from AWS's pushed state change (push on), without waiting for a
 * full read: the resync interval is the default day here, and the safety net an hour.
 */
class HealthAlarmStateIT {

  private static final Path LLM_EXAMPLE = Path.of("examples", "03-llm-support-assistant.yaml");
  private static final String REGION = "us-east-1";
  private static final String NAME = "support-assistant";

  @Test
  void aListedHealthAlarmStateReachesStatusWithoutAFullRead() {
    InMemoryCloudWatch aws = new InMemoryCloudWatch();
    try (OperatorHarness harness = OperatorHarness.start(aws, OperatorHarness.fastConfig())) {
      headlineFollowsTheHealthAlarm(aws, harness, "health-listed", () -> {});
    }
  }

  @Test
  void aPushedHealthAlarmStateReachesStatusWithoutAListing() {
    InMemoryCloudWatch aws = new InMemoryCloudWatch();
    InMemoryEvents events = new InMemoryEvents();
    aws.emitEventsTo(events);
    OperatorConfig config =
        OperatorHarness.fastConfig()
            .withPushEvents(PushMode.ALARMS)
            .withSafetyNet(Duration.ofHours(1), 600);
    try (OperatorHarness harness = OperatorHarness.start(aws, events, config)) {
      headlineFollowsTheHealthAlarm(
          aws, harness, "health-pushed", () -> awaitPushing(events, new PushResources(config)));
    }
  }

  private static void headlineFollowsTheHealthAlarm(
      InMemoryCloudWatch aws, OperatorHarness harness, String namespace, Runnable whenReady) {
    harness.create(Fixtures.exampleIn(LLM_EXAMPLE, namespace));
    ModelAudit ready = harness.awaitReady(namespace, NAME);
    whenReady.run();
    String health = ready.getStatus().getHealthAlarm().getAlarmName();
    String prefix = "modelaudit-" + namespace + "/" + NAME + "/";
    String errorRate = prefix + "error-rate";
    aws.setAlarmState(REGION, errorRate, "OK", "fine");
    harness.awaitStatus(namespace, NAME, r -> "OK".equals(r.getStatus().getAlarmState()));

    aws.setAlarmState(REGION, errorRate, "ALARM", "Threshold Crossed");

    ModelAudit alarmed =
        harness.awaitStatus(namespace, NAME, r -> "ALARM".equals(r.getStatus().getAlarmState()));
    assertThat(alarmed.getStatus().getHealthAlarm().getAlarmName()).isEqualTo(health);
    assertThat(alarmed.getStatus().getHealthAlarm().getState()).isEqualTo("ALARM");

    aws.setAlarmState(REGION, errorRate, "OK", "recovered");
    harness.awaitStatus(namespace, NAME, r -> "OK".equals(r.getStatus().getAlarmState()));
  }

  /** Until the operator's queue exists and a message sent to it is consumed. */
  private static void awaitPushing(InMemoryEvents events, PushResources resources) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (events.queueAttributes(REGION, resources.queueName()).isEmpty()) {
                return false;
              }
              events.sendRaw(REGION, resources.queueName(), "{\"probe\": true}");
              Thread.sleep(1500);
              return events.messagesIn(REGION, resources.queueName()) == 0;
            });
  }
}
