package io.modelaudit.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
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
    assertThat(desired.of(LogGroupPart.PART).config())
        .isEqualTo(
            new LogGroupConfig("/modelaudit/ml-prod/fraud-detector", 7, null, "STANDARD", false));
    assertThat(desired.of(LogStreamsPart.PART)).containsExactly("inference");
    assertThat(desired.of(MetricFiltersPart.PART))
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
    assertThat(desired.of(AlarmsPart.PART)).hasSize(1);
    AlarmConfig alarm = desired.of(AlarmsPart.PART).get(0).config();
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

    assertThat(desired.of(LogGroupPart.PART).config().kmsKeyArn()).startsWith("arn:aws:kms:");
    assertThat(desired.of(LogGroupPart.PART).config().retentionInDays()).isEqualTo(90);
    assertThat(desired.deletionPolicy()).isEqualTo(DeletionPolicy.Delete);
    assertThat(desired.of(MetricFiltersPart.PART)).hasSize(3);
    AlarmConfig errors = desired.of(AlarmsPart.PART).get(0).config();
    assertThat(errors.alarmActions())
        .containsExactly("arn:aws:sns:us-east-1:123456789012:model-alerts");
    assertThat(errors.okActions())
        .containsExactly("arn:aws:sns:us-east-1:123456789012:model-alerts");
    AlarmConfig lowConfidence = desired.of(AlarmsPart.PART).get(1).config();
    assertThat(lowConfidence.alarmActions()).hasSize(2);
    assertThat(lowConfidence.okActions()).as("an explicit empty list wins").isEmpty();
    AlarmConfig slow = desired.of(AlarmsPart.PART).get(2).config();
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
    assertThat(desired.of(LogGroupPart.PART).config().retentionInDays()).isNull();
    assertThat(desired.of(LogGroupPart.PART).config().logGroupClass()).isEqualTo("STANDARD");
    assertThat(desired.of(LogStreamsPart.PART)).containsExactly(LogStreamsPart.DEFAULT_LOG_STREAM);
    assertThat(desired.of(MetricFiltersPart.PART)).isEmpty();
    assertThat(desired.of(AlarmsPart.PART)).isEmpty();
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
    AlarmConfig alarm = build(audit).of(AlarmsPart.PART).get(0).config();
    assertThat(alarm.metricNamespace()).isEqualTo("AWS/SageMaker");
    assertThat(alarm.dimensions()).containsEntry("EndpointName", "fraud");
    assertThat(alarm.alarmActions()).isEmpty();
  }

  private DesiredState build(ModelAudit audit) {
    return DesiredStateBuilder.build(
        audit.getMetadata().getNamespace(), audit.getMetadata().getName(), audit.getSpec(), config);
  }
}
