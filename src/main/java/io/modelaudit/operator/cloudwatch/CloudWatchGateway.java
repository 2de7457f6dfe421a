package io.modelaudit.operator.cloudwatch;

import static io.modelaudit.operator.cloudwatch.AwsOperation.Cost.NONE_WHEN_EMPTY;
import static io.modelaudit.operator.cloudwatch.AwsOperation.Cost.PER_NAME_BATCH;
import static io.modelaudit.operator.cloudwatch.Operations.*;
import static io.modelaudit.operator.cloudwatch.Operations.Service.CLOUDWATCH;
import static io.modelaudit.operator.cloudwatch.Operations.Service.LOGS;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's only door to CloudWatch and CloudWatch Logs, for one region, in the operator's own
 * terms. Implementations throw {@link GatewayException} with the error already classified.
 *
 * <p>Each abstract method names the AWS operation it calls, and what one call costs, with {@link
 * AwsOperation}; metering, rate limiting and error classification are interceptors built from that
 * (see {@link PortInterceptor}). A default method is made of other port calls and declares nothing.
 * A new method needs its operation here, the adapter, the fake and a contract case.
 */
public interface CloudWatchGateway {

  // ---- log groups ----

  /** The log group with exactly this name, or empty when it does not exist. */
  @AwsOperation(name = DESCRIBE_LOG_GROUPS, service = LOGS)
  Optional<ObservedLogGroup> describeLogGroup(String name);

  /**
   * One page (at most 50, one DescribeLogGroups call) of the log groups whose name starts with the
   * prefix; an empty prefix lists all.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_LOG_GROUPS, service = LOGS)
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
  @AwsOperation(name = CREATE_LOG_GROUP, service = LOGS)
  void createLogGroup(LogGroupConfig config, Map<String, String> tags);

  @AwsOperation(name = DELETE_LOG_GROUP, service = LOGS)
  void deleteLogGroup(String name);

  @AwsOperation(name = PUT_RETENTION_POLICY, service = LOGS)
  void putRetentionPolicy(String name, int retentionInDays);

  @AwsOperation(name = DELETE_RETENTION_POLICY, service = LOGS)
  void deleteRetentionPolicy(String name);

  @AwsOperation(name = ASSOCIATE_KMS_KEY, service = LOGS)
  void associateKmsKey(String name, String kmsKeyArn);

  @AwsOperation(name = DISASSOCIATE_KMS_KEY, service = LOGS)
  void disassociateKmsKey(String name);

  @AwsOperation(name = PUT_LOG_GROUP_DELETION_PROTECTION, service = LOGS)
  void putDeletionProtection(String name, boolean enabled);

  /** The tags of the log group with this ARN (as {@link ObservedLogGroup#arn()}). */
  @AwsOperation(name = LIST_TAGS_FOR_RESOURCE, service = LOGS)
  Map<String, String> listLogGroupTags(String arn);

  /** Adds or overwrites tags on the log group with this ARN. */
  @AwsOperation(name = TAG_RESOURCE, service = LOGS, cost = NONE_WHEN_EMPTY)
  void tagLogGroup(String arn, Map<String, String> tags);

  @AwsOperation(name = UNTAG_RESOURCE, service = LOGS, cost = NONE_WHEN_EMPTY)
  void untagLogGroup(String arn, Set<String> keys);

  // ---- log streams ----

  /**
   * One page (at most 50, one DescribeLogStreams call) of the names of the group's streams that
   * start with the prefix, in name order; an empty prefix lists all.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_LOG_STREAMS, service = LOGS)
  Page<String> listLogStreamsPage(String logGroupName, String namePrefix, String nextToken);

  /**
   * Whether the group holds a stream of exactly this name: one DescribeLogStreams call however many
   * streams the group holds, since a stream sorts before every longer name it begins.
   */
  default boolean logStreamExists(String logGroupName, String streamName) {
    return listLogStreamsPage(logGroupName, streamName, null).items().contains(streamName);
  }

  /**
   * Names of every stream in the group, across all pages: one call per 50 streams, and a group may
   * hold many. The operator asks for the streams it wants by name instead ({@link
   * #logStreamExists}).
   */
  default List<String> listLogStreams(String logGroupName) {
    return Page.drain(token -> listLogStreamsPage(logGroupName, "", token));
  }

  @AwsOperation(name = CREATE_LOG_STREAM, service = LOGS)
  void createLogStream(String logGroupName, String streamName);

  @AwsOperation(name = DELETE_LOG_STREAM, service = LOGS)
  void deleteLogStream(String logGroupName, String streamName);

  // ---- metric filters ----

  /** The metric filters of one log group. */
  @AwsOperation(name = DESCRIBE_METRIC_FILTERS, service = LOGS)
  List<MetricFilterConfig> describeMetricFilters(String logGroupName);

  /**
   * One page (one DescribeMetricFilters call without a log group, at most 50 filters of the whole
   * region) of the metric filters, keeping those whose log group name starts with the prefix. AWS
   * cannot filter by group prefix, so a page may hold fewer than 50 filters, even none, and still
   * have a next one.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_METRIC_FILTERS, service = LOGS)
  Page<MetricFilterConfig> listMetricFiltersPage(String logGroupNamePrefix, String nextToken);

  /**
   * Every metric filter of the region whose log group name starts with the prefix, across all
   * pages; an empty prefix lists all. Costs one call per 50 filters of the region.
   */
  default List<MetricFilterConfig> listMetricFilters(String logGroupNamePrefix) {
    return Page.drain(token -> listMetricFiltersPage(logGroupNamePrefix, token));
  }

  /** Creates or replaces a metric filter. */
  @AwsOperation(name = PUT_METRIC_FILTER, service = LOGS)
  void putMetricFilter(MetricFilterConfig filter);

  @AwsOperation(name = DELETE_METRIC_FILTER, service = LOGS)
  void deleteMetricFilter(String logGroupName, String filterName);

  // ---- alarms ----

  /** The alarms with these names that exist (names that do not exist are left out). */
  @AwsOperation(name = DESCRIBE_ALARMS, service = CLOUDWATCH, cost = PER_NAME_BATCH)
  List<ObservedAlarm> describeAlarms(Collection<String> alarmNames);

  /**
   * One page (at most 100, one DescribeAlarms call) of the metric alarms (not the composite ones)
   * whose name starts with the prefix; an empty prefix lists all.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_ALARMS, service = CLOUDWATCH)
  Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken);

  /** Every metric alarm whose name starts with the prefix, across all pages. */
  default List<ObservedAlarm> listAlarms(String namePrefix) {
    return Page.drain(token -> listAlarmsPage(namePrefix, token));
  }

  /**
   * Creates or replaces a metric alarm. Tags are applied only when the alarm is created (AWS
   * ignores them on update); use {@link #tagAlarm} afterwards.
   */
  @AwsOperation(name = PUT_METRIC_ALARM, service = CLOUDWATCH)
  void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate);

  @AwsOperation(name = DELETE_ALARMS, service = CLOUDWATCH, cost = PER_NAME_BATCH)
  void deleteAlarms(Collection<String> alarmNames);

  @AwsOperation(name = LIST_TAGS_FOR_RESOURCE, service = CLOUDWATCH)
  Map<String, String> listAlarmTags(String alarmArn);

  @AwsOperation(name = TAG_RESOURCE, service = CLOUDWATCH, cost = NONE_WHEN_EMPTY)
  void tagAlarm(String alarmArn, Map<String, String> tags);

  @AwsOperation(name = UNTAG_RESOURCE, service = CLOUDWATCH, cost = NONE_WHEN_EMPTY)
  void untagAlarm(String alarmArn, Set<String> keys);

  // ---- composite alarms (their tags: the alarm tag methods; deletion: deleteAlarms) ----

  /** The composite alarms with these names that exist (names that do not exist are left out). */
  @AwsOperation(name = DESCRIBE_ALARMS, service = CLOUDWATCH, cost = PER_NAME_BATCH)
  List<ObservedCompositeAlarm> describeCompositeAlarms(Collection<String> alarmNames);

  /**
   * One page (at most 100, one DescribeAlarms call) of the composite alarms whose name starts with
   * the prefix; an empty prefix lists all.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_ALARMS, service = CLOUDWATCH)
  Page<ObservedCompositeAlarm> listCompositeAlarmsPage(String namePrefix, String nextToken);

  /** Every composite alarm whose name starts with the prefix, across all pages. */
  default List<ObservedCompositeAlarm> listCompositeAlarms(String namePrefix) {
    return Page.drain(token -> listCompositeAlarmsPage(namePrefix, token));
  }

  /**
   * Creates or replaces a composite alarm. Every alarm its rule and its actions suppressor name
   * must exist. Tags are applied only when the alarm is created (AWS ignores them on update).
   */
  @AwsOperation(name = PUT_COMPOSITE_ALARM, service = CLOUDWATCH)
  void putCompositeAlarm(CompositeAlarmConfig alarm, Map<String, String> tagsOnCreate);

  // ---- anomaly detectors: no ARN, no tags; a model is known by its metric and statistic ----

  /**
   * One page (at most 100, one DescribeAnomalyDetectors call) of the single-metric models of
   * metrics with this namespace and name, whatever their dimensions and statistic.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_ANOMALY_DETECTORS, service = CLOUDWATCH)
  Page<ObservedAnomalyDetector> describeAnomalyDetectorsPage(
      String namespace, String metricName, String nextToken);

  /** Every single-metric model of metrics with this namespace and name, across all pages. */
  default List<ObservedAnomalyDetector> describeAnomalyDetectors(
      String namespace, String metricName) {
    return Page.drain(token -> describeAnomalyDetectorsPage(namespace, metricName, token));
  }

  /** Creates the model of the metric and statistic, or replaces its training configuration. */
  @AwsOperation(name = PUT_ANOMALY_DETECTOR, service = CLOUDWATCH)
  void putAnomalyDetector(AnomalyDetectorConfig detector);

  /** Deletes the model of the detector's metric and statistic (its configuration is not read). */
  @AwsOperation(name = DELETE_ANOMALY_DETECTOR, service = CLOUDWATCH)
  void deleteAnomalyDetector(AnomalyDetectorConfig detector);

  // ---- dashboards: global to the account, not regional ----

  /** The dashboard with this name, or empty when it does not exist. */
  @AwsOperation(name = GET_DASHBOARD, service = CLOUDWATCH)
  Optional<ObservedDashboard> getDashboard(String name);

  /**
   * One page (one ListDashboards call, up to 1000) of the dashboards whose name starts with the
   * prefix.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = LIST_DASHBOARDS, service = CLOUDWATCH)
  Page<DashboardEntry> listDashboardsPage(String namePrefix, String nextToken);

  /** Every dashboard whose name starts with the prefix, across all pages. */
  default List<DashboardEntry> listDashboards(String namePrefix) {
    return Page.drain(token -> listDashboardsPage(namePrefix, token));
  }

  /**
   * Creates or replaces a dashboard. Tags are applied only when it is created (AWS ignores them on
   * update); use {@link #tagDashboard} afterwards.
   */
  @AwsOperation(name = PUT_DASHBOARD, service = CLOUDWATCH)
  void putDashboard(DashboardConfig dashboard, Map<String, String> tagsOnCreate);

  /** Deletes the dashboards with these names (at most 100 per AWS call). */
  @AwsOperation(name = DELETE_DASHBOARDS, service = CLOUDWATCH, cost = PER_NAME_BATCH)
  void deleteDashboards(Collection<String> names);

  @AwsOperation(name = LIST_TAGS_FOR_RESOURCE, service = CLOUDWATCH)
  Map<String, String> listDashboardTags(String dashboardArn);

  @AwsOperation(name = TAG_RESOURCE, service = CLOUDWATCH, cost = NONE_WHEN_EMPTY)
  void tagDashboard(String dashboardArn, Map<String, String> tags);

  @AwsOperation(name = UNTAG_RESOURCE, service = CLOUDWATCH, cost = NONE_WHEN_EMPTY)
  void untagDashboard(String dashboardArn, Set<String> keys);

  // ---- data protection (masking) ----

  /**
   * The data protection policy document of the log group itself (not an account-level one), or
   * empty when the group has none.
   */
  @AwsOperation(name = GET_DATA_PROTECTION_POLICY, service = LOGS)
  Optional<String> getDataProtectionPolicy(String logGroupName);

  /** Creates or replaces the log group's data protection policy. */
  @AwsOperation(name = PUT_DATA_PROTECTION_POLICY, service = LOGS)
  void putDataProtectionPolicy(String logGroupName, String policyDocument);

  @AwsOperation(name = DELETE_DATA_PROTECTION_POLICY, service = LOGS)
  void deleteDataProtectionPolicy(String logGroupName);

  // ---- subscription filters (the archive) ----

  /** The subscription filters of one log group (AWS allows at most two). */
  @AwsOperation(name = DESCRIBE_SUBSCRIPTION_FILTERS, service = LOGS)
  List<SubscriptionFilterConfig> describeSubscriptionFilters(String logGroupName);

  /** Creates or replaces a subscription filter; AWS checks that the destination exists. */
  @AwsOperation(name = PUT_SUBSCRIPTION_FILTER, service = LOGS)
  void putSubscriptionFilter(SubscriptionFilterConfig filter);

  @AwsOperation(name = DELETE_SUBSCRIPTION_FILTER, service = LOGS)
  void deleteSubscriptionFilter(String logGroupName, String filterName);

  // ---- query definitions (saved Logs Insights queries) ----

  /**
   * One page (one DescribeQueryDefinitions call, at most 1000) of the query definitions whose name
   * starts with the prefix.
   *
   * @param nextToken null for the first page, else the previous page's {@link Page#nextToken()}
   */
  @AwsOperation(name = DESCRIBE_QUERY_DEFINITIONS, service = LOGS)
  Page<QueryDefinition> listQueryDefinitionsPage(String namePrefix, String nextToken);

  /** Every query definition whose name starts with the prefix, across all pages. */
  default List<QueryDefinition> listQueryDefinitions(String namePrefix) {
    return Page.drain(token -> listQueryDefinitionsPage(namePrefix, token));
  }

  /**
   * Creates a query definition (id null) or replaces every field of the one with this id.
   *
   * @return the definition's id
   */
  @AwsOperation(name = PUT_QUERY_DEFINITION, service = LOGS)
  String putQueryDefinition(QueryDefinition definition);

  @AwsOperation(name = DELETE_QUERY_DEFINITION, service = LOGS)
  void deleteQueryDefinition(String id);

  // ---- field index policy ----

  /**
   * The field index policy document of the log group itself, or empty when it has none (an
   * account-level policy that applies to the group does not count).
   */
  @AwsOperation(name = DESCRIBE_INDEX_POLICIES, service = LOGS)
  Optional<String> getIndexPolicy(String logGroupName);

  /** Creates or replaces the log group's field index policy. */
  @AwsOperation(name = PUT_INDEX_POLICY, service = LOGS)
  void putIndexPolicy(String logGroupName, String policyDocument);

  @AwsOperation(name = DELETE_INDEX_POLICY, service = LOGS)
  void deleteIndexPolicy(String logGroupName);
}
