package io.modelaudit.operator.plan;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.desired.DesiredAlarm;
import io.modelaudit.operator.desired.DesiredState;
import io.modelaudit.operator.desired.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Pure comparison of desired and observed state: the writes that converge AWS, in the order group,
 * streams, filters, alarms, and nothing when they already match.
 */
public final class Planner {

  private Planner() {}

  /** The writes that make AWS match the desired state, or the blockers that forbid any. */
  public static Plan converge(DesiredState desired, Observation observed) {
    List<Blocker> blockers = blockers(desired, observed);
    if (!blockers.isEmpty()) {
      return new Plan(List.of(), blockers);
    }
    List<Change> changes = new ArrayList<>();
    planLogGroup(desired, observed, changes);
    planStreams(desired, observed, changes);
    planFilters(desired, observed, changes);
    planAlarms(desired, observed, changes);
    return new Plan(changes, List.of());
  }

  /**
   * The writes that remove what the deletion policy says must go, touching only resources this
   * ModelAudit owns: alarms, then filters, then streams, then the group.
   */
  public static Plan delete(DesiredState desired, Observation observed) {
    if (desired.deletionPolicy() == DeletionPolicy.Orphan) {
      return new Plan(List.of(), List.of());
    }
    List<Change> changes = new ArrayList<>();
    List<String> alarms =
        observed.alarms().keySet().stream()
            .filter(name -> isOwnedAlarm(desired, observed, name))
            .sorted()
            .toList();
    if (!alarms.isEmpty()) {
      changes.add(new Change.DeleteAlarms(alarms));
    }
    boolean groupOwned = observed.logGroup().isPresent() && isOwn(desired, observed.logGroupTags());
    if (groupOwned) {
      String group = desired.logGroupName();
      Set<String> filters = new TreeSet<>(removableFilters(desired, observed));
      desired.metricFilters().forEach(f -> filters.add(f.filterName()));
      for (MetricFilterConfig existing : observed.metricFilters()) {
        if (filters.contains(existing.filterName())) {
          changes.add(new Change.DeleteMetricFilter(group, existing.filterName()));
        }
      }
      boolean deleteGroup =
          desired.deletionPolicy() == DeletionPolicy.Delete
              && !observed.logGroup().get().config().deletionProtection();
      if (deleteGroup) {
        Set<String> streams = new TreeSet<>(observed.managedStreams());
        streams.addAll(desired.logStreams());
        observed.logStreams().stream()
            .filter(streams::contains)
            .sorted()
            .forEach(s -> changes.add(new Change.DeleteLogStream(group, s)));
        changes.add(new Change.DeleteLogGroup(group));
      }
    }
    return new Plan(changes, List.of());
  }

  /** Whether the deletion policy keeps the log group although the policy is Delete. */
  public static boolean deletionProtectionKeepsGroup(DesiredState desired, Observation observed) {
    return desired.deletionPolicy() == DeletionPolicy.Delete
        && observed.logGroup().map(g -> g.config().deletionProtection()).orElse(false)
        && isOwn(desired, observed.logGroupTags());
  }

  // ---- ownership and immutable fields ----

  private static List<Blocker> blockers(DesiredState desired, Observation observed) {
    List<Blocker> blockers = new ArrayList<>();
    observed
        .logGroup()
        .ifPresent(
            group -> {
              ownershipBlocker(desired, "log group " + group.name(), observed.logGroupTags())
                  .ifPresent(blockers::add);
              String wantClass = desired.logGroup().logGroupClass();
              String hasClass = group.config().logGroupClass();
              if (hasClass != null && !hasClass.equals(wantClass)) {
                blockers.add(
                    new Blocker(
                        "ImmutableFieldChanged",
                        "spec.logGroup.class is "
                            + wantClass
                            + " but log group "
                            + group.name()
                            + " exists with class "
                            + hasClass
                            + "; a log group's class cannot change: restore the class or use"
                            + " a new log group name"));
              }
            });
    for (DesiredAlarm alarm : desired.alarms()) {
      if (observed.alarms().containsKey(alarm.alarmName())) {
        ownershipBlocker(
                desired,
                "alarm " + alarm.alarmName(),
                observed.alarmTags().getOrDefault(alarm.alarmName(), Map.of()))
            .ifPresent(blockers::add);
      }
    }
    return blockers;
  }

  private static java.util.Optional<Blocker> ownershipBlocker(
      DesiredState desired, String what, Map<String, String> tags) {
    String owner = tags.get(Tags.OWNER);
    String cluster = tags.get(Tags.CLUSTER);
    String wantCluster = desired.tags().get(Tags.CLUSTER);
    if (owner == null) {
      if (desired.adoptExisting()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          new Blocker(
              "AlreadyExists",
              what
                  + " already exists and is not managed by any ModelAudit; set"
                  + " spec.adoptExisting: true to adopt it, or choose another name"));
    }
    if (!owner.equals(desired.ownerTag()) || (cluster != null && !cluster.equals(wantCluster))) {
      return java.util.Optional.of(
          new Blocker(
              "OwnershipConflict",
              what
                  + " belongs to ModelAudit "
                  + owner
                  + (cluster == null ? "" : " of cluster " + cluster)
                  + "; it will not be changed: choose another name"));
    }
    return java.util.Optional.empty();
  }

  private static boolean isOwn(DesiredState desired, Map<String, String> tags) {
    String owner = tags.get(Tags.OWNER);
    String cluster = tags.get(Tags.CLUSTER);
    return desired.ownerTag().equals(owner)
        && (cluster == null || cluster.equals(desired.tags().get(Tags.CLUSTER)));
  }

  private static boolean isOwnedAlarm(DesiredState desired, Observation observed, String name) {
    return isOwn(desired, observed.alarmTags().getOrDefault(name, Map.of()));
  }

  // ---- log group ----

  private static void planLogGroup(DesiredState desired, Observation observed, List<Change> out) {
    LogGroupConfig want = desired.logGroup();
    if (observed.logGroup().isEmpty()) {
      out.add(new Change.CreateLogGroup(want, desired.tags()));
      if (want.retentionInDays() != null) {
        out.add(new Change.PutRetention(want.name(), want.retentionInDays(), null));
      }
      return;
    }
    ObservedLogGroup group = observed.logGroup().get();
    LogGroupConfig has = group.config();
    if (!Objects.equals(want.retentionInDays(), has.retentionInDays())) {
      out.add(
          want.retentionInDays() == null
              ? new Change.DeleteRetention(want.name(), has.retentionInDays())
              : new Change.PutRetention(
                  want.name(), want.retentionInDays(), has.retentionInDays()));
    }
    if (!Objects.equals(want.kmsKeyArn(), has.kmsKeyArn())) {
      out.add(
          want.kmsKeyArn() == null
              ? new Change.DisassociateKmsKey(want.name())
              : new Change.AssociateKmsKey(want.name(), want.kmsKeyArn()));
    }
    if (want.deletionProtection() != has.deletionProtection()) {
      out.add(new Change.PutDeletionProtection(want.name(), want.deletionProtection()));
    }
    Map<String, String> toTag = missingTags(desired.tags(), observed.logGroupTags());
    if (!toTag.isEmpty()) {
      out.add(new Change.TagLogGroup(want.name(), group.arn(), toTag));
    }
    Set<String> toUntag = extraTags(desired.tags(), observed.logGroupTags());
    if (!toUntag.isEmpty()) {
      out.add(new Change.UntagLogGroup(want.name(), group.arn(), toUntag));
    }
  }

  /** Tags that are absent or have another value. */
  static Map<String, String> missingTags(Map<String, String> want, Map<String, String> has) {
    Map<String, String> missing = new LinkedHashMap<>();
    want.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> !e.getValue().equals(has.get(e.getKey())))
        .forEach(e -> missing.put(e.getKey(), e.getValue()));
    return missing;
  }

  /** Tags present in AWS but not desired; AWS's own aws: tags are left alone. */
  static Set<String> extraTags(Map<String, String> want, Map<String, String> has) {
    return has.keySet().stream()
        .filter(k -> !want.containsKey(k) && !Tags.isAwsReserved(k))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- streams ----

  private static void planStreams(DesiredState desired, Observation observed, List<Change> out) {
    Set<String> existing = new LinkedHashSet<>(observed.logStreams());
    for (String stream : desired.logStreams()) {
      if (!existing.contains(stream)) {
        out.add(new Change.CreateLogStream(desired.logGroupName(), stream));
      }
    }
    if (desired.deletionPolicy() == DeletionPolicy.Delete) {
      observed.managedStreams().stream()
          .filter(s -> existing.contains(s) && !desired.logStreams().contains(s))
          .sorted()
          .forEach(s -> out.add(new Change.DeleteLogStream(desired.logGroupName(), s)));
    }
  }

  // ---- metric filters ----

  /**
   * AWS keeps one filter per name and PutMetricFilter replaces it. A store that appends instead
   * (moto 5.2.1) can hold several copies of a name, each of them counting events; the name is in
   * sync only as a single matching copy, so extra copies are all deleted and one is put again.
   */
  private static void planFilters(DesiredState desired, Observation observed, List<Change> out) {
    String group = desired.logGroupName();
    Map<String, List<MetricFilterConfig>> existing =
        observed.metricFilters().stream()
            .collect(
                Collectors.groupingBy(
                    MetricFilterConfig::filterName, LinkedHashMap::new, Collectors.toList()));
    Set<String> wanted =
        desired.metricFilters().stream()
            .map(MetricFilterConfig::filterName)
            .collect(Collectors.toSet());
    removableFilters(desired, observed).stream()
        .filter(name -> existing.containsKey(name) && !wanted.contains(name))
        .sorted()
        .forEach(name -> deleteEveryCopy(group, name, existing.get(name), out));
    for (MetricFilterConfig want : desired.metricFilters()) {
      List<MetricFilterConfig> copies = existing.getOrDefault(want.filterName(), List.of());
      if (copies.size() > 1) {
        deleteEveryCopy(group, want.filterName(), copies, out);
        out.add(new Change.PutMetricFilter(want, true));
      } else if (copies.isEmpty() || !sameFilter(want, copies.get(0))) {
        out.add(new Change.PutMetricFilter(want, !copies.isEmpty()));
      }
    }
  }

  /**
   * The filters the operator may remove from its own log group. Filters carry no tags, and status
   * can miss one made just before a crash or a lost status write, so in a group the operator made
   * every filter is its own; in an adopted group (adoptExisting) only those status tracks are,
   * since others may belong to whoever made the group.
   */
  private static Set<String> removableFilters(DesiredState desired, Observation observed) {
    if (desired.adoptExisting()) {
      return observed.managedFilters();
    }
    return observed.metricFilters().stream()
        .map(MetricFilterConfig::filterName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void deleteEveryCopy(
      String group, String name, List<MetricFilterConfig> copies, List<Change> out) {
    copies.forEach(copy -> out.add(new Change.DeleteMetricFilter(group, name)));
  }

  /** Field-by-field comparison, with AWS's defaults made explicit. */
  public static boolean sameFilter(MetricFilterConfig a, MetricFilterConfig b) {
    return Objects.equals(blankToEmpty(a.pattern()), blankToEmpty(b.pattern()))
        && Objects.equals(a.metricNamespace(), b.metricNamespace())
        && Objects.equals(a.metricName(), b.metricName())
        && Objects.equals(a.metricValue(), b.metricValue())
        && sameDouble(a.defaultValue(), b.defaultValue())
        && Objects.equals(unit(a.unit()), unit(b.unit()))
        && Objects.equals(a.dimensions(), b.dimensions());
  }

  // ---- alarms ----

  private static void planAlarms(DesiredState desired, Observation observed, List<Change> out) {
    Set<String> wanted =
        desired.alarms().stream().map(DesiredAlarm::alarmName).collect(Collectors.toSet());
    // Status is not the only record: an alarm made just before the operator died is untracked but
    // carries the ownership tag, and it must go when the spec no longer wants it.
    Set<String> candidates = new TreeSet<>(observed.managedAlarms());
    candidates.addAll(observed.alarms().keySet());
    List<String> removed =
        candidates.stream()
            .filter(
                name ->
                    !wanted.contains(name)
                        && observed.alarms().containsKey(name)
                        && isOwnedAlarm(desired, observed, name))
            .toList();
    for (DesiredAlarm alarm : desired.alarms()) {
      ObservedAlarm has = observed.alarms().get(alarm.alarmName());
      if (has == null) {
        out.add(new Change.PutMetricAlarm(alarm.config(), desired.tags(), false));
        continue;
      }
      if (!sameAlarm(alarm.config(), has.config())) {
        out.add(new Change.PutMetricAlarm(alarm.config(), desired.tags(), true));
      }
      Map<String, String> tags = observed.alarmTags().getOrDefault(alarm.alarmName(), Map.of());
      Map<String, String> toTag = missingTags(desired.tags(), tags);
      if (!toTag.isEmpty()) {
        out.add(new Change.TagAlarm(alarm.alarmName(), has.arn(), toTag));
      }
      Set<String> toUntag = extraTags(desired.tags(), tags);
      if (!toUntag.isEmpty()) {
        out.add(new Change.UntagAlarm(alarm.alarmName(), has.arn(), toUntag));
      }
    }
    if (!removed.isEmpty()) {
      out.add(new Change.DeleteAlarms(removed));
    }
  }

  /** Field-by-field comparison, with AWS's defaults made explicit and action order ignored. */
  public static boolean sameAlarm(AlarmConfig a, AlarmConfig b) {
    return Objects.equals(a.alarmName(), b.alarmName())
        && Objects.equals(blankToEmpty(a.description()), blankToEmpty(b.description()))
        && Objects.equals(a.metricNamespace(), b.metricNamespace())
        && Objects.equals(a.metricName(), b.metricName())
        && Objects.equals(a.dimensions(), b.dimensions())
        && Objects.equals(a.statistic(), b.statistic())
        && Objects.equals(a.extendedStatistic(), b.extendedStatistic())
        && a.period() == b.period()
        && a.evaluationPeriods() == b.evaluationPeriods()
        && datapoints(a) == datapoints(b)
        && Objects.equals(a.comparisonOperator(), b.comparisonOperator())
        && Double.compare(a.threshold(), b.threshold()) == 0
        && Objects.equals(missingData(a.treatMissingData()), missingData(b.treatMissingData()))
        && a.actionsEnabled() == b.actionsEnabled()
        && sameSet(a.alarmActions(), b.alarmActions())
        && sameSet(a.okActions(), b.okActions())
        && sameSet(a.insufficientDataActions(), b.insufficientDataActions())
        && Objects.equals(unit(a.unit()), unit(b.unit()));
  }

  private static int datapoints(AlarmConfig alarm) {
    return alarm.datapointsToAlarm() == null
        ? alarm.evaluationPeriods()
        : alarm.datapointsToAlarm();
  }

  private static String missingData(String value) {
    return value == null ? "missing" : value;
  }

  private static String unit(String value) {
    return value == null || value.equals("None") ? null : value;
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static boolean sameDouble(Double a, Double b) {
    return a == null ? b == null : b != null && Double.compare(a, b) == 0;
  }

  private static boolean sameSet(List<String> a, List<String> b) {
    return new TreeSet<>(a).equals(new TreeSet<>(b));
  }
}
