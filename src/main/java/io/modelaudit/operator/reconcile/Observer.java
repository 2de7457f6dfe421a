package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.desired.DesiredAlarm;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.plan.Observation;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads what AWS holds for one ModelAudit: the observe step. */
final class Observer {

  private Observer() {}

  /**
   * Reads the log group, its tags, streams and filters, and the alarms that are desired or were
   * managed before, with their tags.
   *
   * @param listByPrefix also list every alarm under this ModelAudit's name prefix, to find those
   *     that status does not track
   */
  static Observation observe(
      CloudWatchGateway gateway,
      DesiredState desired,
      ModelAuditStatus status,
      boolean listByPrefix) {
    return observe(gateway, desired, status, listByPrefix, true);
  }

  /**
   * Reads what status needs after a converge: the parts and alarm states, without the tags, which
   * only ownership checks and tag plans use.
   */
  static Observation afterConverge(
      CloudWatchGateway gateway, DesiredState desired, ModelAuditStatus status) {
    return observe(gateway, desired, status, false, false);
  }

  private static Observation observe(
      CloudWatchGateway gateway,
      DesiredState desired,
      ModelAuditStatus status,
      boolean listByPrefix,
      boolean withTags) {
    Optional<ObservedLogGroup> group = gateway.describeLogGroup(desired.logGroupName());
    Map<String, String> groupTags = Map.of();
    List<String> streams = List.of();
    List<MetricFilterConfig> filters = List.of();
    if (group.isPresent()) {
      groupTags = withTags ? gateway.listLogGroupTags(group.get().arn()) : Map.of();
      streams = gateway.listLogStreams(desired.logGroupName());
      filters = gateway.describeMetricFilters(desired.logGroupName());
    }
    Set<String> managedAlarms = managedAlarms(status);
    Set<String> alarmNames = new LinkedHashSet<>();
    desired.alarms().forEach(a -> alarmNames.add(a.alarmName()));
    alarmNames.addAll(managedAlarms);
    Map<String, ObservedAlarm> alarms = new HashMap<>();
    if (!alarmNames.isEmpty()) {
      gateway.describeAlarms(alarmNames).forEach(a -> alarms.put(a.alarmName(), a));
    }
    if (listByPrefix) {
      gateway.listAlarms(desired.alarmNamePrefix()).forEach(a -> alarms.put(a.alarmName(), a));
    }
    Map<String, Map<String, String>> alarmTags = new HashMap<>();
    for (ObservedAlarm alarm : withTags ? alarms.values() : List.<ObservedAlarm>of()) {
      alarmTags.put(alarm.alarmName(), gateway.listAlarmTags(alarm.arn()));
    }
    return new Observation(
        group,
        groupTags,
        streams,
        filters,
        alarms,
        alarmTags,
        managedStreams(status),
        managedFilters(status),
        managedAlarms);
  }

  /** Reads again only what the alarms' status needs: their state after a converge. */
  static Map<String, ObservedAlarm> alarmStates(CloudWatchGateway gateway, DesiredState desired) {
    if (desired.alarms().isEmpty()) {
      return Map.of();
    }
    return gateway
        .describeAlarms(desired.alarms().stream().map(DesiredAlarm::alarmName).toList())
        .stream()
        .collect(Collectors.toMap(ObservedAlarm::alarmName, a -> a, (a, b) -> a));
  }

  private static Set<String> managedStreams(ModelAuditStatus status) {
    return status == null || status.getLogStreams() == null
        ? Set.of()
        : Set.copyOf(status.getLogStreams());
  }

  private static Set<String> managedFilters(ModelAuditStatus status) {
    return status == null || status.getMetricFilters() == null
        ? Set.of()
        : status.getMetricFilters().stream()
            .map(MetricFilterStatus::getName)
            .collect(Collectors.toSet());
  }

  private static Set<String> managedAlarms(ModelAuditStatus status) {
    return status == null || status.getAlarms() == null
        ? Set.of()
        : status.getAlarms().stream()
            .map(AlarmStatus::getAlarmName)
            .filter(n -> n != null)
            .collect(Collectors.toSet());
  }
}
