package io.modelaudit.operator.support;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.anomaly.AnomalyPart;
import io.modelaudit.operator.part.composite.CompositePart;
import io.modelaudit.operator.part.dashboard.DashboardPart;
import io.modelaudit.operator.part.dataprotection.DataProtectionPart;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyPart;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.loggroup.ObservedGroup;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.part.queries.QueriesPart;
import io.modelaudit.operator.part.subscriptions.SubscriptionsPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What AWS holds for one ModelAudit, written flat for plan tests: the four core parts' observations
 * in one record, turned into an {@link Observation} with {@link #observation()}.
 */
public record ObservedAws(
    Optional<ObservedLogGroup> logGroup,
    Map<String, String> logGroupTags,
    List<String> logStreams,
    List<MetricFilterConfig> metricFilters,
    Map<String, ObservedAlarm> alarms,
    Map<String, Map<String, String>> alarmTags,
    Set<String> managedStreams,
    Set<String> managedFilters,
    Set<String> managedAlarms,
    Optional<AdoptionStatus> adoption) {

  public ObservedAws(
      Optional<ObservedLogGroup> logGroup,
      Map<String, String> logGroupTags,
      List<String> logStreams,
      List<MetricFilterConfig> metricFilters,
      Map<String, ObservedAlarm> alarms,
      Map<String, Map<String, String>> alarmTags,
      Set<String> managedStreams,
      Set<String> managedFilters,
      Set<String> managedAlarms) {
    this(
        logGroup,
        logGroupTags,
        logStreams,
        metricFilters,
        alarms,
        alarmTags,
        managedStreams,
        managedFilters,
        managedAlarms,
        Optional.empty());
  }

  /** The same, with this record of what the group held when it was adopted. */
  public ObservedAws withAdoption(AdoptionStatus record) {
    return new ObservedAws(
        logGroup,
        logGroupTags,
        logStreams,
        metricFilters,
        alarms,
        alarmTags,
        managedStreams,
        managedFilters,
        managedAlarms,
        Optional.of(record));
  }

  /** The same, with these log group tags. */
  public ObservedAws withLogGroupTags(Map<String, String> tags) {
    return new ObservedAws(
        logGroup,
        tags,
        logStreams,
        metricFilters,
        alarms,
        alarmTags,
        managedStreams,
        managedFilters,
        managedAlarms,
        adoption);
  }

  /** Nothing in AWS and nothing managed before. */
  public static ObservedAws empty() {
    return new ObservedAws(
        Optional.empty(),
        Map.of(),
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        Set.of(),
        Set.of(),
        Set.of());
  }

  /** The tags the operator puts on a log group or alarm it creates for this desired state. */
  public static Map<String, String> createdTags(DesiredState desired) {
    Map<String, String> tags = new java.util.LinkedHashMap<>(desired.tags());
    tags.put(Tags.ORIGIN, Tags.CREATED);
    return Map.copyOf(tags);
  }

  /**
   * The observation; the parts of AI audit profiles (models, health alarm, dashboard) hold none.
   */
  public Observation observation() {
    Map<String, String> arns = new java.util.HashMap<>();
    alarms.values().forEach(a -> arns.put(a.alarmName(), a.arn()));
    return Observation.empty()
        .with(LogGroupPart.PART, new ObservedGroup(logGroup, logGroupTags, true, adoption))
        .with(LogStreamsPart.PART, new LogStreamsPart.Observed(logStreams, managedStreams))
        .with(MetricFiltersPart.PART, new MetricFiltersPart.Observed(metricFilters, managedFilters))
        .with(AnomalyPart.PART, new AnomalyPart.Observed(Map.of(), Map.of()))
        .with(AlarmsPart.PART, new AlarmsPart.Observed(alarms, alarmTags, managedAlarms))
        .with(CompositePart.PART, new CompositePart.Observed(Map.of(), Map.of(), null, true))
        .with(DashboardPart.PART, new DashboardPart.Observed(Map.of(), Map.of(), null, true, arns))
        // the compliance parts hold nothing here; tests of them replace these with Observation.with
        .with(DataProtectionPart.PART, new DataProtectionPart.Observed(Optional.empty()))
        .with(IndexPolicyPart.PART, new IndexPolicyPart.Observed(Optional.empty(), false))
        .with(SubscriptionsPart.PART, new SubscriptionsPart.Observed(List.of(), Set.of()))
        .with(QueriesPart.PART, new QueriesPart.Observed(List.of()));
  }
}
