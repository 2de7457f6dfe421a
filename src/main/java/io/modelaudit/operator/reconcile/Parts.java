package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.desired.DesiredAlarm;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.plan.Observation;
import io.modelaudit.operator.status.AwsParts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns an observation into the per-part status: what exists and what the operator manages. */
final class Parts {

  private Parts() {}

  static AwsParts from(DesiredState desired, Observation observed, ModelAuditStatus previous) {
    LogGroupStatus group =
        observed
            .logGroup()
            .map(g -> new LogGroupStatus(g.name(), g.arn(), g.config().retentionInDays()))
            .orElse(null);
    Set<String> streams = new LinkedHashSet<>(desired.logStreams());
    streams.addAll(observed.managedStreams());
    List<String> existingStreams =
        streams.stream().filter(observed.logStreams()::contains).toList();

    Set<String> filterNames = new LinkedHashSet<>();
    desired.metricFilters().forEach(f -> filterNames.add(f.filterName()));
    filterNames.addAll(observed.managedFilters());
    List<MetricFilterStatus> filters = new ArrayList<>();
    for (String name : filterNames) {
      observed.metricFilters().stream()
          .filter(f -> f.filterName().equals(name))
          .findFirst()
          .map(Parts::filterStatus)
          .ifPresent(filters::add);
    }

    List<AlarmStatus> alarms = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (DesiredAlarm alarm : desired.alarms()) {
      ObservedAlarm has = observed.alarms().get(alarm.alarmName());
      if (has != null) {
        alarms.add(alarmStatus(alarm.specName(), has));
        seen.add(alarm.alarmName());
      }
    }
    if (previous != null && previous.getAlarms() != null) {
      for (AlarmStatus old : previous.getAlarms()) {
        ObservedAlarm has = observed.alarms().get(old.getAlarmName());
        if (has != null && seen.add(old.getAlarmName())) {
          alarms.add(alarmStatus(old.getName(), has));
        }
      }
    }
    return new AwsParts(
        desired.region(),
        group,
        existingStreams.isEmpty() ? null : existingStreams,
        filters.isEmpty() ? null : filters,
        alarms.isEmpty() ? null : alarms);
  }

  private static MetricFilterStatus filterStatus(MetricFilterConfig f) {
    return new MetricFilterStatus(f.filterName(), f.metricNamespace(), f.metricName());
  }

  static AlarmStatus alarmStatus(String specName, ObservedAlarm alarm) {
    return new AlarmStatus(
        specName,
        alarm.alarmName(),
        alarm.arn(),
        alarm.state(),
        alarm.stateReason(),
        alarm.stateUpdatedAt() == null ? null : alarm.stateUpdatedAt().toString());
  }
}
