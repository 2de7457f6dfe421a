package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.support.OperatorHarness;
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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;

/**
 * The trust issue's reproduction on moto, through the production adapter: a log group made by hand
 * (retention 3653 days, a tag Owner=security, a stream history, a filter root-login) is adopted
 * under deletionPolicy Delete and the ModelAudit deleted. Everything the operator did not make is
 * still there, read back with plain SDK clients.
 */
@ExtendWith(MotoServer.Extension.class)
class AdoptionOnMotoIT {

  private static final String NS = "ml";
  private static final String GROUP = "/modelaudit/ml/legacy";

  private static MotoServer moto;
  private static AwsCloudWatchGateways gateways;
  private static CloudWatchLogsClient logs;
  private static CloudWatchClient cloudWatch;

  private OperatorHarness harness;

  @BeforeAll
  static void connect(MotoServer server) {
    moto = server;
    gateways = MotoSupport.gateways(moto);
    logs = MotoSupport.logsClient(moto);
    cloudWatch = MotoSupport.cloudWatchClient(moto);
  }

  @AfterAll
  static void disconnect() {
    if (gateways != null) {
      gateways.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (cloudWatch != null) {
      cloudWatch.close();
    }
  }

  @BeforeEach
  void startOperatorOnEmptyAws() {
    moto.reset();
    // moto lacks masking, saved queries and index policies: MotoGaps serves them
    // (docs/development.md)
    harness = OperatorHarness.start(new MotoGaps(gateways), OperatorHarness.fastConfig());
  }

  @AfterEach
  void stopOperator() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void adoptingThenDeletingLeavesTheHandMadeTrailAsItWasFound() {
    logs.createLogGroup(b -> b.logGroupName(GROUP).tags(Map.of("Owner", "security")));
    logs.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(3653));
    logs.createLogStream(b -> b.logGroupName(GROUP).logStreamName("history"));
    logs.putMetricFilter(
        b ->
            b.logGroupName(GROUP)
                .filterName("root-login")
                .filterPattern("{ $.user = \"root\" }")
                .metricTransformations(
                    t -> t.metricNamespace("Security").metricName("RootLogins").metricValue("1")));

    harness.create(
        Fixtures.resource(
            NS,
            "legacy",
            """
            logGroup: {name: /modelaudit/ml/legacy}
            logStreams: [inference]
            adoptExisting: true
            deletionPolicy: Delete
            metricFilters:
              - name: errors
                pattern: '{ $.level = "ERROR" }'
                metric: {namespace: ML/Legacy, name: ErrorCount, value: "1"}
            alarms:
              - {name: too-many-errors, metricFilter: errors, statistic: Sum, period: 60,
                 evaluationPeriods: 1, comparisonOperator: GreaterThanThreshold, threshold: 5}
            tags: {Team: ml}
            """));
    ModelAudit ready = harness.awaitReady(NS, "legacy");

    LogGroup adopted = group();
    assertThat(adopted.retentionInDays()).as("not in the spec: left as found").isEqualTo(3653);
    assertThat(tags())
        .containsEntry("Owner", "security")
        .containsEntry("Team", "ml")
        .containsEntry(Tags.ORIGIN, Tags.ADOPTED)
        .containsEntry(Tags.OWNER_UID, ready.getMetadata().getUid());
    assertThat(ready.getStatus().getAdoption().getMetricFilters()).containsExactly("root-login");
    assertThat(filters()).containsExactlyInAnyOrder("errors", "root-login");

    harness.delete(NS, "legacy");
    harness.awaitGone(NS, "legacy");

    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(GROUP)).logGroups())
        .extracting(LogGroup::logGroupName)
        .containsExactly(GROUP);
    assertThat(group().retentionInDays()).isEqualTo(3653);
    assertThat(streams()).contains("history").doesNotContain("inference");
    assertThat(filters()).containsExactly("root-login");
    assertThat(cloudWatch.describeAlarms(b -> b.alarmNamePrefix("modelaudit-")).metricAlarms())
        .isEmpty();
    assertThat(tags()).containsExactlyEntriesOf(Map.of("Owner", "security"));
  }

  private static LogGroup group() {
    return logs.describeLogGroups(b -> b.logGroupNamePrefix(GROUP)).logGroups().get(0);
  }

  private static Map<String, String> tags() {
    String arn = group().arn().replaceAll(":\\*$", "");
    return new TreeMap<>(logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
  }

  private static List<String> streams() {
    return logs.describeLogStreams(b -> b.logGroupName(GROUP)).logStreams().stream()
        .map(LogStream::logStreamName)
        .toList();
  }

  private static List<String> filters() {
    return logs.describeMetricFilters(b -> b.logGroupName(GROUP)).metricFilters().stream()
        .map(MetricFilter::filterName)
        .toList();
  }
}
