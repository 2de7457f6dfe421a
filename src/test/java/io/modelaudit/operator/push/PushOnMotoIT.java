package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.aws.AwsEventsGateways;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Push events end to end on moto, through the production adapters: the operator makes its rules and
 * queue in moto; since moto emits no alarm or CloudTrail events itself, the test puts AWS's
 * documented event shapes with PutEvents (after making the change in moto), and moto's EventBridge
 * delivers them to the operator's queue. The safety net and the drift check are an hour here: what
 * status shows within seconds came by push.
 */
@ExtendWith(MotoServer.Extension.class)
class PushOnMotoIT {

  private static final String NS = "ml-prod";
  private static final String REGION = MotoSupport.REGION;
  private static final DateTimeFormatter CLOUDWATCH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX").withZone(ZoneOffset.UTC);
  private static final OperatorConfig CONFIG =
      OperatorHarness.fastConfig()
          .withPushEvents(PushMode.ALL)
          .withSafetyNet(Duration.ofHours(1), 600)
          .withInventoryIntervals(Duration.ofHours(1), Duration.ofSeconds(1));

  private static AwsCloudWatchGateways gateways;
  private static AwsEventsGateways events;
  private static EventBridgeClient eventBridge;
  private static CloudWatchClient cloudWatch;
  private static CloudWatchLogsClient logs;
  private static SqsClient sqs;
  private static OperatorHarness harness;

  @BeforeAll
  static void start(MotoServer moto) {
    moto.reset();
    gateways = MotoSupport.gateways(moto);
    events = MotoSupport.eventsGateways(moto);
    eventBridge = MotoSupport.eventBridgeClient(moto);
    cloudWatch = MotoSupport.cloudWatchClient(moto);
    logs = MotoSupport.logsClient(moto);
    sqs =
        SqsClient.builder()
            .region(software.amazon.awssdk.regions.Region.of(REGION))
            .endpointOverride(moto.endpoint())
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        "testing", "testing")))
            .build();
    // moto has no query definitions, which a reconcile reads
    harness = OperatorHarness.start(new MotoGaps(gateways), events, CONFIG);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
    for (AutoCloseable client : List.of(sqs, logs, cloudWatch, eventBridge, events, gateways)) {
      try {
        client.close();
      } catch (Exception e) {
        // closing is best effort
      }
    }
  }

  @Test
  void anAlarmStateChangeAndARetentionChangedBehindTheOperatorsBackArriveBySqs() {
    harness.create(Fixtures.resource(NS, "fraud-detector", Fixtures.specText("seed")));
    ModelAudit ready = harness.awaitReady(NS, "fraud-detector");
    String alarm = ready.getStatus().getAlarms().get(0).getAlarmName();
    String group = ready.getStatus().getLogGroup().getName();
    PushResources resources = new PushResources(CONFIG);
    // the operator takes up the region once a ModelAudit there is settled
    String queue =
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () -> sqs.getQueueUrl(b -> b.queueName(resources.queueName())).queueUrl(),
                java.util.Objects::nonNull);
    awaitConsumed(queue);

    // the alarm fires: CloudWatch changes it and EventBridge receives the documented event
    cloudWatch.setAlarmState(
        b -> b.alarmName(alarm).stateValue(StateValue.ALARM).stateReason("9 events > 5"));
    putEvent(
        "aws.cloudwatch",
        "CloudWatch Alarm State Change",
        "{\"alarmName\":\""
            + alarm
            + "\",\"state\":{\"value\":\"ALARM\",\"reason\":\"9 events > 5\",\"timestamp\":\""
            + CLOUDWATCH_TIME.format(Instant.now())
            + "\"},\"previousState\":{\"value\":\"OK\",\"reason\":\"\",\"timestamp\":\""
            + CLOUDWATCH_TIME.format(Instant.now().minusSeconds(60))
            + "\"}}");
    ModelAudit alarmed =
        harness.awaitStatus(
            NS, "fraud-detector", r -> "ALARM".equals(r.getStatus().getAlarmState()));
    assertThat(alarmed.getStatus().getAlarms().get(0).getStateReason()).isEqualTo("9 events > 5");

    // someone sets the retention to a year: CloudTrail records the call, EventBridge gets it
    logs.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(365));
    putEvent(
        "aws.logs",
        "AWS API Call via CloudTrail",
        "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":"
            + "\"arn:aws:iam::123456789012:user/someone\"},\"eventSource\":\"logs.amazonaws.com\","
            + "\"eventName\":\"PutRetentionPolicy\",\"awsRegion\":\"us-east-1\","
            + "\"requestParameters\":{\"logGroupName\":\""
            + group
            + "\",\"retentionInDays\":365},\"eventType\":\"AwsApiCall\"}");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                Integer.valueOf(7)
                    .equals(
                        logs.describeLogGroups(b -> b.logGroupNamePrefix(group))
                            .logGroups()
                            .get(0)
                            .retentionInDays()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness.events(NS, "fraud-detector").stream()
                    .filter(e -> "DriftRepaired".equals(e.getReason()))
                    .map(Event::getMessage)
                    .anyMatch(
                        m ->
                            m.contains(
                                "PutRetentionPolicy by arn:aws:iam::123456789012:user/someone")));
  }

  /** Until the operator consumes the queue: a message put on it is gone within seconds. */
  private static void awaitConsumed(String queue) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"probe\":true}"));
              Thread.sleep(2000);
              return "0"
                  .equals(
                      sqs.getQueueAttributes(
                              b ->
                                  b.queueUrl(queue)
                                      .attributeNamesWithStrings(
                                          "ApproximateNumberOfMessages",
                                          "ApproximateNumberOfMessagesNotVisible"))
                          .attributesAsStrings()
                          .get("ApproximateNumberOfMessages"));
            });
  }

  private static void putEvent(String source, String detailType, String detail) {
    eventBridge.putEvents(
        b -> b.entries(e -> e.source(source).detailType(detailType).detail(detail)));
  }
}
