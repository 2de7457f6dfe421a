package io.modelaudit.operator.cloudwatch.aws;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.DashboardEntry;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.MetricQuery;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedAnomalyDetector;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.ObservedDashboard;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.Page;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetector;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetectorConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetectorType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAnomalyDetectorsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutCompositeAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Range;
import software.amazon.awssdk.services.cloudwatch.model.SingleMetricAnomalyDetector;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeQueryDefinitionsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.IndexPolicy;
import software.amazon.awssdk.services.cloudwatchlogs.model.IndexSource;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutQueryDefinitionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutSubscriptionFilterRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter;

/**
 * The {@link CloudWatchGateway} of one region on the AWS SDK v2: CloudWatch Logs for groups,
 * streams and metric filters, CloudWatch for alarms. Its methods only translate to and from the
 * SDK; {@link #create} puts {@link AwsErrors#CLASSIFY} around them, so every failure leaves as a
 * {@link io.modelaudit.operator.cloudwatch.GatewayException} named after the operation the port
 * method declares.
 */
public final class AwsCloudWatchGateway implements CloudWatchGateway {

  /** The largest page DescribeAlarms returns. */
  private static final int ALARM_PAGE = 100;

  /** The largest page DescribeAnomalyDetectors returns. */
  private static final int ANOMALY_DETECTOR_PAGE = 100;

  /** The largest page DescribeLogGroups returns. */
  private static final int LOG_GROUP_PAGE = 50;

  /** The largest page DescribeLogStreams returns. */
  private static final int LOG_STREAM_PAGE = 50;

  /** The largest page DescribeMetricFilters returns. */
  private static final int METRIC_FILTER_PAGE = 50;

  /** The largest page DescribeQueryDefinitions returns. */
  private static final int QUERY_DEFINITION_PAGE = 1000;

  /** What AWS reports as the class of a group created without one. */
  private static final String DEFAULT_LOG_GROUP_CLASS = "STANDARD";

  private final CloudWatchLogsClient logs;
  private final CloudWatchClient cloudWatch;

  private AwsCloudWatchGateway(CloudWatchLogsClient logs, CloudWatchClient cloudWatch) {
    this.logs = Objects.requireNonNull(logs, "logs");
    this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
  }

  /** The gateway of the region these clients talk to, its failures classified. */
  public static CloudWatchGateway create(CloudWatchLogsClient logs, CloudWatchClient cloudWatch) {
    return AwsErrors.CLASSIFY.around(new AwsCloudWatchGateway(logs, cloudWatch));
  }

  // ---- log groups ----

  @Override
  public Optional<ObservedLogGroup> describeLogGroup(String name) {
    // A prefix matches longer names too; the paginator is lazy, so stop at the exact one.
    return logs
        .describeLogGroupsPaginator(b -> b.logGroupNamePrefix(name).limit(LOG_GROUP_PAGE))
        .logGroups()
        .stream()
        .filter(g -> name.equals(g.logGroupName()))
        .findFirst()
        .map(AwsCloudWatchGateway::toObserved);
  }

  @Override
  public Page<ObservedLogGroup> listLogGroupsPage(String namePrefix, String nextToken) {
    DescribeLogGroupsResponse response =
        logs.describeLogGroups(
            b ->
                b.logGroupNamePrefix(blankToNull(namePrefix))
                    .limit(LOG_GROUP_PAGE)
                    .nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.logGroups().stream().map(AwsCloudWatchGateway::toObserved).toList(),
        response.nextToken());
  }

  /**
   * Creates the group with its class, KMS key, deletion protection and tags. Like AWS's
   * CreateLogGroup it does not apply the retention: the caller puts it as a separate write.
   */
  @Override
  public void createLogGroup(LogGroupConfig config, Map<String, String> tags) {
    CreateLogGroupRequest.Builder request =
        CreateLogGroupRequest.builder().logGroupName(config.name());
    if (config.kmsKeyArn() != null) {
      request.kmsKeyId(config.kmsKeyArn());
    }
    if (config.logGroupClass() != null) {
      request.logGroupClass(config.logGroupClass());
    }
    if (config.deletionProtection()) {
      request.deletionProtectionEnabled(true);
    }
    if (tags != null && !tags.isEmpty()) {
      request.tags(tags);
    }
    logs.createLogGroup(request.build());
  }

  @Override
  public void deleteLogGroup(String name) {
    logs.deleteLogGroup(b -> b.logGroupName(name));
  }

  @Override
  public void putRetentionPolicy(String name, int retentionInDays) {
    logs.putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(retentionInDays));
  }

  @Override
  public void deleteRetentionPolicy(String name) {
    logs.deleteRetentionPolicy(b -> b.logGroupName(name));
  }

  @Override
  public void associateKmsKey(String name, String kmsKeyArn) {
    logs.associateKmsKey(b -> b.logGroupName(name).kmsKeyId(kmsKeyArn));
  }

  @Override
  public void disassociateKmsKey(String name) {
    logs.disassociateKmsKey(b -> b.logGroupName(name));
  }

  @Override
  public void putDeletionProtection(String name, boolean enabled) {
    logs.putLogGroupDeletionProtection(
        b -> b.logGroupIdentifier(name).deletionProtectionEnabled(enabled));
  }

  @Override
  public Map<String, String> listLogGroupTags(String arn) {
    return Map.copyOf(logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
  }

  @Override
  public void tagLogGroup(String arn, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      logs.tagResource(b -> b.resourceArn(arn).tags(tags));
    }
  }

  @Override
  public void untagLogGroup(String arn, Set<String> keys) {
    if (!keys.isEmpty()) {
      logs.untagResource(b -> b.resourceArn(arn).tagKeys(keys));
    }
  }

  // ---- log streams ----

  @Override
  public Page<String> listLogStreamsPage(String logGroupName, String namePrefix, String nextToken) {
    // Ordered by name (AWS's default), so a page holds the names that sort first.
    DescribeLogStreamsResponse response =
        logs.describeLogStreams(
            b ->
                b.logGroupName(logGroupName)
                    .logStreamNamePrefix(blankToNull(namePrefix))
                    .limit(LOG_STREAM_PAGE)
                    .nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.logStreams().stream().map(LogStream::logStreamName).toList(),
        response.nextToken());
  }

  @Override
  public void createLogStream(String logGroupName, String streamName) {
    logs.createLogStream(b -> b.logGroupName(logGroupName).logStreamName(streamName));
  }

  @Override
  public void deleteLogStream(String logGroupName, String streamName) {
    logs.deleteLogStream(b -> b.logGroupName(logGroupName).logStreamName(streamName));
  }

  // ---- metric filters ----

  @Override
  public List<MetricFilterConfig> describeMetricFilters(String logGroupName) {
    return logs
        .describeMetricFiltersPaginator(b -> b.logGroupName(logGroupName))
        .metricFilters()
        .stream()
        .map(f -> toConfig(logGroupName, f))
        .toList();
  }

  @Override
  public Page<MetricFilterConfig> listMetricFiltersPage(
      String logGroupNamePrefix, String nextToken) {
    String prefix = logGroupNamePrefix == null ? "" : logGroupNamePrefix;
    // Without a log group name DescribeMetricFilters lists the whole region; AWS applies a filter
    // name prefix only together with a group name, so the group prefix is applied here.
    DescribeMetricFiltersResponse response =
        logs.describeMetricFilters(
            b -> b.limit(METRIC_FILTER_PAGE).nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.metricFilters().stream()
            .filter(f -> f.logGroupName() != null && f.logGroupName().startsWith(prefix))
            .map(f -> toConfig(f.logGroupName(), f))
            .toList(),
        response.nextToken());
  }

  @Override
  public void putMetricFilter(MetricFilterConfig filter) {
    MetricTransformation.Builder transformation =
        MetricTransformation.builder()
            .metricNamespace(filter.metricNamespace())
            .metricName(filter.metricName())
            .metricValue(filter.metricValue());
    if (filter.defaultValue() != null) {
      transformation.defaultValue(filter.defaultValue());
    }
    if (filter.unit() != null) {
      transformation.unit(filter.unit());
    }
    if (!filter.dimensions().isEmpty()) {
      transformation.dimensions(filter.dimensions());
    }
    logs.putMetricFilter(
        b ->
            b.logGroupName(filter.logGroupName())
                .filterName(filter.filterName())
                .filterPattern(filter.pattern())
                .metricTransformations(transformation.build()));
  }

  @Override
  public void deleteMetricFilter(String logGroupName, String filterName) {
    logs.deleteMetricFilter(b -> b.logGroupName(logGroupName).filterName(filterName));
  }

  // ---- alarms ----

  @Override
  public List<ObservedAlarm> describeAlarms(Collection<String> alarmNames) {
    List<ObservedAlarm> found = new ArrayList<>();
    for (List<String> batch : Operations.batches(alarmNames)) {
      cloudWatch
          .describeAlarmsPaginator(
              b -> b.alarmNames(batch).alarmTypes(AlarmType.METRIC_ALARM).maxRecords(ALARM_PAGE))
          .metricAlarms()
          .forEach(a -> found.add(toObserved(a)));
    }
    return List.copyOf(found);
  }

  @Override
  public Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken) {
    DescribeAlarmsResponse response =
        cloudWatch.describeAlarms(
            b ->
                b.alarmNamePrefix(blankToNull(namePrefix))
                    .alarmTypes(AlarmType.METRIC_ALARM)
                    .maxRecords(ALARM_PAGE)
                    .nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.metricAlarms().stream().map(AwsCloudWatchGateway::toObserved).toList(),
        response.nextToken());
  }

  @Override
  public void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate) {
    PutMetricAlarmRequest.Builder request =
        PutMetricAlarmRequest.builder()
            .alarmName(alarm.alarmName())
            .alarmDescription(alarm.description())
            .evaluationPeriods(alarm.evaluationPeriods())
            .datapointsToAlarm(alarm.datapointsToAlarm())
            .comparisonOperator(alarm.comparisonOperator())
            .treatMissingData(alarm.treatMissingData())
            .actionsEnabled(alarm.actionsEnabled())
            .alarmActions(alarm.alarmActions())
            .okActions(alarm.okActions())
            .insufficientDataActions(alarm.insufficientDataActions());
    if (alarm.thresholdMetricId() != null) {
      // an anomaly alarm compares with its band: AWS takes no threshold then
      request.thresholdMetricId(alarm.thresholdMetricId());
    } else {
      request.threshold(alarm.threshold());
    }
    if (alarm.isMetricMath()) {
      // AWS refuses the single-metric parameters next to Metrics
      request.metrics(alarm.metrics().stream().map(AwsCloudWatchGateway::toQuery).toList());
    } else {
      request
          .namespace(alarm.metricNamespace())
          .metricName(alarm.metricName())
          .dimensions(toDimensions(alarm.dimensions()))
          .period(alarm.period())
          .unit(alarm.unit());
      if (alarm.extendedStatistic() != null) {
        request.extendedStatistic(alarm.extendedStatistic());
      } else {
        request.statistic(alarm.statistic());
      }
    }
    if (tagsOnCreate != null && !tagsOnCreate.isEmpty()) {
      request.tags(toTags(tagsOnCreate));
    }
    cloudWatch.putMetricAlarm(request.build());
  }

  @Override
  public void deleteAlarms(Collection<String> alarmNames) {
    for (List<String> batch : Operations.batches(alarmNames)) {
      cloudWatch.deleteAlarms(b -> b.alarmNames(batch));
    }
  }

  @Override
  public Map<String, String> listAlarmTags(String alarmArn) {
    Map<String, String> tags = new LinkedHashMap<>();
    cloudWatch
        .listTagsForResource(b -> b.resourceARN(alarmArn))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return Map.copyOf(tags);
  }

  @Override
  public void tagAlarm(String alarmArn, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      cloudWatch.tagResource(b -> b.resourceARN(alarmArn).tags(toTags(tags)));
    }
  }

  @Override
  public void untagAlarm(String alarmArn, Set<String> keys) {
    if (!keys.isEmpty()) {
      cloudWatch.untagResource(b -> b.resourceARN(alarmArn).tagKeys(keys));
    }
  }

  // ---- composite alarms ----

  @Override
  public List<ObservedCompositeAlarm> describeCompositeAlarms(Collection<String> alarmNames) {
    List<ObservedCompositeAlarm> found = new ArrayList<>();
    for (List<String> batch : Operations.batches(alarmNames)) {
      cloudWatch
          .describeAlarmsPaginator(
              b -> b.alarmNames(batch).alarmTypes(AlarmType.COMPOSITE_ALARM).maxRecords(ALARM_PAGE))
          .compositeAlarms()
          .forEach(a -> found.add(toObserved(a)));
    }
    return List.copyOf(found);
  }

  @Override
  public Page<ObservedCompositeAlarm> listCompositeAlarmsPage(String namePrefix, String nextToken) {
    DescribeAlarmsResponse response =
        cloudWatch.describeAlarms(
            b ->
                b.alarmNamePrefix(blankToNull(namePrefix))
                    .alarmTypes(AlarmType.COMPOSITE_ALARM)
                    .maxRecords(ALARM_PAGE)
                    .nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.compositeAlarms().stream().map(AwsCloudWatchGateway::toObserved).toList(),
        response.nextToken());
  }

  @Override
  public void putCompositeAlarm(CompositeAlarmConfig alarm, Map<String, String> tagsOnCreate) {
    PutCompositeAlarmRequest.Builder request =
        PutCompositeAlarmRequest.builder()
            .alarmName(alarm.alarmName())
            .alarmDescription(alarm.description())
            .alarmRule(alarm.rule())
            .actionsEnabled(alarm.actionsEnabled())
            .alarmActions(alarm.alarmActions())
            .okActions(alarm.okActions())
            .insufficientDataActions(alarm.insufficientDataActions());
    if (alarm.actionsSuppressor() != null) {
      request
          .actionsSuppressor(alarm.actionsSuppressor())
          .actionsSuppressorWaitPeriod(alarm.suppressorWaitPeriod())
          .actionsSuppressorExtensionPeriod(alarm.suppressorExtensionPeriod());
    }
    if (tagsOnCreate != null && !tagsOnCreate.isEmpty()) {
      request.tags(toTags(tagsOnCreate));
    }
    cloudWatch.putCompositeAlarm(request.build());
  }

  // ---- anomaly detectors ----

  @Override
  public Page<ObservedAnomalyDetector> describeAnomalyDetectorsPage(
      String namespace, String metricName, String nextToken) {
    DescribeAnomalyDetectorsResponse response =
        cloudWatch.describeAnomalyDetectors(
            b ->
                b.namespace(namespace)
                    .metricName(metricName)
                    .anomalyDetectorTypes(AnomalyDetectorType.SINGLE_METRIC)
                    .maxResults(ANOMALY_DETECTOR_PAGE)
                    .nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.anomalyDetectors().stream()
            .map(AwsCloudWatchGateway::toObserved)
            .flatMap(Optional::stream)
            .toList(),
        response.nextToken());
  }

  @Override
  public void putAnomalyDetector(AnomalyDetectorConfig detector) {
    AnomalyDetectorConfiguration.Builder configuration =
        AnomalyDetectorConfiguration.builder()
            .excludedTimeRanges(
                detector.excludedTimeRanges().stream()
                    .map(r -> Range.builder().startTime(r.start()).endTime(r.end()).build())
                    .toList());
    if (detector.metricTimezone() != null) {
      configuration.metricTimezone(detector.metricTimezone());
    }
    cloudWatch.putAnomalyDetector(
        b ->
            b.singleMetricAnomalyDetector(toSingleMetric(detector))
                .configuration(configuration.build()));
  }

  @Override
  public void deleteAnomalyDetector(AnomalyDetectorConfig detector) {
    cloudWatch.deleteAnomalyDetector(b -> b.singleMetricAnomalyDetector(toSingleMetric(detector)));
  }

  // ---- dashboards ----

  @Override
  public Optional<ObservedDashboard> getDashboard(String name) {
    try {
      GetDashboardResponse response = cloudWatch.getDashboard(b -> b.dashboardName(name));
      return Optional.of(
          new ObservedDashboard(
              response.dashboardName() == null ? name : response.dashboardName(),
              response.dashboardArn(),
              response.dashboardBody()));
    } catch (DashboardNotFoundErrorException e) {
      return Optional.empty();
    } catch (AwsServiceException e) {
      // emulators do not always map the code to the exception class
      if (e.statusCode() == 404 || isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Page<DashboardEntry> listDashboardsPage(String namePrefix, String nextToken) {
    ListDashboardsResponse response =
        cloudWatch.listDashboards(
            b -> b.dashboardNamePrefix(blankToNull(namePrefix)).nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.dashboardEntries().stream()
            .map(e -> new DashboardEntry(e.dashboardName(), e.dashboardArn()))
            .toList(),
        response.nextToken());
  }

  @Override
  public void putDashboard(DashboardConfig dashboard, Map<String, String> tagsOnCreate) {
    PutDashboardRequest.Builder request =
        PutDashboardRequest.builder()
            .dashboardName(dashboard.name())
            .dashboardBody(dashboard.body());
    if (tagsOnCreate != null && !tagsOnCreate.isEmpty()) {
      request.tags(toTags(tagsOnCreate));
    }
    cloudWatch.putDashboard(request.build());
  }

  @Override
  public void deleteDashboards(Collection<String> names) {
    for (List<String> batch : Operations.batches(names)) {
      cloudWatch.deleteDashboards(b -> b.dashboardNames(batch));
    }
  }

  @Override
  public Map<String, String> listDashboardTags(String dashboardArn) {
    return listAlarmTags(dashboardArn);
  }

  @Override
  public void tagDashboard(String dashboardArn, Map<String, String> tags) {
    tagAlarm(dashboardArn, tags);
  }

  @Override
  public void untagDashboard(String dashboardArn, Set<String> keys) {
    untagAlarm(dashboardArn, keys);
  }

  // ---- data protection ----

  @Override
  public Optional<String> getDataProtectionPolicy(String logGroupName) {
    return Optional.ofNullable(
            logs.getDataProtectionPolicy(b -> b.logGroupIdentifier(logGroupName)).policyDocument())
        .filter(document -> !document.isBlank());
  }

  @Override
  public void putDataProtectionPolicy(String logGroupName, String policyDocument) {
    logs.putDataProtectionPolicy(
        b -> b.logGroupIdentifier(logGroupName).policyDocument(policyDocument));
  }

  @Override
  public void deleteDataProtectionPolicy(String logGroupName) {
    logs.deleteDataProtectionPolicy(b -> b.logGroupIdentifier(logGroupName));
  }

  // ---- subscription filters ----

  @Override
  public List<SubscriptionFilterConfig> describeSubscriptionFilters(String logGroupName) {
    return logs
        .describeSubscriptionFiltersPaginator(b -> b.logGroupName(logGroupName))
        .subscriptionFilters()
        .stream()
        .map(f -> toConfig(logGroupName, f))
        .toList();
  }

  @Override
  public void putSubscriptionFilter(SubscriptionFilterConfig filter) {
    logs.putSubscriptionFilter(toRequest(filter));
  }

  @Override
  public void deleteSubscriptionFilter(String logGroupName, String filterName) {
    logs.deleteSubscriptionFilter(b -> b.logGroupName(logGroupName).filterName(filterName));
  }

  // ---- query definitions ----

  @Override
  public Page<QueryDefinition> listQueryDefinitionsPage(String namePrefix, String nextToken) {
    DescribeQueryDefinitionsResponse response =
        logs.describeQueryDefinitions(
            b ->
                b.queryDefinitionNamePrefix(blankToNull(namePrefix))
                    .maxResults(QUERY_DEFINITION_PAGE)
                    .nextToken(blankToNull(nextToken)));
    return new Page<>(
        response.queryDefinitions().stream().map(AwsCloudWatchGateway::toDefinition).toList(),
        response.nextToken());
  }

  @Override
  public String putQueryDefinition(QueryDefinition definition) {
    return logs.putQueryDefinition(toRequest(definition)).queryDefinitionId();
  }

  @Override
  public void deleteQueryDefinition(String id) {
    logs.deleteQueryDefinition(b -> b.queryDefinitionId(id));
  }

  // ---- field index policy ----

  @Override
  public Optional<String> getIndexPolicy(String logGroupName) {
    return logs
        .describeIndexPolicies(b -> b.logGroupIdentifiers(logGroupName))
        .indexPolicies()
        .stream()
        .filter(AwsCloudWatchGateway::isLogGroupLevel)
        .map(IndexPolicy::policyDocument)
        .filter(Objects::nonNull)
        .findFirst();
  }

  @Override
  public void putIndexPolicy(String logGroupName, String policyDocument) {
    logs.putIndexPolicy(b -> b.logGroupIdentifier(logGroupName).policyDocument(policyDocument));
  }

  @Override
  public void deleteIndexPolicy(String logGroupName) {
    logs.deleteIndexPolicy(b -> b.logGroupIdentifier(logGroupName));
  }

  // ---- mapping ----

  static ObservedLogGroup toObserved(LogGroup group) {
    LogGroupConfig config =
        new LogGroupConfig(
            group.logGroupName(),
            group.retentionInDays(),
            group.kmsKeyId(),
            group.logGroupClassAsString() == null
                ? DEFAULT_LOG_GROUP_CLASS
                : group.logGroupClassAsString(),
            Boolean.TRUE.equals(group.deletionProtectionEnabled()));
    return new ObservedLogGroup(config, logGroupArn(group));
  }

  /** The group's ARN without the ":*" that DescribeLogGroups' older arn field carries. */
  static String logGroupArn(LogGroup group) {
    if (group.logGroupArn() != null) {
      return group.logGroupArn();
    }
    String arn = group.arn();
    if (arn != null && arn.endsWith(":*")) {
      return arn.substring(0, arn.length() - 2);
    }
    return arn;
  }

  static MetricFilterConfig toConfig(String logGroupName, MetricFilter filter) {
    // AWS allows exactly one transformation per filter.
    MetricTransformation t =
        filter.hasMetricTransformations() && !filter.metricTransformations().isEmpty()
            ? filter.metricTransformations().get(0)
            : MetricTransformation.builder().build();
    String unit = t.unitAsString();
    return new MetricFilterConfig(
        filter.logGroupName() != null ? filter.logGroupName() : logGroupName,
        filter.filterName(),
        filter.filterPattern(),
        t.metricNamespace(),
        t.metricName(),
        t.metricValue(),
        t.defaultValue(),
        unit == null || unit.equals("None") ? null : unit,
        t.hasDimensions() ? t.dimensions() : Map.of());
  }

  /** An account-level policy applies to the group too, but is not the group's own. */
  static boolean isLogGroupLevel(IndexPolicy policy) {
    return policy.source() == null || policy.source() == IndexSource.LOG_GROUP;
  }

  static SubscriptionFilterConfig toConfig(String logGroupName, SubscriptionFilter filter) {
    return new SubscriptionFilterConfig(
        filter.logGroupName() != null ? filter.logGroupName() : logGroupName,
        filter.filterName(),
        filter.filterPattern() == null ? "" : filter.filterPattern(),
        filter.destinationArn(),
        blankToNull(filter.roleArn()),
        filter.distributionAsString() == null
            ? SubscriptionFilterConfig.DEFAULT_DISTRIBUTION
            : filter.distributionAsString());
  }

  static PutSubscriptionFilterRequest toRequest(SubscriptionFilterConfig filter) {
    PutSubscriptionFilterRequest.Builder request =
        PutSubscriptionFilterRequest.builder()
            .logGroupName(filter.logGroupName())
            .filterName(filter.filterName())
            .filterPattern(filter.pattern() == null ? "" : filter.pattern())
            .destinationArn(filter.destinationArn());
    if (filter.roleArn() != null) {
      request.roleArn(filter.roleArn());
    }
    if (filter.distribution() != null) {
      request.distribution(filter.distribution());
    }
    return request.build();
  }

  static QueryDefinition toDefinition(
      software.amazon.awssdk.services.cloudwatchlogs.model.QueryDefinition definition) {
    return new QueryDefinition(
        definition.queryDefinitionId(),
        definition.name(),
        definition.queryString(),
        definition.hasLogGroupNames() ? definition.logGroupNames() : List.of());
  }

  static PutQueryDefinitionRequest toRequest(QueryDefinition definition) {
    PutQueryDefinitionRequest.Builder request =
        PutQueryDefinitionRequest.builder()
            .name(definition.name())
            .queryString(definition.queryString())
            .logGroupNames(definition.logGroupNames());
    if (definition.id() != null) {
      request.queryDefinitionId(definition.id());
    }
    return request.build();
  }

  static ObservedAlarm toObserved(MetricAlarm alarm) {
    Map<String, String> dimensions = new TreeMap<>();
    if (alarm.hasDimensions()) {
      alarm.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
    }
    List<MetricQuery> metrics =
        alarm.hasMetrics()
            ? alarm.metrics().stream().map(AwsCloudWatchGateway::toQuery).toList()
            : List.of();
    AlarmConfig config =
        new AlarmConfig(
            alarm.alarmName(),
            alarm.alarmDescription(),
            alarm.namespace(),
            alarm.metricName(),
            dimensions,
            alarm.statisticAsString(),
            alarm.extendedStatistic(),
            alarm.period() == null ? 0 : alarm.period(),
            alarm.evaluationPeriods() == null ? 0 : alarm.evaluationPeriods(),
            alarm.datapointsToAlarm(),
            alarm.comparisonOperatorAsString(),
            alarm.threshold() == null ? 0.0 : alarm.threshold(),
            alarm.treatMissingData(),
            // AWS's default when the field is left out is enabled.
            !Boolean.FALSE.equals(alarm.actionsEnabled()),
            alarm.hasAlarmActions() ? alarm.alarmActions() : List.of(),
            alarm.hasOkActions() ? alarm.okActions() : List.of(),
            alarm.hasInsufficientDataActions() ? alarm.insufficientDataActions() : List.of(),
            alarm.unitAsString(),
            metrics,
            alarm.thresholdMetricId());
    return new ObservedAlarm(
        config,
        alarm.alarmArn(),
        alarm.stateValueAsString(),
        alarm.stateReason(),
        alarm.stateUpdatedTimestamp());
  }

  static ObservedCompositeAlarm toObserved(CompositeAlarm alarm) {
    CompositeAlarmConfig config =
        new CompositeAlarmConfig(
            alarm.alarmName(),
            alarm.alarmDescription(),
            alarm.alarmRule(),
            // AWS's default when the field is left out is enabled.
            !Boolean.FALSE.equals(alarm.actionsEnabled()),
            alarm.hasAlarmActions() ? alarm.alarmActions() : List.of(),
            alarm.hasOkActions() ? alarm.okActions() : List.of(),
            alarm.hasInsufficientDataActions() ? alarm.insufficientDataActions() : List.of(),
            alarm.actionsSuppressor(),
            alarm.actionsSuppressorWaitPeriod(),
            alarm.actionsSuppressorExtensionPeriod());
    return new ObservedCompositeAlarm(
        config,
        alarm.alarmArn(),
        alarm.stateValueAsString(),
        alarm.stateReason(),
        alarm.stateUpdatedTimestamp());
  }

  /** A single-metric model; a metric-math model (not the operator's kind) is left out. */
  static Optional<ObservedAnomalyDetector> toObserved(AnomalyDetector detector) {
    SingleMetricAnomalyDetector single = detector.singleMetricAnomalyDetector();
    String namespace = single != null ? single.namespace() : detector.namespace();
    String metricName = single != null ? single.metricName() : detector.metricName();
    String stat = single != null ? single.stat() : detector.stat();
    if (namespace == null || metricName == null || stat == null) {
      return Optional.empty();
    }
    Map<String, String> dimensions = new TreeMap<>();
    List<Dimension> given =
        single != null && single.hasDimensions()
            ? single.dimensions()
            : detector.hasDimensions() ? detector.dimensions() : List.of();
    given.forEach(d -> dimensions.put(d.name(), d.value()));
    AnomalyDetectorConfiguration configuration = detector.configuration();
    List<AnomalyDetectorConfig.TimeRange> excluded =
        configuration == null || !configuration.hasExcludedTimeRanges()
            ? List.of()
            : configuration.excludedTimeRanges().stream()
                .map(r -> new AnomalyDetectorConfig.TimeRange(r.startTime(), r.endTime()))
                .toList();
    return Optional.of(
        new ObservedAnomalyDetector(
            new AnomalyDetectorConfig(
                namespace,
                metricName,
                dimensions,
                stat,
                excluded,
                configuration == null ? null : configuration.metricTimezone()),
            detector.stateValueAsString()));
  }

  static MetricDataQuery toQuery(MetricQuery query) {
    MetricDataQuery.Builder builder =
        MetricDataQuery.builder()
            .id(query.id())
            .label(query.label())
            .returnData(query.returnData());
    if (query.isExpression()) {
      builder.expression(query.expression());
    } else {
      builder.metricStat(
          MetricStat.builder()
              .metric(
                  Metric.builder()
                      .namespace(query.namespace())
                      .metricName(query.metricName())
                      .dimensions(toDimensions(query.dimensions()))
                      .build())
              .period(query.period())
              .stat(query.stat())
              .build());
    }
    return builder.build();
  }

  static MetricQuery toQuery(MetricDataQuery query) {
    // AWS's default for ReturnData, when an entry leaves it out, is true.
    boolean returnData = !Boolean.FALSE.equals(query.returnData());
    MetricStat stat = query.metricStat();
    if (stat == null) {
      return MetricQuery.expression(query.id(), query.label(), query.expression(), returnData);
    }
    Metric metric = stat.metric();
    Map<String, String> dimensions = new TreeMap<>();
    if (metric != null && metric.hasDimensions()) {
      metric.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
    }
    return new MetricQuery(
        query.id(),
        query.label(),
        null,
        metric == null ? null : metric.namespace(),
        metric == null ? null : metric.metricName(),
        dimensions,
        stat.period(),
        stat.stat(),
        returnData);
  }

  private static SingleMetricAnomalyDetector toSingleMetric(AnomalyDetectorConfig detector) {
    return SingleMetricAnomalyDetector.builder()
        .namespace(detector.namespace())
        .metricName(detector.metricName())
        .dimensions(toDimensions(detector.dimensions()))
        .stat(detector.stat())
        .build();
  }

  private static boolean isNotFound(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return code != null && code.contains("NotFound");
  }

  private static List<Dimension> toDimensions(Map<String, String> dimensions) {
    // Sorted so that the same config always produces the same request.
    return new TreeMap<>(dimensions)
        .entrySet().stream()
            .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build())
            .toList();
  }

  private static List<Tag> toTags(Map<String, String> tags) {
    return new TreeMap<>(tags)
        .entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
