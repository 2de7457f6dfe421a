package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.fake.CountingCloudWatch;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.support.OperatorHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;

/**
 * Metric-math alarms, anomaly bands and dashboards end to end on moto, through the production AWS
 * adapter, read back with raw SDK clients. moto lacks composite alarms, anomaly detectors and
 * dashboard tags: {@link MotoGaps} keeps those in the in-memory fake, so the LLM example runs
 * whole.
 */
@ExtendWith(MotoServer.Extension.class)
class AiProfilesOnMotoIT {

  private static final String NS = "ml-prod";
  private static final Path LLM_EXAMPLE = Path.of("examples", "03-llm-support-assistant.yaml");
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:model-alerts";

  private static MotoServer moto;
  private static AwsCloudWatchGateways aws;
  private static CloudWatchClient cloudWatch;
  private static CloudWatchLogsClient logs;

  private MotoGaps gaps;
  private CountingCloudWatch counted;
  private OperatorHarness harness;

  @BeforeAll
  static void connect(MotoServer server) {
    moto = server;
    aws = MotoSupport.gateways(moto);
    cloudWatch = MotoSupport.cloudWatchClient(moto);
    logs = MotoSupport.logsClient(moto);
  }

  @AfterAll
  static void disconnect() {
    if (aws != null) {
      aws.close();
    }
    if (cloudWatch != null) {
      cloudWatch.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @BeforeEach
  void startOperatorOnEmptyAws() {
    moto.reset();
    gaps = new MotoGaps(aws);
    counted = new CountingCloudWatch(gaps);
    harness =
        OperatorHarness.start(
            counted, OperatorHarness.fastConfig().withResyncInterval(Duration.ofSeconds(2)));
  }

  @AfterEach
  void stopOperator() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void metricMathAlarmsAndTheDashboardAreInMotoAsTheSpecSays() {
    harness.create(Fixtures.resource(NS, "rates", RATES));
    ModelAudit ready = harness.awaitReady(NS, "rates");
    String prefix = "modelaudit-" + NS + "/rates/";

    MetricAlarm rate = onlyAlarm(prefix + "error-rate");
    assertThat(rate.namespace()).isNull();
    assertThat(rate.metricName()).isNull();
    assertThat(rate.threshold()).isEqualTo(5.0);
    assertThat(rate.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
    assertThat(rate.metrics())
        .extracting(MetricDataQuery::id, MetricDataQuery::expression, MetricDataQuery::returnData)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("errors", null, false),
            org.assertj.core.groups.Tuple.tuple("requests", null, false),
            org.assertj.core.groups.Tuple.tuple("rate", "100 * errors / requests", true));
    MetricDataQuery errors = rate.metrics().get(0);
    assertThat(errors.metricStat().metric().namespace()).isEqualTo("AIModelAuditing");
    assertThat(errors.metricStat().metric().metricName()).isEqualTo("Errors");
    assertThat(errors.metricStat().stat()).isEqualTo("Sum");
    assertThat(errors.metricStat().period()).isEqualTo(300);
    assertThat(rate.alarmActions()).containsExactly(TOPIC);

    MetricAlarm band = onlyAlarm(prefix + "traffic");
    assertThat(band.thresholdMetricId()).isEqualTo("band");
    assertThat(band.comparisonOperatorAsString())
        .isEqualTo("LessThanLowerOrGreaterThanUpperThreshold");
    assertThat(band.metrics())
        .extracting(MetricDataQuery::id, MetricDataQuery::expression, MetricDataQuery::returnData)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("requests", null, true),
            org.assertj.core.groups.Tuple.tuple(
                "band", "ANOMALY_DETECTION_BAND(requests, 3)", true));

    String dashboard = "modelaudit_" + NS + "_rates";
    assertThat(
            cloudWatch.listDashboards(b -> b.dashboardNamePrefix("modelaudit_")).dashboardEntries())
        .extracting(DashboardEntry::dashboardName)
        .containsExactly(dashboard);
    String body = cloudWatch.getDashboard(b -> b.dashboardName(dashboard)).dashboardBody();
    for (AlarmStatus alarm : ready.getStatus().getAlarms()) {
      assertThat(body).contains(alarm.getArn());
    }
    assertThat(body).contains("\"AIModelAuditing\",\"Errors\"");
    assertThat(ready.getStatus().getDashboard().getName()).isEqualTo(dashboard);

    // the steady state writes nothing: moto echoes metric math as it was put
    counted.reset();
    await().atMost(Duration.ofSeconds(30)).until(() -> counted.callCount("GetDashboard") >= 3);
    assertThat(counted.mutatingCallCount()).isZero();

    // a threshold edit is one PutMetricAlarm
    harness.edit(
        NS,
        "rates",
        r -> {
          r.getSpec().getAlarms().get(0).setThreshold(7.5);
          return r;
        });
    harness.awaitReady(NS, "rates");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> onlyAlarm(prefix + "error-rate").threshold() == 7.5);
    await().atMost(Duration.ofSeconds(30)).until(() -> counted.callCount("GetDashboard") >= 6);
    assertThat(counted.callsByOperation()).containsEntry("PutMetricAlarm", 1);
    assertThat(counted.mutatingCallCount()).isEqualTo(1);

    // an edit of the dashboard behind the operator's back is undone by the next full read
    cloudWatch.putDashboard(b -> b.dashboardName(dashboard).dashboardBody("{\"widgets\":[]}"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cloudWatch
                    .getDashboard(b -> b.dashboardName(dashboard))
                    .dashboardBody()
                    .contains("Recent errors"));

    harness.delete(NS, "rates");
    harness.awaitGone(NS, "rates");
    assertThat(cloudWatch.describeAlarms(b -> b.alarmNamePrefix(prefix)).metricAlarms()).isEmpty();
    assertThat(cloudWatch.listDashboards(b -> {}).dashboardEntries()).isEmpty();
  }

  @Test
  void theLlmExampleRunsWholeWithWhatMotoLacksFilledIn() {
    harness.create(Fixtures.example(LLM_EXAMPLE));
    ModelAudit ready = harness.awaitReady(NS, "support-assistant");
    String prefix = "modelaudit-" + NS + "/support-assistant/";

    // the presets' filters and every alarm but the health alarm are in moto
    List<String> filters =
        logs
            .describeMetricFilters(b -> b.logGroupName("/modelaudit/ml-prod/support-assistant"))
            .metricFilters()
            .stream()
            .map(MetricFilter::filterName)
            .toList();
    assertThat(filters).contains("preset-requests", "preset-errors", "preset-duration");
    assertThat(cloudWatch.describeAlarms(b -> b.alarmNamePrefix(prefix)).metricAlarms())
        .extracting(MetricAlarm::alarmName)
        .containsExactlyInAnyOrderElementsOf(
            ready.getStatus().getAlarms().stream().map(AlarmStatus::getAlarmName).toList());
    MetricFilter requests =
        logs.describeMetricFilters(
                b ->
                    b.logGroupName("/modelaudit/ml-prod/support-assistant")
                        .filterNamePrefix("preset-requests"))
            .metricFilters()
            .get(0);
    assertThat(requests.filterPattern())
        .isEqualTo(
            "{ ($.event.name = \"gen_ai.client.inference.operation.details\" || $.event.name ="
                + " \"modelaudit.prediction\") }");
    assertThat(requests.metricTransformations().get(0).metricNamespace())
        .isEqualTo("modelaudit/ml-prod/support-assistant");
    // the health alarm and the anomaly model are kept by the fake
    assertThat(gaps.fake().compositeAlarm("us-east-1", prefix + "_health")).isPresent();
    assertThat(gaps.fake().anomalyDetectors("us-east-1")).hasSize(1);
    assertThat(ready.getStatus().getAlarmState())
        .isEqualTo(ready.getStatus().getHealthAlarm().getState());
    assertThat(dashboardTags("modelaudit_ml-prod_support-assistant"))
        .containsEntry("modelaudit.io/owner", "ml-prod/support-assistant");

    // a preset's threshold: one write
    counted.reset();
    harness.edit(
        NS,
        "support-assistant",
        r -> {
          r.getSpec().getPresets().getLatencyP99().setThreshold(9.0);
          return r;
        });
    harness.awaitReady(NS, "support-assistant");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> onlyAlarm(prefix + "latency-p99").threshold() == 9.0);
    await().atMost(Duration.ofSeconds(30)).until(() -> counted.callCount("GetDashboard") >= 3);
    assertThat(counted.mutatingCallCount()).isEqualTo(1);

    harness.delete(NS, "support-assistant");
    harness.awaitGone(NS, "support-assistant");
    assertThat(cloudWatch.describeAlarms(b -> b.alarmNamePrefix(prefix)).metricAlarms()).isEmpty();
    assertThat(gaps.fake().compositeAlarmNames("us-east-1")).isEmpty();
    assertThat(gaps.fake().anomalyDetectors("us-east-1")).isEmpty();
    assertThat(cloudWatch.listDashboards(b -> {}).dashboardEntries()).isEmpty();
    assertThat(
            logs.describeMetricFilters(b -> b.logGroupName("/modelaudit/ml-prod/support-assistant"))
                .metricFilters())
        .isEmpty();
  }

  private Map<String, String> dashboardTags(String name) {
    String arn = cloudWatch.getDashboard(b -> b.dashboardName(name)).dashboardArn();
    return new TreeMap<>(gaps.forRegion("us-east-1").listDashboardTags(arn));
  }

  private static MetricAlarm onlyAlarm(String name) {
    List<MetricAlarm> alarms = cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms();
    assertThat(alarms).as(name).hasSize(1);
    return alarms.get(0);
  }

  /** Rates and a band on hand-written filters, and a dashboard, without a preset. */
  private static final String RATES =
      """
      logStreams: [inference]
      metricFilters:
        - name: errors
          pattern: '{ $.error.type = * }'
          metric: {namespace: AIModelAuditing, name: Errors, value: "1", defaultValue: 0}
        - name: requests
          pattern: '{ $.event.name = * }'
          metric: {namespace: AIModelAuditing, name: Requests, value: "1", defaultValue: 0}
      alarms:
        - name: error-rate
          metrics:
            - {id: errors, metricFilter: errors, stat: Sum}
            - {id: requests, metricFilter: requests, stat: Sum}
            - {id: rate, expression: 100 * errors / requests, label: Error rate, returnData: true}
          period: 300
          evaluationPeriods: 3
          datapointsToAlarm: 2
          comparisonOperator: GreaterThanThreshold
          threshold: 5
          treatMissingData: notBreaching
        - name: traffic
          metrics:
            - {id: requests, metricFilter: requests, stat: Sum, returnData: true}
            - {id: band, expression: "ANOMALY_DETECTION_BAND(requests, 3)"}
          thresholdMetricId: band
          period: 300
          evaluationPeriods: 3
          comparisonOperator: LessThanLowerOrGreaterThanUpperThreshold
      dashboard: {enabled: true}
      notifications: {snsTopicArn: "arn:aws:sns:us-east-1:123456789012:model-alerts"}
      """;
}
