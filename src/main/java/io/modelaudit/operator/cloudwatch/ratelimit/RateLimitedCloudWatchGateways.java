package io.modelaudit.operator.cloudwatch.ratelimit;

import static io.modelaudit.operator.cloudwatch.Operations.*;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import io.modelaudit.operator.cloudwatch.Page;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every caller of the port under AWS's control-plane quotas: each port call first takes a
 * permit of its AWS operation in its region, blocking until one is free. Reconciles and inventory
 * passes share the same permits, so together they stay under the quota; the SDK's own adaptive
 * retries remain behind this as the second line.
 *
 * <p>A port call costs one permit per AWS call it makes: listings are limited page by page (their
 * all-pages forms go through the page methods), describeAlarms and deleteAlarms cost one permit per
 * 100 names. describeLogGroup, listLogStreams and describeMetricFilters of one group are counted as
 * one call; they take a second page only for groups with more than 50 streams or filters.
 */
public final class RateLimitedCloudWatchGateways implements CloudWatchGateways {

  /** AWS accepts at most this many names in one DescribeAlarms or DeleteAlarms call. */
  private static final int ALARM_NAMES_PER_CALL = 100;

  private final CloudWatchGateways delegate;
  private final OperationRateLimiter limiter;
  private final Map<String, CloudWatchGateway> byRegion = new ConcurrentHashMap<>();

  public RateLimitedCloudWatchGateways(CloudWatchGateways delegate, Map<String, Double> limits) {
    this(delegate, new OperationRateLimiter(limits));
  }

  public RateLimitedCloudWatchGateways(CloudWatchGateways delegate, OperationRateLimiter limiter) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
  }

  @Override
  public CloudWatchGateway forRegion(String region) {
    return byRegion.computeIfAbsent(
        region, r -> new RateLimitedGateway(r, delegate.forRegion(r), limiter));
  }

  /** The port of one region, taking a permit before each call. */
  private static final class RateLimitedGateway implements CloudWatchGateway {

    private final String region;
    private final CloudWatchGateway target;
    private final OperationRateLimiter limiter;

    RateLimitedGateway(String region, CloudWatchGateway target, OperationRateLimiter limiter) {
      this.region = region;
      this.target = target;
      this.limiter = limiter;
    }

    private void logs(String operation) {
      limiter.acquire(region, Service.LOGS, operation, 1);
    }

    private void cloudWatch(String operation, int calls) {
      limiter.acquire(region, Service.CLOUDWATCH, operation, calls);
    }

    private static int alarmCalls(Collection<String> names) {
      int distinct = new HashSet<>(names).size();
      return (distinct + ALARM_NAMES_PER_CALL - 1) / ALARM_NAMES_PER_CALL;
    }

    // ---- log groups ----

    @Override
    public Optional<ObservedLogGroup> describeLogGroup(String name) {
      logs(DESCRIBE_LOG_GROUPS);
      return target.describeLogGroup(name);
    }

    @Override
    public Page<ObservedLogGroup> listLogGroupsPage(String namePrefix, String nextToken) {
      logs(DESCRIBE_LOG_GROUPS);
      return target.listLogGroupsPage(namePrefix, nextToken);
    }

    @Override
    public void createLogGroup(LogGroupConfig config, Map<String, String> tags) {
      logs(CREATE_LOG_GROUP);
      target.createLogGroup(config, tags);
    }

    @Override
    public void deleteLogGroup(String name) {
      logs(DELETE_LOG_GROUP);
      target.deleteLogGroup(name);
    }

    @Override
    public void putRetentionPolicy(String name, int retentionInDays) {
      logs(PUT_RETENTION_POLICY);
      target.putRetentionPolicy(name, retentionInDays);
    }

    @Override
    public void deleteRetentionPolicy(String name) {
      logs(DELETE_RETENTION_POLICY);
      target.deleteRetentionPolicy(name);
    }

    @Override
    public void associateKmsKey(String name, String kmsKeyArn) {
      logs(ASSOCIATE_KMS_KEY);
      target.associateKmsKey(name, kmsKeyArn);
    }

    @Override
    public void disassociateKmsKey(String name) {
      logs(DISASSOCIATE_KMS_KEY);
      target.disassociateKmsKey(name);
    }

    @Override
    public void putDeletionProtection(String name, boolean enabled) {
      logs(PUT_LOG_GROUP_DELETION_PROTECTION);
      target.putDeletionProtection(name, enabled);
    }

    @Override
    public Map<String, String> listLogGroupTags(String arn) {
      logs(LIST_TAGS_FOR_RESOURCE);
      return target.listLogGroupTags(arn);
    }

    @Override
    public void tagLogGroup(String arn, Map<String, String> tags) {
      if (!tags.isEmpty()) {
        logs(TAG_RESOURCE);
      }
      target.tagLogGroup(arn, tags);
    }

    @Override
    public void untagLogGroup(String arn, Set<String> keys) {
      if (!keys.isEmpty()) {
        logs(UNTAG_RESOURCE);
      }
      target.untagLogGroup(arn, keys);
    }

    // ---- log streams ----

    @Override
    public List<String> listLogStreams(String logGroupName) {
      logs(DESCRIBE_LOG_STREAMS);
      return target.listLogStreams(logGroupName);
    }

    @Override
    public void createLogStream(String logGroupName, String streamName) {
      logs(CREATE_LOG_STREAM);
      target.createLogStream(logGroupName, streamName);
    }

    @Override
    public void deleteLogStream(String logGroupName, String streamName) {
      logs(DELETE_LOG_STREAM);
      target.deleteLogStream(logGroupName, streamName);
    }

    // ---- metric filters ----

    @Override
    public List<MetricFilterConfig> describeMetricFilters(String logGroupName) {
      logs(DESCRIBE_METRIC_FILTERS);
      return target.describeMetricFilters(logGroupName);
    }

    @Override
    public Page<MetricFilterConfig> listMetricFiltersPage(
        String logGroupNamePrefix, String nextToken) {
      logs(DESCRIBE_METRIC_FILTERS);
      return target.listMetricFiltersPage(logGroupNamePrefix, nextToken);
    }

    @Override
    public void putMetricFilter(MetricFilterConfig filter) {
      logs(PUT_METRIC_FILTER);
      target.putMetricFilter(filter);
    }

    @Override
    public void deleteMetricFilter(String logGroupName, String filterName) {
      logs(DELETE_METRIC_FILTER);
      target.deleteMetricFilter(logGroupName, filterName);
    }

    // ---- alarms ----

    @Override
    public List<ObservedAlarm> describeAlarms(Collection<String> alarmNames) {
      cloudWatch(DESCRIBE_ALARMS, alarmCalls(alarmNames));
      return target.describeAlarms(alarmNames);
    }

    @Override
    public Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken) {
      cloudWatch(DESCRIBE_ALARMS, 1);
      return target.listAlarmsPage(namePrefix, nextToken);
    }

    @Override
    public void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate) {
      cloudWatch(PUT_METRIC_ALARM, 1);
      target.putMetricAlarm(alarm, tagsOnCreate);
    }

    @Override
    public void deleteAlarms(Collection<String> alarmNames) {
      cloudWatch(DELETE_ALARMS, alarmCalls(alarmNames));
      target.deleteAlarms(alarmNames);
    }

    @Override
    public Map<String, String> listAlarmTags(String alarmArn) {
      cloudWatch(LIST_TAGS_FOR_RESOURCE, 1);
      return target.listAlarmTags(alarmArn);
    }

    @Override
    public void tagAlarm(String alarmArn, Map<String, String> tags) {
      cloudWatch(TAG_RESOURCE, tags.isEmpty() ? 0 : 1);
      target.tagAlarm(alarmArn, tags);
    }

    @Override
    public void untagAlarm(String alarmArn, Set<String> keys) {
      cloudWatch(UNTAG_RESOURCE, keys.isEmpty() ? 0 : 1);
      target.untagAlarm(alarmArn, keys);
    }
  }
}
