package io.modelaudit.operator.inventory;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.desired.DesiredAlarm;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure comparison of one ModelAudit's desired state and status with the batched snapshots: what
 * changed out of band, and which alarm states moved. It sees what DescribeAlarms, DescribeLogGroups
 * and DescribeMetricFilters return; tags and log streams are not in those answers and are left to
 * the periodic full read.
 */
public final class DriftDetector {

  private DriftDetector() {}

  /** Desired alarms that are missing or differ, and dropped alarms that still exist. */
  public static List<String> alarmDrift(
      DesiredState desired, ModelAuditStatus status, AlarmSnapshot snapshot) {
    List<String> findings = new ArrayList<>();
    for (DesiredAlarm alarm : desired.alarms()) {
      Optional<ObservedAlarm> has = snapshot.alarm(alarm.alarmName());
      if (has.isEmpty()) {
        findings.add("alarm " + alarm.alarmName() + " is missing");
      } else if (!Planner.sameAlarm(alarm.config(), has.get().config())) {
        findings.add("alarm " + alarm.alarmName() + " differs from the spec");
      }
    }
    Set<String> wanted =
        desired.alarms().stream().map(DesiredAlarm::alarmName).collect(Collectors.toSet());
    for (String managed : managedAlarms(status)) {
      if (!wanted.contains(managed) && snapshot.alarm(managed).isPresent()) {
        findings.add("alarm " + managed + " is no longer in the spec but still exists");
      }
    }
    return findings;
  }

  /**
   * Whether the log group is missing or its retention, KMS key or deletion protection differ, and
   * desired metric filters that are missing or differ, and dropped filters that still exist.
   * Nothing is reported for a group outside the snapshot's prefix.
   */
  public static List<String> logGroupDrift(
      DesiredState desired, ModelAuditStatus status, LogGroupSnapshot snapshot) {
    String name = desired.logGroupName();
    if (!snapshot.covers(name)) {
      return List.of();
    }
    Optional<ObservedLogGroup> group = snapshot.group(name);
    if (group.isEmpty()) {
      return List.of("log group " + name + " is missing");
    }
    List<String> findings = new ArrayList<>();
    LogGroupConfig want = desired.logGroup();
    LogGroupConfig has = group.get().config();
    if (!Objects.equals(want.retentionInDays(), has.retentionInDays())) {
      findings.add(
          "retention of "
              + name
              + " is "
              + days(has.retentionInDays())
              + ", the spec says "
              + days(want.retentionInDays()));
    }
    if (!Objects.equals(want.kmsKeyArn(), has.kmsKeyArn())) {
      findings.add("KMS key of " + name + " differs from the spec");
    }
    if (want.deletionProtection() != has.deletionProtection()) {
      findings.add(
          "deletion protection of "
              + name
              + " is "
              + (has.deletionProtection() ? "on" : "off")
              + ", the spec says "
              + (want.deletionProtection() ? "on" : "off"));
    }
    List<MetricFilterConfig> filters = snapshot.filters(name);
    for (MetricFilterConfig filter : desired.metricFilters()) {
      Optional<MetricFilterConfig> existing = find(filters, filter.filterName());
      if (existing.isEmpty()) {
        findings.add("metric filter " + filter.filterName() + " of " + name + " is missing");
      } else if (!Planner.sameFilter(filter, existing.get())) {
        findings.add(
            "metric filter " + filter.filterName() + " of " + name + " differs from the spec");
      }
    }
    Set<String> wanted =
        desired.metricFilters().stream()
            .map(MetricFilterConfig::filterName)
            .collect(Collectors.toSet());
    for (String managed : managedFilters(status)) {
      if (!wanted.contains(managed) && find(filters, managed).isPresent()) {
        findings.add(
            "metric filter " + managed + " of " + name + " is no longer in the spec but exists");
      }
    }
    return findings;
  }

  /**
   * The status's alarms with state, reason and time taken from the snapshot, when at least one of
   * them moved; empty when the snapshot shows nothing new. Alarms the snapshot lacks keep theirs.
   */
  public static Optional<List<AlarmStatus>> refreshedAlarms(
      ModelAuditStatus status, AlarmSnapshot snapshot) {
    if (status == null || status.getAlarms() == null) {
      return Optional.empty();
    }
    boolean changed = false;
    List<AlarmStatus> refreshed = new ArrayList<>();
    for (AlarmStatus alarm : status.getAlarms()) {
      Optional<ObservedAlarm> has =
          alarm.getAlarmName() == null ? Optional.empty() : snapshot.alarm(alarm.getAlarmName());
      if (has.isEmpty()) {
        refreshed.add(alarm);
        continue;
      }
      String updatedAt =
          has.get().stateUpdatedAt() == null ? null : has.get().stateUpdatedAt().toString();
      AlarmStatus next =
          new AlarmStatus(
              alarm.getName(),
              alarm.getAlarmName(),
              alarm.getArn(),
              has.get().state(),
              has.get().stateReason(),
              updatedAt);
      changed |= !next.equals(alarm);
      refreshed.add(next);
    }
    return changed ? Optional.of(refreshed) : Optional.empty();
  }

  private static Optional<MetricFilterConfig> find(List<MetricFilterConfig> filters, String name) {
    return filters.stream().filter(f -> f.filterName().equals(name)).findFirst();
  }

  private static List<String> managedAlarms(ModelAuditStatus status) {
    return status == null || status.getAlarms() == null
        ? List.of()
        : status.getAlarms().stream()
            .map(AlarmStatus::getAlarmName)
            .filter(Objects::nonNull)
            .toList();
  }

  private static List<String> managedFilters(ModelAuditStatus status) {
    return status == null || status.getMetricFilters() == null
        ? List.of()
        : status.getMetricFilters().stream()
            .map(MetricFilterStatus::getName)
            .filter(Objects::nonNull)
            .toList();
  }

  private static String days(Integer retention) {
    return retention == null ? "never expire" : retention + " days";
  }
}
