package io.modelaudit.operator.inventory;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.StatusBuilder;
import io.modelaudit.operator.support.PartsStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** ModelAudits that are Ready, and AWS holding exactly what they ask for. */
final class InventoryFixtures {

  static final String SPEC = Fixtures.specText("two-alarms");

  private InventoryFixtures() {}

  static ModelAudit resource(String namespace, String name) {
    ModelAudit audit = Fixtures.resource(namespace, name, SPEC);
    audit.getMetadata().setGeneration(1L);
    return audit;
  }

  static DesiredState desired(ModelAudit audit, OperatorConfig config) {
    return DesiredStateBuilder.build(
        audit.getMetadata().getNamespace(), audit.getMetadata().getName(), audit.getSpec(), config);
  }

  /** Creates in AWS everything the ModelAudit asks for, as a converge would. */
  static void create(CloudWatchGateway gateway, DesiredState desired) {
    gateway.createLogGroup(desired.of(LogGroupPart.PART).config(), desired.tags());
    gateway.putRetentionPolicy(
        desired.logGroupName(), desired.of(LogGroupPart.PART).config().retentionInDays());
    desired
        .of(LogStreamsPart.PART)
        .forEach(s -> gateway.createLogStream(desired.logGroupName(), s));
    desired.of(MetricFiltersPart.PART).forEach(gateway::putMetricFilter);
    desired.of(AlarmsPart.PART).forEach(a -> gateway.putMetricAlarm(a.config(), desired.tags()));
  }

  /** Gives the ModelAudit the status a successful reconcile writes after reading AWS. */
  static void markReady(ModelAudit audit, DesiredState desired, CloudWatchGateway gateway) {
    List<AlarmStatus> alarms = new ArrayList<>();
    for (DesiredAlarm alarm : desired.of(AlarmsPart.PART)) {
      ObservedAlarm observed = gateway.describeAlarms(List.of(alarm.alarmName())).get(0);
      alarms.add(
          new AlarmStatus(
              alarm.specName(),
              alarm.alarmName(),
              observed.arn(),
              observed.state(),
              observed.stateReason(),
              observed.stateUpdatedAt().toString()));
    }
    List<MetricFilterStatus> filters =
        desired.of(MetricFiltersPart.PART).stream()
            .map(
                (MetricFilterConfig f) ->
                    new MetricFilterStatus(f.filterName(), f.metricNamespace(), f.metricName()))
            .toList();
    Consumer<ModelAuditStatus> parts =
        PartsStatus.of(
            desired.region(),
            new LogGroupStatus(desired.logGroupName(), "arn", 7),
            desired.of(LogStreamsPart.PART),
            filters,
            alarms);
    audit.setStatus(
        StatusBuilder.next(
            null, 1L, Outcome.synced("in sync"), parts, true, "2025-03-01T10:00:00Z"));
  }
}
