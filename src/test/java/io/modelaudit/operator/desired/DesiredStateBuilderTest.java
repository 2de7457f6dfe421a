package io.modelaudit.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStateBuilderTest {

  private final OperatorConfig config = OperatorConfig.defaults().withClusterName("prod-eu");

  @Test
  void seedExampleGivesTheSeedProgramsConfiguration() {
    ModelAudit seed = Fixtures.example(Fixtures.SEED_EXAMPLE);
    DesiredState desired = build(seed);

    assertThat(desired.region()).isEqualTo("us-east-1");
    assertThat(desired.logGroup())
        .isEqualTo(
            new LogGroupConfig("/modelaudit/ml-prod/fraud-detector", 7, null, "STANDARD", false));
    assertThat(desired.logStreams()).containsExactly("inference");
    assertThat(desired.metricFilters())
        .containsExactly(
            new MetricFilterConfig(
                "/modelaudit/ml-prod/fraud-detector",
                "events",
                "[timestamp=*Z, request_id, event, ...]",
                "AIModelAuditing",
                "EventCount",
                "1",
                null,
                null,
                Map.of()));
    String topic = "arn:aws:sns:us-east-1:123456789012:model-alerts";
    assertThat(desired.alarms()).hasSize(1);
    AlarmConfig alarm = desired.alarms().get(0).config();
    assertThat(alarm)
        .isEqualTo(
            new AlarmConfig(
                "modelaudit-ml-prod/fraud-detector/high-event-rate",
                null,
                "AIModelAuditing",
                "EventCount",
                Map.of(),
                "Sum",
                null,
                60,
                1,
                null,
                "GreaterThanThreshold",
                5.0,
                null,
                true,
                List.of(topic),
                List.of(topic),
                List.of(),
                null));
    assertThat(desired.tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Environment",
                "production",
                "Purpose",
                "AIModelAuditing",
                Tags.MODEL,
                "fraud-detector",
                Tags.MODEL_VERSION,
                "3.2",
                Tags.OWNER,
                "ml-prod/fraud-detector",
                Tags.CLUSTER,
                "prod-eu"));
    assertThat(desired.deletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    assertThat(desired.adoptExisting()).isFalse();
  }

  @Test
  void richExampleKeepsExplicitActionsAndDefaultsTheRest() {
    DesiredState desired = build(Fixtures.example(Fixtures.RICH_EXAMPLE));

    assertThat(desired.logGroup().kmsKeyArn()).startsWith("arn:aws:kms:");
    assertThat(desired.logGroup().retentionInDays()).isEqualTo(90);
    assertThat(desired.deletionPolicy()).isEqualTo(DeletionPolicy.Delete);
    assertThat(desired.metricFilters()).hasSize(3);
    AlarmConfig errors = desired.alarms().get(0).config();
    assertThat(errors.alarmActions())
        .containsExactly("arn:aws:sns:us-east-1:123456789012:model-alerts");
    assertThat(errors.okActions())
        .containsExactly("arn:aws:sns:us-east-1:123456789012:model-alerts");
    AlarmConfig lowConfidence = desired.alarms().get(1).config();
    assertThat(lowConfidence.alarmActions()).hasSize(2);
    assertThat(lowConfidence.okActions()).as("an explicit empty list wins").isEmpty();
    AlarmConfig slow = desired.alarms().get(2).config();
    assertThat(slow.statistic()).isNull();
    assertThat(slow.extendedStatistic()).isEqualTo("p99");
    assertThat(slow.metricName()).isEqualTo("LatencyMs");
    assertThat(slow.insufficientDataActions())
        .containsExactly("arn:aws:sns:us-east-1:123456789012:model-alerts");
  }

  @Test
  void minimalSpecGetsEveryDefault() {
    ModelAudit audit = Fixtures.resource("team-a", "tiny", "{}");
    DesiredState desired = build(audit);

    assertThat(desired.region()).isEqualTo(config.defaultRegion());
    assertThat(desired.logGroupName()).isEqualTo("/modelaudit/team-a/tiny");
    assertThat(desired.logGroup().retentionInDays()).isNull();
    assertThat(desired.logGroup().logGroupClass()).isEqualTo("STANDARD");
    assertThat(desired.logStreams()).containsExactly(DesiredStateBuilder.DEFAULT_LOG_STREAM);
    assertThat(desired.metricFilters()).isEmpty();
    assertThat(desired.alarms()).isEmpty();
    assertThat(desired.tags()).containsOnlyKeys(Tags.OWNER, Tags.CLUSTER);
  }

  @Test
  void alarmOnAnyMetricKeepsItsDimensions() {
    ModelAudit audit =
        Fixtures.resource(
            "team-a",
            "m",
            """
            alarms:
              - name: cpu
                metric: {namespace: AWS/SageMaker, name: CPUUtilization,
                         dimensions: {EndpointName: fraud}}
                statistic: Average
                period: 300
                evaluationPeriods: 2
                comparisonOperator: GreaterThanThreshold
                threshold: 80
            """);
    AlarmConfig alarm = build(audit).alarms().get(0).config();
    assertThat(alarm.metricNamespace()).isEqualTo("AWS/SageMaker");
    assertThat(alarm.dimensions()).containsEntry("EndpointName", "fraud");
    assertThat(alarm.alarmActions()).isEmpty();
  }

  private DesiredState build(ModelAudit audit) {
    return DesiredStateBuilder.build(
        audit.getMetadata().getNamespace(), audit.getMetadata().getName(), audit.getSpec(), config);
  }
}
