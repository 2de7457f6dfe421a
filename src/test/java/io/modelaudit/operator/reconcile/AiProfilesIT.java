package io.modelaudit.operator.reconcile;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.GET_DASHBOARD;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.PUT_METRIC_ALARM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.AnomalyDetectorStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.ObservedAnomalyDetector;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AI audit profiles end to end on the in-memory fake, which implements the composite alarms and
 * anomaly detectors moto lacks: the LLM example's presets, metric math, anomaly alarm, health alarm
 * and dashboard become Ready, visible in status and in AWS; a steady state writes nothing; a
 * threshold edit is one write; deletion removes exactly what was made. Each test has a namespace of
 * its own.
 */
class AiProfilesIT {

  private static final Path LLM_EXAMPLE = Path.of("examples", "03-llm-support-assistant.yaml");
  private static final String REGION = "us-east-1";
  private static final String NAME = "support-assistant";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:model-alerts";

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    harness =
        OperatorHarness.start(
            aws, OperatorHarness.fastConfig().withResyncInterval(Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void theLlmExampleIsReadyWithEveryExpandedPartInStatusAndInAws() {
    String ns = "profiles-ready";
    ModelAudit ready = createExample(ns);
    ModelAuditStatus status = ready.getStatus();

    assertThat(status.getMetricFilters())
        .extracting(MetricFilterStatus::getName)
        .containsExactlyInAnyOrder(
            "preset-requests",
            "preset-errors",
            "preset-refusals",
            "preset-truncations",
            "preset-input-tokens",
            "preset-output-tokens",
            "preset-duration",
            "preset-evaluations",
            "preset-low-evaluation-scores");
    assertThat(status.getMetricFilters())
        .extracting(MetricFilterStatus::getMetricNamespace)
        .containsOnly("modelaudit/" + ns + "/" + NAME);
    assertThat(status.getAlarms())
        .extracting(AlarmStatus::getName)
        .containsExactly(
            "long-answers",
            "traffic-anomaly",
            "maintenance",
            "error-rate",
            "refusal-rate",
            "truncation-rate",
            "token-usage",
            "latency-p99",
            "low-evaluation-score-rate");
    String prefix = "modelaudit-" + ns + "/" + NAME + "/";
    assertThat(status.getHealthAlarm().getAlarmName()).isEqualTo(prefix + "_health");
    assertThat(status.getHealthAlarm().getAlarms())
        .containsExactly(
            "long-answers",
            "traffic-anomaly",
            "error-rate",
            "refusal-rate",
            "truncation-rate",
            "token-usage",
            "latency-p99",
            "low-evaluation-score-rate");
    assertThat(status.getAlarmState()).isEqualTo(status.getHealthAlarm().getState());
    assertThat(status.getAnomalyDetectors())
        .singleElement()
        .satisfies(d -> assertThat(d.getAlarm()).isEqualTo("traffic-anomaly"))
        .satisfies(d -> assertThat(d.getMetricName()).isEqualTo("Requests"))
        .satisfies(d -> assertThat(d.getOrigin()).isEqualTo("created"));
    String dashboard = "modelaudit_" + ns + "_" + NAME;
    assertThat(status.getDashboard().getName()).isEqualTo(dashboard);
    assertThat(status.getDashboard().getUrl())
        .isEqualTo(
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1"
                + "#dashboards/dashboard/"
                + dashboard);

    // the health alarm pages; the alarms do not, unless their spec says so
    CompositeAlarmConfig health =
        aws.compositeAlarm(REGION, prefix + "_health").orElseThrow().config();
    assertThat(health.alarmActions()).containsExactly(TOPIC);
    assertThat(health.okActions()).containsExactly(TOPIC);
    assertThat(health.actionsSuppressor()).isEqualTo(prefix + "maintenance");
    assertThat(health.suppressorWaitPeriod()).isEqualTo(120);
    assertThat(health.suppressorExtensionPeriod()).isEqualTo(300);
    assertThat(health.rule()).contains("ALARM(\"" + prefix + "error-rate\") OR ");
    assertThat(health.rule()).doesNotContain("maintenance");
    AlarmConfig errorRate = aws.alarm(REGION, prefix + "error-rate").orElseThrow().config();
    assertThat(errorRate.alarmActions()).isEmpty();
    assertThat(errorRate.metrics()).hasSize(3);
    assertThat(errorRate.metrics().get(2).expression()).isEqualTo("100 * errors / requests");
    assertThat(errorRate.threshold()).isEqualTo(2.0);
    AlarmConfig tokens = aws.alarm(REGION, prefix + "token-usage").orElseThrow().config();
    assertThat(tokens.thresholdMetricId()).isEqualTo("band");
    assertThat(tokens.comparisonOperator()).isEqualTo("GreaterThanUpperThreshold");
    assertThat(aws.compositeAlarmTags(REGION, prefix + "_health"))
        .containsEntry("modelaudit.io/owner", ns + "/" + NAME)
        .containsEntry("modelaudit.io/origin", "created");

    AnomalyDetectorConfig model = onlyModel(ns).config();
    assertThat(model.stat()).isEqualTo("Sum");
    assertThat(model.metricTimezone()).isEqualTo("Europe/Berlin");
    assertThat(model.excludedTimeRanges())
        .containsExactly(
            new AnomalyDetectorConfig.TimeRange(
                Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T12:00:00Z")));

    String body = aws.dashboard(dashboard).orElseThrow().body();
    for (AlarmStatus alarm : status.getAlarms()) {
      assertThat(body).contains(alarm.getArn());
    }
    assertThat(body).contains(status.getHealthAlarm().getArn()).contains("SOURCE '/modelaudit/");
    assertThat(aws.dashboardTags(dashboard))
        .containsEntry("modelaudit.io/owner", ns + "/" + NAME)
        .containsEntry("Team", "assistants");
  }

  @Test
  void aSettledModelAuditWritesNothingOnItsFullReads() {
    String ns = "profiles-steady";
    createExample(ns);
    aws.resetCalls();

    // full reads (the only ones that get the dashboard) every two seconds
    await().atMost(Duration.ofSeconds(30)).until(() -> aws.callCount(GET_DASHBOARD) >= 3);

    assertThat(aws.mutatingCallCount()).isZero();
  }

  @Test
  void editingAPresetsThresholdMakesExactlyOneWrite() {
    String ns = "profiles-edit";
    createExample(ns);
    aws.resetCalls();

    ModelAudit edited =
        harness.edit(
            ns,
            NAME,
            r -> {
              r.getSpec().getPresets().getErrorRate().setThreshold(3.0);
              return r;
            });
    harness.awaitReady(ns, NAME);
    await().atMost(Duration.ofSeconds(30)).until(() -> aws.callCount(GET_DASHBOARD) >= 3);

    assertThat(edited.getMetadata().getGeneration()).isGreaterThan(1);
    assertThat(aws.calls()).containsEntry(PUT_METRIC_ALARM, 1);
    assertThat(aws.mutatingCallCount()).isEqualTo(1);
    String errorRate = "modelaudit-" + ns + "/" + NAME + "/error-rate";
    assertThat(aws.alarm(REGION, errorRate).orElseThrow().config().threshold()).isEqualTo(3.0);
  }

  @Test
  void deletionRemovesExactlyWhatWasMade() {
    String ns = "profiles-delete";
    String foreignAlarm = "someone-elses-alarm";
    aws.seedAlarm(REGION, alarm(foreignAlarm), Map.of("Team", "other"));
    aws.forRegion(REGION)
        .putDashboard(new DashboardConfig("someone-elses-dashboard", "{\"widgets\":[]}"), Map.of());
    createExample(ns);
    String prefix = "modelaudit-" + ns + "/" + NAME + "/";

    harness.delete(ns, NAME);
    harness.awaitGone(ns, NAME);

    // Retain: the log group and its streams stay, everything else this ModelAudit made goes
    String group = "/modelaudit/" + ns + "/" + NAME;
    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(aws.logStreams(REGION, group)).containsExactlyInAnyOrder("inference", "evaluations");
    assertThat(aws.metricFilters(REGION, group)).isEmpty();
    assertThat(aws.alarmNames(REGION)).noneMatch(a -> a.startsWith(prefix)).contains(foreignAlarm);
    assertThat(aws.compositeAlarmNames(REGION)).noneMatch(a -> a.startsWith(prefix));
    assertThat(aws.dashboardNames())
        .doesNotContain("modelaudit_" + ns + "_" + NAME)
        .contains("someone-elses-dashboard");
    assertThat(models(ns)).isEmpty();
  }

  @Test
  void theHealthAlarmsStateIsTheHeadlineState() {
    String ns = "profiles-health";
    createExample(ns);
    String prefix = "modelaudit-" + ns + "/" + NAME + "/";
    for (String alarm : aws.alarmNames(REGION)) {
      if (alarm.startsWith(prefix)) {
        aws.setAlarmState(REGION, alarm, "OK", "fine");
      }
    }
    harness.awaitStatus(ns, NAME, r -> "OK".equals(r.getStatus().getAlarmState()));

    // the actions suppressor is not watched: the model stays healthy in a maintenance window
    aws.setAlarmState(REGION, prefix + "maintenance", "ALARM", "deploying");
    harness.awaitStatus(
        ns,
        NAME,
        r ->
            r.getStatus().getAlarms().stream()
                .anyMatch(a -> a.getName().equals("maintenance") && "ALARM".equals(a.getState())));
    assertThat(harness.get(ns, NAME).getStatus().getAlarmState()).isEqualTo("OK");

    aws.setAlarmState(REGION, prefix + "error-rate", "ALARM", "Threshold Crossed");
    ModelAudit alarmed =
        harness.awaitStatus(ns, NAME, r -> "ALARM".equals(r.getStatus().getAlarmState()));
    assertThat(alarmed.getStatus().getHealthAlarm().getState()).isEqualTo("ALARM");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                harness.events(ns, NAME).stream()
                    .map(Event::getMessage)
                    .anyMatch(m -> m.startsWith("health alarm is ALARM")));
  }

  @Test
  void aWatchedAlarmDroppedFromTheSpecLeavesTheHealthAlarmFirst() {
    String ns = "profiles-drop";
    createExample(ns);
    String prefix = "modelaudit-" + ns + "/" + NAME + "/";

    harness.edit(
        ns,
        NAME,
        r -> {
          r.getSpec().getAlarms().removeIf(a -> a.getName().equals("long-answers"));
          return r;
        });
    ModelAudit trimmed = harness.awaitReady(ns, NAME);

    assertThat(aws.alarm(REGION, prefix + "long-answers")).isEmpty();
    assertThat(aws.compositeAlarm(REGION, prefix + "_health").orElseThrow().config().rule())
        .doesNotContain("long-answers");
    assertThat(trimmed.getStatus().getHealthAlarm().getAlarms()).doesNotContain("long-answers");

    harness.edit(
        ns,
        NAME,
        r -> {
          r.getSpec().setHealthAlarm(null);
          return r;
        });
    ModelAudit without = harness.awaitReady(ns, NAME);

    assertThat(aws.compositeAlarm(REGION, prefix + "_health")).isEmpty();
    assertThat(without.getStatus().getHealthAlarm()).isNull();
    // without a health alarm each alarm notifies again, by default
    assertThat(aws.alarm(REGION, prefix + "error-rate").orElseThrow().config().alarmActions())
        .containsExactly(TOPIC);
    assertThat(without.getStatus().getAlarmState())
        .isEqualTo(
            io.modelaudit.operator.status.StatusBuilder.worstAlarmState(
                without.getStatus().getAlarms()));
  }

  @Test
  void aModelOfAMetricOutsideTheOwnNamespaceIsRecordedBeforeItIsMade() {
    String ns = "profiles-record";
    harness.create(Fixtures.resource(ns, "traffic", TEAM_METRIC_SPEC));

    ModelAudit ready = harness.awaitReady(ns, "traffic");

    assertThat(ready.getStatus().getAnomalyDetectors())
        .singleElement()
        .extracting(AnomalyDetectorStatus::getOrigin)
        .isEqualTo("created");
    assertThat(harness.events(ns, "traffic"))
        .extracting(Event::getReason)
        .contains("Recording", "Created");
    assertThat(teamModels()).hasSize(1);

    harness.delete(ns, "traffic");
    harness.awaitGone(ns, "traffic");
    assertThat(teamModels()).isEmpty();
  }

  @Test
  void aModelSomeoneElseMadeIsAdoptedOnlyWhenAskedAndThenKept() {
    String ns = "profiles-adopt";
    AnomalyDetectorConfig theirs =
        new AnomalyDetectorConfig(
            "Team/Adopt", "Requests", Map.of(), "Sum", List.of(), "America/New_York");
    aws.forRegion(REGION).putAnomalyDetector(theirs);
    harness.create(
        Fixtures.resource(ns, "traffic", TEAM_METRIC_SPEC.replace("Team/Traffic", "Team/Adopt")));

    harness.awaitCondition(ns, "traffic", Conditions.STALLED, "AlreadyExists");
    assertThat(aws.forRegion(REGION).describeAnomalyDetectors("Team/Adopt", "Requests"))
        .extracting(ObservedAnomalyDetector::config)
        .containsExactly(theirs);

    harness.edit(
        ns,
        "traffic",
        r -> {
          r.getSpec().setAdoptExisting(true);
          return r;
        });
    ModelAudit adopted = harness.awaitReady(ns, "traffic");
    assertThat(adopted.getStatus().getAnomalyDetectors())
        .singleElement()
        .extracting(AnomalyDetectorStatus::getOrigin)
        .isEqualTo("adopted");
    assertThat(
            aws.forRegion(REGION)
                .describeAnomalyDetectors("Team/Adopt", "Requests")
                .get(0)
                .config()
                .metricTimezone())
        .isEqualTo("Europe/Berlin");

    harness.delete(ns, "traffic");
    harness.awaitGone(ns, "traffic");
    assertThat(aws.forRegion(REGION).describeAnomalyDetectors("Team/Adopt", "Requests")).hasSize(1);
  }

  @Test
  void aDashboardChangedOrDeletedBehindTheOperatorsBackIsRestored() {
    String ns = "profiles-drift";
    createExample(ns);
    String dashboard = "modelaudit_" + ns + "_" + NAME;
    String body = aws.dashboard(dashboard).orElseThrow().body();

    aws.putDashboardBodyOutOfBand(dashboard, "{\"widgets\":[]}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> body.equals(aws.dashboard(dashboard).orElseThrow().body()));

    aws.deleteDashboardOutOfBand(dashboard);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> aws.dashboard(dashboard).map(d -> d.body().equals(body)).orElse(false));
  }

  // ---- fixtures ----

  /** A band alarm on a hand-written filter's metric, outside the ModelAudit's own namespace. */
  private static final String TEAM_METRIC_SPEC =
      """
      metricFilters:
        - name: requests
          pattern: '{ $.event.name = * }'
          metric: {namespace: Team/Traffic, name: Requests, value: "1", defaultValue: 0}
      alarms:
        - name: traffic
          metrics:
            - {id: requests, metricFilter: requests, stat: Sum, returnData: true}
            - {id: band, expression: "ANOMALY_DETECTION_BAND(requests)"}
          thresholdMetricId: band
          anomalyDetector: {metricTimezone: Europe/Berlin}
          period: 300
          evaluationPeriods: 3
          comparisonOperator: LessThanLowerOrGreaterThanUpperThreshold
      """;

  private static ModelAudit createExample(String namespace) {
    ModelAudit audit = Fixtures.exampleIn(LLM_EXAMPLE, namespace);
    harness.create(audit);
    return harness.awaitReady(namespace, NAME);
  }

  private static List<ObservedAnomalyDetector> models(String namespace) {
    return aws.anomalyDetectors(REGION).stream()
        .filter(d -> d.config().namespace().equals("modelaudit/" + namespace + "/" + NAME))
        .toList();
  }

  private static ObservedAnomalyDetector onlyModel(String namespace) {
    List<ObservedAnomalyDetector> models = models(namespace);
    assertThat(models).hasSize(1);
    return models.get(0);
  }

  private static List<ObservedAnomalyDetector> teamModels() {
    return aws.anomalyDetectors(REGION).stream()
        .filter(d -> d.config().namespace().equals("Team/Traffic"))
        .toList();
  }

  private static AlarmConfig alarm(String name) {
    return new AlarmConfig(
        name,
        null,
        "Other",
        "Metric",
        Map.of(),
        "Sum",
        null,
        60,
        1,
        null,
        "GreaterThanThreshold",
        1,
        null,
        true,
        List.of(),
        List.of(),
        List.of(),
        null);
  }
}
