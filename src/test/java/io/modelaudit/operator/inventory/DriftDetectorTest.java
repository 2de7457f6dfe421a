package io.modelaudit.operator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.audit.DriftDetector;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.LogGroupSnapshot;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the batched listings can and cannot tell about one ModelAudit. */
class DriftDetectorTest {

  private static final String REGION = "us-east-1";
  private static final Instant NOW = Instant.parse("2025-03-01T10:05:00Z");

  private final OperatorConfig config = Fixtures.config();
  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway gateway = aws.forRegion(REGION);
  private ModelAudit audit;
  private DesiredState desired;
  private String group;
  private String errorsAlarm;

  @BeforeEach
  void inSync() {
    audit = InventoryFixtures.resource("ml-prod", "fraud");
    desired = InventoryFixtures.desired(audit, config);
    InventoryFixtures.create(gateway, desired);
    InventoryFixtures.markReady(audit, desired, gateway);
    group = desired.logGroupName();
    errorsAlarm = desired.of(AlarmsPart.PART).get(0).alarmName();
  }

  @Test
  void nothingDriftedWhenAwsHoldsTheSpec() {
    assertThat(alarmDrift(desired, audit.getStatus(), alarms())).isEmpty();
    assertThat(logGroupDrift(desired, audit.getStatus(), groups("/modelaudit/"))).isEmpty();
    assertThat(refreshedAlarms(audit.getStatus(), alarms())).isEmpty();
  }

  @Test
  void aDeletedOrChangedAlarmIsDrift() {
    aws.deleteAlarmOutOfBand(REGION, errorsAlarm);
    AlarmConfig slow = desired.of(AlarmsPart.PART).get(1).config();
    aws.seedAlarm(REGION, withThreshold(slow, 999), Map.of());

    assertThat(alarmDrift(desired, audit.getStatus(), alarms()))
        .containsExactly(
            "alarm " + errorsAlarm + " is missing",
            "alarm " + slow.alarmName() + " differs from the spec");
  }

  @Test
  void aChangedRetentionOrAMissingGroupIsDrift() {
    aws.setRetentionOutOfBand(REGION, group, 30);
    assertThat(logGroupDrift(desired, audit.getStatus(), groups("/modelaudit/")))
        .containsExactly("retention of " + group + " is 30 days, the spec says 7 days");

    aws.deleteLogGroupOutOfBand(REGION, group);
    assertThat(logGroupDrift(desired, audit.getStatus(), groups("/modelaudit/")))
        .containsExactly("log group " + group + " is missing");
  }

  @Test
  void aModifiedOrDeletedFilterIsDrift() {
    MetricFilterConfig errors = desired.of(MetricFiltersPart.PART).get(0);
    aws.putMetricFilterOutOfBand(
        REGION,
        new MetricFilterConfig(
            group,
            errors.filterName(),
            "ERROR",
            errors.metricNamespace(),
            errors.metricName(),
            errors.metricValue(),
            errors.defaultValue(),
            errors.unit(),
            errors.dimensions()));
    aws.deleteMetricFilterOutOfBand(REGION, group, "latency");

    assertThat(logGroupDrift(desired, audit.getStatus(), groups("/modelaudit/")))
        .containsExactly(
            "metric filter errors of " + group + " differs from the spec",
            "metric filter latency of " + group + " is missing");
  }

  @Test
  void aGroupOutsideTheListedPrefixIsUnknownNotMissing() {
    aws.deleteLogGroupOutOfBand(REGION, group);

    assertThat(logGroupDrift(desired, audit.getStatus(), groups("/other/"))).isEmpty();
  }

  @Test
  void partsDroppedFromTheSpecThatStillExistAreDrift() {
    List<AlarmStatus> alarms = new ArrayList<>(audit.getStatus().getAlarms());
    alarms.add(new AlarmStatus("old", "modelaudit-ml-prod/fraud/old", "arn", "OK", null, null));
    audit.getStatus().setAlarms(alarms);
    aws.seedAlarm(
        REGION,
        withName(desired.of(AlarmsPart.PART).get(0).config(), "modelaudit-ml-prod/fraud/old"),
        Map.of());
    List<MetricFilterStatus> filters = new ArrayList<>(audit.getStatus().getMetricFilters());
    filters.add(new MetricFilterStatus("old-filter", "NS", "M"));
    audit.getStatus().setMetricFilters(filters);
    aws.putMetricFilterOutOfBand(
        REGION,
        new MetricFilterConfig(group, "old-filter", "x", "NS", "M", "1", null, null, Map.of()));

    assertThat(alarmDrift(desired, audit.getStatus(), alarms()))
        .containsExactly(
            "alarm modelaudit-ml-prod/fraud/old is no longer in the spec but still exists");
    assertThat(logGroupDrift(desired, audit.getStatus(), groups("/modelaudit/")))
        .containsExactly(
            "metric filter old-filter of " + group + " is no longer in the spec but exists");
  }

  @Test
  void movedAlarmStatesComeBackWithTheRestOfTheStatusUnchanged() {
    aws.setAlarmState(REGION, errorsAlarm, "ALARM", "Threshold crossed: 7 > 5");

    List<AlarmStatus> refreshed = refreshedAlarms(audit.getStatus(), alarms()).orElseThrow();

    assertThat(refreshed).hasSize(2);
    assertThat(refreshed.get(0).getState()).isEqualTo("ALARM");
    assertThat(refreshed.get(0).getStateReason()).isEqualTo("Threshold crossed: 7 > 5");
    assertThat(refreshed.get(0).getName()).isEqualTo("too-many-errors");
    assertThat(refreshed.get(0).getArn()).isEqualTo(audit.getStatus().getAlarms().get(0).getArn());
    assertThat(refreshed.get(1)).isEqualTo(audit.getStatus().getAlarms().get(1));
  }

  @Test
  void anAlarmMissingFromTheListingKeepsItsState() {
    aws.deleteAlarmOutOfBand(REGION, errorsAlarm);

    assertThat(refreshedAlarms(audit.getStatus(), alarms())).isEmpty();
  }

  private static List<String> alarmDrift(
      DesiredState desired, ModelAuditStatus status, AlarmSnapshot alarms) {
    return DriftDetector.drift(desired, status, Listings.of(alarms));
  }

  private static List<String> logGroupDrift(
      DesiredState desired, ModelAuditStatus status, LogGroupSnapshot groups) {
    return DriftDetector.drift(
        desired, status, new Listings(Optional.empty(), Optional.of(groups)));
  }

  private static Optional<List<AlarmStatus>> refreshedAlarms(
      ModelAuditStatus status, AlarmSnapshot alarms) {
    return AlarmsPart.refreshedAlarms(status, Listings.of(alarms));
  }

  private AlarmSnapshot alarms() {
    return AlarmSnapshot.of(REGION, NOW, gateway.listAlarms("modelaudit-"));
  }

  private LogGroupSnapshot groups(String prefix) {
    return LogGroupSnapshot.of(
        REGION, NOW, prefix, gateway.listLogGroups(prefix), gateway.listMetricFilters(prefix));
  }

  private static AlarmConfig withThreshold(AlarmConfig a, double threshold) {
    return new AlarmConfig(
        a.alarmName(),
        a.description(),
        a.metricNamespace(),
        a.metricName(),
        a.dimensions(),
        a.statistic(),
        a.extendedStatistic(),
        a.period(),
        a.evaluationPeriods(),
        a.datapointsToAlarm(),
        a.comparisonOperator(),
        threshold,
        a.treatMissingData(),
        a.actionsEnabled(),
        a.alarmActions(),
        a.okActions(),
        a.insufficientDataActions(),
        a.unit());
  }

  private static AlarmConfig withName(AlarmConfig a, String name) {
    return new AlarmConfig(
        name,
        a.description(),
        a.metricNamespace(),
        a.metricName(),
        a.dimensions(),
        a.statistic(),
        a.extendedStatistic(),
        a.period(),
        a.evaluationPeriods(),
        a.datapointsToAlarm(),
        a.comparisonOperator(),
        a.threshold(),
        a.treatMissingData(),
        a.actionsEnabled(),
        a.alarmActions(),
        a.okActions(),
        a.insufficientDataActions(),
        a.unit());
  }
}
