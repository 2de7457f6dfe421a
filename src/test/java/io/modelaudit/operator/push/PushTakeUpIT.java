package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Push is taken up in an account and region as soon as a ModelAudit there is in sync, not at the
 * next inventory pass, which with the default intervals is up to a minute later (here an hour).
 */
class PushTakeUpIT {

  private static final String REGION = "us-east-1";
  private static final OperatorConfig CONFIG =
      OperatorHarness.fastConfig()
          .withPushEvents(PushMode.ALARMS)
          .withInventoryIntervals(Duration.ofHours(1), Duration.ofHours(1))
          .withSafetyNet(Duration.ofHours(1), 600);

  private static InMemoryCloudWatch aws;
  private static InMemoryEvents events;
  private static OperatorHarness harness;

  @BeforeAll
  static void start() {
    aws = new InMemoryCloudWatch();
    events = new InMemoryEvents();
    aws.emitEventsTo(events);
    harness = OperatorHarness.start(aws, events, CONFIG);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void theFirstModelAuditInSyncInARegionMakesItsRulesAndQueueWithinSeconds() {
    // the inventory's first pass ran at start, before any ModelAudit; the next is an hour away
    harness.create(
        Fixtures.withOwnMetrics(Fixtures.resource("take-up", "first", Fixtures.STANDARD_SPEC)));
    harness.awaitReady("take-up", "first");
    String queue = new PushResources(CONFIG).queueName();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !events.queueAttributes(REGION, queue).isEmpty());
    for (var rule : new PushResources(CONFIG).rules()) {
      assertThat(events.rule(REGION, rule.name())).isPresent();
    }
  }
}
