package io.modelaudit.operator.push;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_ALARMS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_LOG_GROUPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.ObservedRule;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push events end to end on the fakes: the operator keeps its rules and queue, an alarm state
 * change reaches status without any listing, a change behind the operator's back is repaired from
 * its CloudTrail event, repeated, older and poison messages are harmless, and a lost queue makes
 * the operator poll until it has made a new one. The safety net is an hour here, so what is seen
 * within seconds came by push.
 */
class PushEventsIT {

  private static final String REGION = "us-east-1";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final OperatorConfig CONFIG =
      OperatorHarness.fastConfig()
          .withPushEvents(PushMode.ALL)
          .withSafetyNet(Duration.ofHours(1), 600);

  private static InMemoryCloudWatch aws;
  private static InMemoryEvents events;
  private static OperatorHarness harness;
  private static PushResources resources;

  private String namespace;

  @BeforeAll
  static void start() {
    aws = new InMemoryCloudWatch();
    events = new InMemoryEvents();
    aws.emitEventsTo(events);
    harness = OperatorHarness.start(aws, events, CONFIG);
    resources = new PushResources(CONFIG);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void namespace() {
    namespace = "push-" + COUNTER.incrementAndGet();
  }

  @Test
  void theOperatorKeepsItsRulesAndQueueTaggedAndOnlyEventBridgeMaySend() {
    ready("kept");
    String queue = resources.queueName();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !events.queueAttributes(REGION, queue).isEmpty());

    Map<String, String> attributes = events.queueAttributes(REGION, queue);
    assertThat(attributes.get("Policy"))
        .contains("events.amazonaws.com")
        .contains("sqs:SendMessage")
        .contains("aws:SourceArn");
    for (var rule : resources.rules()) {
      ObservedRule observed = events.rule(REGION, rule.name()).orElseThrow();
      assertThat(observed.enabled()).isTrue();
      assertThat(PushResources.sameJson(observed.eventPattern(), rule.eventPattern())).isTrue();
      assertThat(attributes.get("Policy")).contains(observed.arn());
    }
  }

  @Test
  void anAlarmStateChangeReachesStatusWithoutAListing() {
    ModelAudit audit = ready("state");
    String alarm = audit.getStatus().getAlarms().get(0).getAlarmName();
    awaitPushing();
    aws.resetCalls();

    aws.setAlarmState(REGION, alarm, "ALARM", "pushed: 7 > 5");

    ModelAudit seen =
        harness.awaitStatus(namespace, "state", r -> "ALARM".equals(r.getStatus().getAlarmState()));
    assertThat(seen.getStatus().getAlarms().get(0).getStateReason()).isEqualTo("pushed: 7 > 5");
    assertThat(aws.callCount(DESCRIBE_ALARMS)).as("no listing, no read").isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> reasons("state").contains("AlarmStateChanged"));
  }

  @Test
  void repeatedOlderAndPoisonMessagesAreHarmless() {
    ModelAudit audit = ready("robust");
    AlarmStatus alarm = audit.getStatus().getAlarms().get(0);
    awaitPushing();
    aws.setAlarmState(REGION, alarm.getAlarmName(), "ALARM", "now");
    harness.awaitStatus(namespace, "robust", r -> "ALARM".equals(r.getStatus().getAlarmState()));

    // an older state arriving late, the same event twice, and messages no event at all
    String older =
        stateEvent(
            "old-1", alarm.getAlarmName(), "OK", "an hour ago", Instant.now().minusSeconds(3600));
    events.sendRaw(REGION, resources.queueName(), older);
    events.sendRaw(REGION, resources.queueName(), older);
    events.sendRaw(REGION, resources.queueName(), "not json at all");
    events.sendRaw(
        REGION, resources.queueName(), "{\"detail-type\": \"CloudWatch Alarm State Change\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> events.messagesIn(REGION, resources.queueName()) == 0);

    assertThat(harness.get(namespace, "robust").getStatus().getAlarmState()).isEqualTo("ALARM");
    // and the next change still arrives
    aws.setAlarmState(REGION, alarm.getAlarmName(), "OK", "back to normal");
    harness.awaitStatus(namespace, "robust", r -> "OK".equals(r.getStatus().getAlarmState()));
  }

  @Test
  void aRetentionChangedBehindTheOperatorsBackIsRepairedFromItsApiCall() {
    ready("drift");
    String group = "/modelaudit/" + namespace + "/drift";
    awaitPushing();
    aws.resetCalls();

    aws.setRetentionOutOfBand(REGION, group, 365);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Objects.equals(
                    aws.logGroup(REGION, group).orElseThrow().config().retentionInDays(), 7));
    await().atMost(Duration.ofSeconds(10)).until(() -> reasons("drift").contains("DriftRepaired"));
    assertThat(messages("drift", "DriftRepaired"))
        .anyMatch(m -> m.contains("PutRetentionPolicy by " + "arn:aws:iam::"));
    // one full read of this ModelAudit, no listing of all log groups
    assertThat(aws.callCount(DESCRIBE_LOG_GROUPS)).isLessThanOrEqualTo(2);
  }

  @Test
  void theOperatorsOwnCallsAreNotTakenForDrift() {
    ready("own");
    awaitPushing();
    // its own writes made CloudTrail events (as its role); none of them is drift
    assertThat(reasons("own")).doesNotContain("DriftRepaired");
  }

  @Test
  void aLostQueueIsMadeAgainAndTheOperatorPollsMeanwhile() {
    ModelAudit audit = ready("lost");
    String alarm = audit.getStatus().getAlarms().get(0).getAlarmName();
    awaitPushing();

    events.deleteQueueOutOfBand(REGION, resources.queueName());
    aws.setAlarmState(REGION, alarm, "ALARM", "while the queue was gone");

    // the event is lost with the queue: polling (every second here) finds the state
    harness.awaitStatus(namespace, "lost", r -> "ALARM".equals(r.getStatus().getAlarmState()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !events.queueAttributes(REGION, resources.queueName()).isEmpty());
    awaitPushing();
    aws.setAlarmState(REGION, alarm, "OK", "pushed again");
    harness.awaitStatus(namespace, "lost", r -> "OK".equals(r.getStatus().getAlarmState()));
  }

  // ---- helpers ----

  private ModelAudit ready(String name) {
    harness.create(
        Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, Fixtures.STANDARD_SPEC)));
    return harness.awaitReady(namespace, name);
  }

  /** Until the queue is consumed: a message put on it is gone within seconds. */
  private void awaitPushing() {
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

  private List<String> reasons(String name) {
    return harness.events(namespace, name).stream().map(Event::getReason).toList();
  }

  private List<String> messages(String name, String reason) {
    return harness.events(namespace, name).stream()
        .filter(e -> reason.equals(e.getReason()))
        .map(Event::getMessage)
        .toList();
  }

  private static String stateEvent(
      String id, String alarmName, String state, String reason, Instant at) {
    String timestamp =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX")
            .withZone(java.time.ZoneOffset.UTC)
            .format(at);
    return "{\"version\":\"0\",\"id\":\""
        + id
        + "\",\"detail-type\":\"CloudWatch Alarm State Change\",\"source\":\"aws.cloudwatch\","
        + "\"account\":\"123456789012\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\","
        + "\"resources\":[],\"detail\":{\"alarmName\":\""
        + alarmName
        + "\",\"state\":{\"value\":\""
        + state
        + "\",\"reason\":\""
        + reason
        + "\",\"timestamp\":\""
        + timestamp
        + "\"}}}";
  }
}
