package io.modelaudit.operator.cloudwatch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's only door to CloudWatch and CloudWatch Logs, for one region, in the operator's own
 * terms. Implementations throw {@link GatewayException} with the error already classified.
 */
public interface CloudWatchGateway {

  // ---- log groups ----

  /** The log group with exactly this name, or empty when it does not exist. */
  Optional<ObservedLogGroup> describeLogGroup(String name);

  /**
   * One page (at most 50, one DescribeLogGroups call) of the log groups whose name starts with the
   * prefix; an empty prefix lists all.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  Page<ObservedLogGroup> listLogGroupsPage(String namePrefix, String nextToken);

  /**
   * Every log group whose name starts with the prefix, across all pages. Used by inventory passes;
   * an empty prefix lists all.
   */
  default List<ObservedLogGroup> listLogGroups(String namePrefix) {
    return Page.drain(token -> listLogGroupsPage(namePrefix, token));
  }

  /**
   * Creates a log group with its class, KMS key, deletion protection and tags. The retention in the
   * config is not applied (CreateLogGroup has no such parameter): put it separately.
   */
  void createLogGroup(LogGroupConfig config, Map<String, String> tags);

  void deleteLogGroup(String name);

  void putRetentionPolicy(String name, int retentionInDays);

  void deleteRetentionPolicy(String name);

  void associateKmsKey(String name, String kmsKeyArn);

  void disassociateKmsKey(String name);

  void putDeletionProtection(String name, boolean enabled);

  /** The tags of the log group with this ARN (as {@link ObservedLogGroup#arn()}). */
  Map<String, String> listLogGroupTags(String arn);

  /** Adds or overwrites tags on the log group with this ARN. */
  void tagLogGroup(String arn, Map<String, String> tags);

  void untagLogGroup(String arn, Set<String> keys);

  // ---- log streams ----

  /** Names of the streams in the group; empty list when the group has none. */
  List<String> listLogStreams(String logGroupName);

  void createLogStream(String logGroupName, String streamName);

  void deleteLogStream(String logGroupName, String streamName);

  // ---- metric filters ----

  /** The metric filters of one log group. */
  List<MetricFilterConfig> describeMetricFilters(String logGroupName);

  /**
   * One page (one DescribeMetricFilters call without a log group, at most 50 filters of the whole
   * region) of the metric filters, keeping those whose log group name starts with the prefix. AWS
   * cannot filter by group prefix, so a page may hold fewer than 50 filters, even none, and still
   * have a next one.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  Page<MetricFilterConfig> listMetricFiltersPage(String logGroupNamePrefix, String nextToken);

  /**
   * Every metric filter of the region whose log group name starts with the prefix, across all
   * pages; an empty prefix lists all. Costs one call per 50 filters of the region.
   */
  default List<MetricFilterConfig> listMetricFilters(String logGroupNamePrefix) {
    return Page.drain(token -> listMetricFiltersPage(logGroupNamePrefix, token));
  }

  /** Creates or replaces a metric filter. */
  void putMetricFilter(MetricFilterConfig filter);

  void deleteMetricFilter(String logGroupName, String filterName);

  // ---- alarms ----

  /** The alarms with these names that exist (names that do not exist are left out). */
  List<ObservedAlarm> describeAlarms(Collection<String> alarmNames);

  /**
   * One page (at most 100, one DescribeAlarms call) of the metric alarms whose name starts with the
   * prefix; an empty prefix lists all.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken);

  /** Every metric alarm whose name starts with the prefix, across all pages. */
  default List<ObservedAlarm> listAlarms(String namePrefix) {
    return Page.drain(token -> listAlarmsPage(namePrefix, token));
  }

  /**
   * Creates or replaces a metric alarm. Tags are applied only when the alarm is created (AWS
   * ignores them on update); use {@link #tagAlarm} afterwards.
   */
  void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate);

  void deleteAlarms(Collection<String> alarmNames);

  Map<String, String> listAlarmTags(String alarmArn);

  void tagAlarm(String alarmArn, Map<String, String> tags);

  void untagAlarm(String alarmArn, Set<String> keys);
}
