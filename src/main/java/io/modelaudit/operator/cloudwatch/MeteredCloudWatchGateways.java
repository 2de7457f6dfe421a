package io.modelaudit.operator.cloudwatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times every port call of the gateways it wraps in the timer {@value #METRIC}, tagged with the
 * region, the AWS operation (e.g. PutMetricAlarm) and the outcome ({@code success}, or the
 * failure's {@link GatewayException.Kind} in lower case, or {@code other} for an unclassified
 * exception).
 *
 * <p>One port call is one sample, however many pages the adapter fetches for it; the SDK's own
 * retries happen inside one call and are not counted here.
 */
public final class MeteredCloudWatchGateways implements CloudWatchGateways {

  /** Micrometer name; Prometheus shows it as modelaudit_aws_calls_seconds_{count,sum,max}. */
  public static final String METRIC = "modelaudit.aws.calls";

  /** Outcome of a call that returned normally. */
  public static final String SUCCESS = "success";

  /** Outcome of a call that failed with something other than a {@link GatewayException}. */
  public static final String OTHER = "other";

  private final CloudWatchGateways delegate;
  private final MeterRegistry registry;
  private final Map<String, CloudWatchGateway> byRegion = new ConcurrentHashMap<>();

  public MeteredCloudWatchGateways(CloudWatchGateways delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public CloudWatchGateway forRegion(String region) {
    Objects.requireNonNull(region, "region");
    return byRegion.computeIfAbsent(region, r -> new Metered(r, delegate.forRegion(r)));
  }

  /** The outcome tag of a failure. */
  static String outcome(RuntimeException failure) {
    if (failure instanceof GatewayException g && g.kind() != null) {
      return g.kind().name().toLowerCase(Locale.ROOT);
    }
    return OTHER;
  }

  /** One region's gateway, timing each call before handing it on. */
  private final class Metered implements CloudWatchGateway {

    private final String region;
    private final CloudWatchGateway gateway;

    Metered(String region, CloudWatchGateway gateway) {
      this.region = region;
      this.gateway = gateway;
    }

    private <T> T timed(String operation, Supplier<T> call) {
      long start = System.nanoTime();
      String outcome = SUCCESS;
      try {
        return call.get();
      } catch (RuntimeException e) {
        outcome = outcome(e);
        throw e;
      } finally {
        Timer.builder(METRIC)
            .description("CloudWatch and CloudWatch Logs calls by region, operation and outcome")
            .tag("region", region)
            .tag("operation", operation)
            .tag("outcome", outcome)
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    }

    private void run(String operation, Runnable call) {
      timed(
          operation,
          () -> {
            call.run();
            return null;
          });
    }

    @Override
    public Optional<ObservedLogGroup> describeLogGroup(String name) {
      return timed("DescribeLogGroups", () -> gateway.describeLogGroup(name));
    }

    @Override
    public List<ObservedLogGroup> listLogGroups(String namePrefix) {
      return timed("DescribeLogGroups", () -> gateway.listLogGroups(namePrefix));
    }

    @Override
    public Page<ObservedLogGroup> listLogGroupsPage(String namePrefix, String nextToken) {
      return timed("DescribeLogGroups", () -> gateway.listLogGroupsPage(namePrefix, nextToken));
    }

    @Override
    public Page<MetricFilterConfig> listMetricFiltersPage(
        String logGroupNamePrefix, String nextToken) {
      return timed(
          "DescribeMetricFilters",
          () -> gateway.listMetricFiltersPage(logGroupNamePrefix, nextToken));
    }

    @Override
    public List<MetricFilterConfig> listMetricFilters(String logGroupNamePrefix) {
      return timed("DescribeMetricFilters", () -> gateway.listMetricFilters(logGroupNamePrefix));
    }

    @Override
    public Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken) {
      return timed("DescribeAlarms", () -> gateway.listAlarmsPage(namePrefix, nextToken));
    }

    @Override
    public void createLogGroup(LogGroupConfig config, Map<String, String> tags) {
      run("CreateLogGroup", () -> gateway.createLogGroup(config, tags));
    }

    @Override
    public void deleteLogGroup(String name) {
      run("DeleteLogGroup", () -> gateway.deleteLogGroup(name));
    }

    @Override
    public void putRetentionPolicy(String name, int retentionInDays) {
      run("PutRetentionPolicy", () -> gateway.putRetentionPolicy(name, retentionInDays));
    }

    @Override
    public void deleteRetentionPolicy(String name) {
      run("DeleteRetentionPolicy", () -> gateway.deleteRetentionPolicy(name));
    }

    @Override
    public void associateKmsKey(String name, String kmsKeyArn) {
      run("AssociateKmsKey", () -> gateway.associateKmsKey(name, kmsKeyArn));
    }

    @Override
    public void disassociateKmsKey(String name) {
      run("DisassociateKmsKey", () -> gateway.disassociateKmsKey(name));
    }

    @Override
    public void putDeletionProtection(String name, boolean enabled) {
      run("PutLogGroupDeletionProtection", () -> gateway.putDeletionProtection(name, enabled));
    }

    @Override
    public Map<String, String> listLogGroupTags(String arn) {
      return timed("ListTagsForResource", () -> gateway.listLogGroupTags(arn));
    }

    @Override
    public void tagLogGroup(String arn, Map<String, String> tags) {
      run("TagResource", () -> gateway.tagLogGroup(arn, tags));
    }

    @Override
    public void untagLogGroup(String arn, Set<String> keys) {
      run("UntagResource", () -> gateway.untagLogGroup(arn, keys));
    }

    @Override
    public List<String> listLogStreams(String logGroupName) {
      return timed("DescribeLogStreams", () -> gateway.listLogStreams(logGroupName));
    }

    @Override
    public void createLogStream(String logGroupName, String streamName) {
      run("CreateLogStream", () -> gateway.createLogStream(logGroupName, streamName));
    }

    @Override
    public void deleteLogStream(String logGroupName, String streamName) {
      run("DeleteLogStream", () -> gateway.deleteLogStream(logGroupName, streamName));
    }

    @Override
    public List<MetricFilterConfig> describeMetricFilters(String logGroupName) {
      return timed("DescribeMetricFilters", () -> gateway.describeMetricFilters(logGroupName));
    }

    @Override
    public void putMetricFilter(MetricFilterConfig filter) {
      run("PutMetricFilter", () -> gateway.putMetricFilter(filter));
    }

    @Override
    public void deleteMetricFilter(String logGroupName, String filterName) {
      run("DeleteMetricFilter", () -> gateway.deleteMetricFilter(logGroupName, filterName));
    }

    @Override
    public List<ObservedAlarm> describeAlarms(Collection<String> alarmNames) {
      return timed("DescribeAlarms", () -> gateway.describeAlarms(alarmNames));
    }

    @Override
    public List<ObservedAlarm> listAlarms(String namePrefix) {
      return timed("DescribeAlarms", () -> gateway.listAlarms(namePrefix));
    }

    @Override
    public void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate) {
      run("PutMetricAlarm", () -> gateway.putMetricAlarm(alarm, tagsOnCreate));
    }

    @Override
    public void deleteAlarms(Collection<String> alarmNames) {
      run("DeleteAlarms", () -> gateway.deleteAlarms(alarmNames));
    }

    @Override
    public Map<String, String> listAlarmTags(String alarmArn) {
      return timed("ListTagsForResource", () -> gateway.listAlarmTags(alarmArn));
    }

    @Override
    public void tagAlarm(String alarmArn, Map<String, String> tags) {
      run("TagResource", () -> gateway.tagAlarm(alarmArn, tags));
    }

    @Override
    public void untagAlarm(String alarmArn, Set<String> keys) {
      run("UntagResource", () -> gateway.untagAlarm(alarmArn, keys));
    }
  }
}
