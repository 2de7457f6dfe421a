package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Out-of-band changes in AWS are found and repaired: the batched listings (every second here) find
 * deleted or changed alarms, groups, retention and filters; the rolling full read (every 3 s here)
 * finds what listings cannot see, tags and log streams.
 */
class DriftRepairIT {

  private static final String REGION = "us-east-1";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  private String namespace;
  private String group;
  private String alarm;

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    harness =
        OperatorHarness.start(
            aws, OperatorHarness.fastConfig().withResyncInterval(Duration.ofSeconds(3)));
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @BeforeEach
  void readyModelAudit() {
    namespace = "drift-" + COUNTER.incrementAndGet();
    harness.create(Fixtures.withOwnMetrics(Fixtures.resource(namespace, "model", SPEC)));
    harness.awaitReady(namespace, "model");
    group = "/modelaudit/" + namespace + "/model";
    alarm = "modelaudit-" + namespace + "/model/too-many-errors";
  }

  @Test
  void aDeletedAlarmIsRecreatedWithItsTags() {
    aws.deleteAlarmOutOfBand(REGION, alarm);

    await().atMost(Duration.ofSeconds(30)).until(() -> aws.alarm(REGION, alarm).isPresent());
    assertThat(aws.alarm(REGION, alarm).orElseThrow().config().threshold()).isEqualTo(5.0);
    assertThat(aws.alarmTags(REGION, alarm)).containsEntry("Environment", "production");
    awaitEvent("DriftRepaired", "alarm " + alarm + " is missing");
  }

  @Test
  void aChangedRetentionIsRestored() {
    aws.setRetentionOutOfBand(REGION, group, 365);

    await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(7).equals(retention()));
    awaitEvent("DriftRepaired", "retention of " + group + " is 365 days");
  }

  @Test
  void aModifiedMetricFilterIsRestored() {
    MetricFilterConfig original = aws.metricFilters(REGION, group).get(0);
    aws.putMetricFilterOutOfBand(
        REGION,
        new MetricFilterConfig(
            group,
            original.filterName(),
            "tampered",
            original.metricNamespace(),
            original.metricName(),
            original.metricValue(),
            original.defaultValue(),
            original.unit(),
            original.dimensions()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> aws.metricFilters(REGION, group).equals(List.of(original)));
    awaitEvent("DriftRepaired", "metric filter errors of " + group + " differs from the spec");
  }

  @Test
  void aDeletedLogGroupIsRecreatedWithEverythingInIt() {
    aws.deleteLogGroupOutOfBand(REGION, group);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                aws.logGroup(REGION, group).isPresent()
                    && Integer.valueOf(7).equals(retention())
                    && aws.logStreams(REGION, group).equals(List.of("inference"))
                    && aws.metricFilters(REGION, group).size() == 1);
    assertThat(aws.logGroupTags(REGION, group)).containsEntry("Environment", "production");
  }

  @Test
  void aRemovedTagIsRestoredByTheFullRead() {
    aws.removeTagOutOfBand(InMemoryCloudWatch.logGroupArn(REGION, group), "Environment");
    aws.removeTagOutOfBand(InMemoryCloudWatch.alarmArn(REGION, alarm), "Purpose");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "production".equals(aws.logGroupTags(REGION, group).get("Environment"))
                    && "AIModelAuditing".equals(aws.alarmTags(REGION, alarm).get("Purpose")));
  }

  @Test
  void aDeletedLogStreamIsRecreatedByTheFullRead() {
    aws.deleteLogStreamOutOfBand(REGION, group, "inference");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> aws.logStreams(REGION, group).equals(List.of("inference")));
  }

  @Test
  void aPercentileDescribedAsP99Point0IsNoDriftFromP99() throws InterruptedException {
    harness.edit(
        namespace,
        "model",
        r -> {
          r.getSpec().getAlarms().get(0).setStatistic(null);
          r.getSpec().getAlarms().get(0).setExtendedStatistic("p99");
          return r;
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "p99".equals(aws.alarm(REGION, alarm).orElseThrow().config().extendedStatistic()));
    harness.awaitReady(namespace, "model");
    io.modelaudit.operator.cloudwatch.AlarmConfig put =
        aws.alarm(REGION, alarm).orElseThrow().config();
    // AWS documents percentiles "between p0.0 and p100": as if it described the alarm that way
    aws.seedAlarm(
        REGION,
        new io.modelaudit.operator.cloudwatch.AlarmConfig(
            put.alarmName(),
            put.description(),
            put.metricNamespace(),
            put.metricName(),
            put.dimensions(),
            null,
            "p99.0",
            put.period(),
            put.evaluationPeriods(),
            put.datapointsToAlarm(),
            put.comparisonOperator(),
            put.threshold(),
            put.treatMissingData(),
            put.actionsEnabled(),
            put.alarmActions(),
            put.okActions(),
            put.insufficientDataActions(),
            put.unit()),
        java.util.Map.of());
    int puts = aws.callCount(InMemoryCloudWatch.PUT_METRIC_ALARM);

    // several alarm listings (1 s) and a full read (3 s)
    Thread.sleep(4_000);

    assertThat(aws.callCount(InMemoryCloudWatch.PUT_METRIC_ALARM)).isEqualTo(puts);
    assertThat(aws.alarm(REGION, alarm).orElseThrow().config().extendedStatistic())
        .isEqualTo("p99.0");
    assertThat(harness.events(namespace, "model"))
        .noneMatch(e -> "DriftRepaired".equals(e.getReason()));
  }

  private Integer retention() {
    return aws.logGroup(REGION, group).map(g -> g.config().retentionInDays()).orElse(null);
  }

  private void awaitEvent(String reason, String messagePart) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                harness.events(namespace, "model").stream()
                    .filter(e -> reason.equals(e.getReason()))
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
          metric: {namespace: AIModelAuditing, name: ErrorCount, value: "1", defaultValue: 0, unit: Count}
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
      tags: {Environment: production, Purpose: AIModelAuditing}
      """;
}
