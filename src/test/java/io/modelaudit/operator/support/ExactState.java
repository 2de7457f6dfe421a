package io.modelaudit.operator.support;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.anomaly.AnomalyPart;
import io.modelaudit.operator.part.composite.CompositePart;
import io.modelaudit.operator.part.dashboard.DashboardPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the CloudWatch fake holds in a region with what a set of ModelAudits desires: every
 * desired part exists exactly once and owned by its ModelAudit, and nothing else exists (no orphan:
 * no alarm, health alarm, dashboard or anomaly model left behind), except log groups a test knows
 * were retained on purpose.
 */
public final class ExactState {

  private ExactState() {}

  /**
   * Every difference between the region's content and the desired state of these ModelAudits; empty
   * when they match exactly.
   *
   * @param retainedGroups log groups left behind on purpose (deletionPolicy Retain or Orphan); they
   *     may exist with their streams, but without metric filters unless also desired
   */
  public static List<String> differences(
      InMemoryCloudWatch aws,
      String region,
      OperatorConfig config,
      Collection<ModelAudit> live,
      Set<String> retainedGroups) {
    List<String> problems = new ArrayList<>();
    Set<String> wantedGroups = new TreeSet<>();
    Set<String> wantedAlarms = new TreeSet<>();
    Set<String> wantedComposites = new TreeSet<>();
    Set<String> wantedDashboards = new TreeSet<>();
    Set<String> wantedModels = new TreeSet<>();
    for (ModelAudit audit : live) {
      DesiredState desired = desired(audit, config);
      if (!desired.region().equals(region)) {
        continue;
      }
      String id = desired.ownerTag();
      String group = desired.logGroupName();
      wantedGroups.add(group);
      if (aws.logGroup(region, group).isEmpty()) {
        problems.add(id + ": log group " + group + " is missing");
        continue;
      }
      String owner = aws.logGroupTags(region, group).get(Tags.OWNER);
      if (!id.equals(owner)) {
        problems.add(id + ": log group " + group + " is owned by " + owner);
      }
      Set<String> streams = new TreeSet<>(aws.logStreams(region, group));
      Set<String> wantedStreams = new TreeSet<>(desired.of(LogStreamsPart.PART));
      if (!streams.containsAll(wantedStreams)
          || (!retainedGroups.contains(group) && !streams.equals(wantedStreams))) {
        problems.add(id + ": streams " + streams + " but desired " + wantedStreams);
      }
      Set<String> filters = names(aws.metricFilters(region, group));
      Set<String> wantedFilters = new TreeSet<>();
      desired.of(MetricFiltersPart.PART).forEach(f -> wantedFilters.add(f.filterName()));
      if (!filters.equals(wantedFilters)) {
        problems.add(id + ": metric filters " + filters + " but desired " + wantedFilters);
      }
      desired
          .of(CompositePart.PART)
          .ifPresent(
              h -> {
                wantedComposites.add(h.alarmName());
                if (aws.compositeAlarm(region, h.alarmName()).isEmpty()) {
                  problems.add(id + ": health alarm " + h.alarmName() + " is missing");
                }
              });
      desired
          .of(DashboardPart.PART)
          .ifPresent(
              d -> {
                wantedDashboards.add(d.name());
                if (aws.dashboard(d.name()).isEmpty()) {
                  problems.add(id + ": dashboard " + d.name() + " is missing");
                }
              });
      desired
          .of(AnomalyPart.PART)
          .detectors()
          .forEach(d -> wantedModels.add(AnomalyPart.key(d.config())));
      for (DesiredAlarm alarm : desired.of(AlarmsPart.PART)) {
        wantedAlarms.add(alarm.alarmName());
        Map<String, String> tags = aws.alarmTags(region, alarm.alarmName());
        if (aws.alarm(region, alarm.alarmName()).isEmpty()) {
          problems.add(id + ": alarm " + alarm.alarmName() + " is missing");
        } else if (!id.equals(tags.get(Tags.OWNER))) {
          problems.add(id + ": alarm " + alarm.alarmName() + " owned by " + tags.get(Tags.OWNER));
        }
      }
    }
    for (String group : aws.logGroupNames(region)) {
      if (wantedGroups.contains(group)) {
        continue;
      }
      if (!retainedGroups.contains(group)) {
        problems.add("orphan log group " + group + " (owner " + ownerOf(aws, region, group) + ")");
      } else if (!aws.metricFilters(region, group).isEmpty()) {
        problems.add(
            "retained log group "
                + group
                + " still has metric filters "
                + names(aws.metricFilters(region, group)));
      }
    }
    Set<String> composites = new TreeSet<>(aws.compositeAlarmNames(region));
    composites.removeAll(wantedComposites);
    composites.forEach(c -> problems.add("orphan health alarm " + c));
    Set<String> dashboards = new TreeSet<>(aws.dashboardNames());
    dashboards.removeAll(wantedDashboards);
    dashboards.forEach(d -> problems.add("orphan dashboard " + d));
    aws.anomalyDetectors(region).stream()
        .filter(m -> !wantedModels.contains(AnomalyPart.key(m.config())))
        .forEach(m -> problems.add("orphan anomaly model of " + m.config().describe()));
    Set<String> alarms = new TreeSet<>(aws.alarmNames(region));
    alarms.removeAll(wantedAlarms);
    for (String alarm : alarms) {
      problems.add(
          "orphan alarm "
              + alarm
              + " (owner "
              + aws.alarmTags(region, alarm).get(Tags.OWNER)
              + ")");
    }
    return problems;
  }

  /** Like {@link #differences} with no retained group. */
  public static List<String> differences(
      InMemoryCloudWatch aws, String region, OperatorConfig config, Collection<ModelAudit> live) {
    return differences(aws, region, config, live, Set.of());
  }

  public static DesiredState desired(ModelAudit audit, OperatorConfig config) {
    return DesiredStateBuilder.build(
        audit.getMetadata().getNamespace(), audit.getMetadata().getName(), audit.getSpec(), config);
  }

  private static Set<String> names(List<MetricFilterConfig> filters) {
    Set<String> names = new TreeSet<>();
    filters.forEach(f -> names.add(f.filterName()));
    return names;
  }

  private static String ownerOf(InMemoryCloudWatch aws, String region, String group) {
    return aws.logGroupTags(region, group).get(Tags.OWNER);
  }
}
