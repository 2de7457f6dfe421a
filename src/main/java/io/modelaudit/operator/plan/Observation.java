package io.modelaudit.operator.plan;

import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What AWS holds for one ModelAudit, plus what the operator managed before (from status), so that
 * parts dropped from the spec can be found and removed.
 *
 * @param logGroupTags tags of the log group; empty when it does not exist
 * @param alarms existing alarms by alarm name
 * @param alarmTags tags of each existing alarm by alarm name
 * @param managedStreams streams the operator created before
 * @param managedFilters filters the operator put before
 * @param managedAlarms alarm names the operator put before
 */
public record Observation(
    Optional<ObservedLogGroup> logGroup,
    Map<String, String> logGroupTags,
    List<String> logStreams,
    List<MetricFilterConfig> metricFilters,
    Map<String, ObservedAlarm> alarms,
    Map<String, Map<String, String>> alarmTags,
    Set<String> managedStreams,
    Set<String> managedFilters,
    Set<String> managedAlarms) {

  public Observation {
    logGroupTags = Map.copyOf(logGroupTags);
    logStreams = List.copyOf(logStreams);
    metricFilters = List.copyOf(metricFilters);
    alarms = Map.copyOf(alarms);
    alarmTags = Map.copyOf(alarmTags);
    managedStreams = Set.copyOf(managedStreams);
    managedFilters = Set.copyOf(managedFilters);
    managedAlarms = Set.copyOf(managedAlarms);
  }
}
