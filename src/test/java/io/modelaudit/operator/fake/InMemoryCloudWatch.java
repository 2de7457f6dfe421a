package io.modelaudit.operator.fake;

import io.github.bucket4j.TimeMeter;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedAnomalyDetector;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.ObservedDashboard;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import io.modelaudit.operator.fake.FaultyCloudWatch.FaultInjector;
import io.modelaudit.operator.fake.FaultyCloudWatch.MutationHook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory CloudWatch that tests use, so that they read like scenarios: a {@link
 * CloudWatchStore} with AWS's semantics, behind {@link FaultyCloudWatch} (failure switches,
 * latency, hooks), {@link ThrottlingCloudWatch} (AWS's quotas) and {@link CountingCloudWatch} (call
 * counts), plus {@link OutOfBand} changes and snapshots for assertions. This class only composes
 * them and offers their switches in one place.
 *
 * <p>Every port call is counted under the AWS operation its method declares (see {@link
 * #OPERATIONS}); describeLogGroup and listLogGroups are both DescribeLogGroups, the log group and
 * alarm tag methods are both ListTagsForResource, TagResource and UntagResource, as in AWS. A
 * listing counts once per page (50 log groups or metric filters, 100 alarms), as AWS would; every
 * other port call counts once. A call is counted first, then may be throttled, then may fail or be
 * delayed by a switch, and only then reaches the store.
 */
public final class InMemoryCloudWatch implements CloudWatchGateways {

  public static final String ACCOUNT_ID = CloudWatchStore.ACCOUNT_ID;

  // the AWS operation names come from the port's own list, so the fake cannot drift from it
  public static final String DESCRIBE_LOG_GROUPS = Operations.DESCRIBE_LOG_GROUPS;
  public static final String CREATE_LOG_GROUP = Operations.CREATE_LOG_GROUP;
  public static final String DELETE_LOG_GROUP = Operations.DELETE_LOG_GROUP;
  public static final String PUT_RETENTION_POLICY = Operations.PUT_RETENTION_POLICY;
  public static final String DELETE_RETENTION_POLICY = Operations.DELETE_RETENTION_POLICY;
  public static final String ASSOCIATE_KMS_KEY = Operations.ASSOCIATE_KMS_KEY;
  public static final String DISASSOCIATE_KMS_KEY = Operations.DISASSOCIATE_KMS_KEY;
  public static final String PUT_LOG_GROUP_DELETION_PROTECTION =
      Operations.PUT_LOG_GROUP_DELETION_PROTECTION;
  public static final String LIST_TAGS_FOR_RESOURCE = Operations.LIST_TAGS_FOR_RESOURCE;
  public static final String TAG_RESOURCE = Operations.TAG_RESOURCE;
  public static final String UNTAG_RESOURCE = Operations.UNTAG_RESOURCE;
  public static final String DESCRIBE_LOG_STREAMS = Operations.DESCRIBE_LOG_STREAMS;
  public static final String CREATE_LOG_STREAM = Operations.CREATE_LOG_STREAM;
  public static final String DELETE_LOG_STREAM = Operations.DELETE_LOG_STREAM;
  public static final String DESCRIBE_METRIC_FILTERS = Operations.DESCRIBE_METRIC_FILTERS;
  public static final String PUT_METRIC_FILTER = Operations.PUT_METRIC_FILTER;
  public static final String DELETE_METRIC_FILTER = Operations.DELETE_METRIC_FILTER;
  public static final String DESCRIBE_ALARMS = Operations.DESCRIBE_ALARMS;
  public static final String PUT_METRIC_ALARM = Operations.PUT_METRIC_ALARM;
  public static final String DELETE_ALARMS = Operations.DELETE_ALARMS;
  public static final String PUT_COMPOSITE_ALARM = Operations.PUT_COMPOSITE_ALARM;
  public static final String PUT_ANOMALY_DETECTOR = Operations.PUT_ANOMALY_DETECTOR;
  public static final String DESCRIBE_ANOMALY_DETECTORS = Operations.DESCRIBE_ANOMALY_DETECTORS;
  public static final String DELETE_ANOMALY_DETECTOR = Operations.DELETE_ANOMALY_DETECTOR;
  public static final String PUT_DASHBOARD = Operations.PUT_DASHBOARD;
  public static final String GET_DASHBOARD = Operations.GET_DASHBOARD;
  public static final String LIST_DASHBOARDS = Operations.LIST_DASHBOARDS;
  public static final String DELETE_DASHBOARDS = Operations.DELETE_DASHBOARDS;
  public static final String PUT_DATA_PROTECTION_POLICY = Operations.PUT_DATA_PROTECTION_POLICY;
  public static final String GET_DATA_PROTECTION_POLICY = Operations.GET_DATA_PROTECTION_POLICY;
  public static final String PUT_SUBSCRIPTION_FILTER = Operations.PUT_SUBSCRIPTION_FILTER;
  public static final String PUT_QUERY_DEFINITION = Operations.PUT_QUERY_DEFINITION;
  public static final String PUT_INDEX_POLICY = Operations.PUT_INDEX_POLICY;

  /** The operations that change something in AWS. */
  public static final Set<String> MUTATING_OPERATIONS = FakeOperations.MUTATING;

  /** The operations that only read. */
  public static final Set<String> READ_OPERATIONS = FakeOperations.READ;

  /** Every operation name the fake counts and can fail. */
  public static final Set<String> OPERATIONS = FakeOperations.ALL;

  private final CloudWatchStore store;
  private final EventEmitter emitter;
  private final FaultyCloudWatch faults;
  private final ThrottlingCloudWatch quotas;
  private final CountingCloudWatch counts;
  private final OutOfBand outOfBand;

  public InMemoryCloudWatch() {
    this(Clock.systemUTC());
  }

  /** A fake whose alarm state timestamps come from this clock. */
  public InMemoryCloudWatch(Clock clock) {
    store = new CloudWatchStore(clock);
    emitter = new EventEmitter(store);
    faults = new FaultyCloudWatch(emitter);
    quotas = new ThrottlingCloudWatch(faults);
    counts = new CountingCloudWatch(quotas);
    outOfBand = new OutOfBand(store);
  }

  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    // One account: the fake keeps no state per account (multi-account runs on moto).
    String region = target.region();
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
    return counts.forTarget(target);
  }

  public static String logGroupArn(String region, String logGroupName) {
    return CloudWatchStore.logGroupArn(region, logGroupName);
  }

  public static String alarmArn(String region, String alarmName) {
    return CloudWatchStore.alarmArn(region, alarmName);
  }

  public static String dashboardArn(String dashboardName) {
    return CloudWatchStore.dashboardArn(dashboardName);
  }

  /** The store behind the switches, for composing it with another CloudWatch (tests only). */
  public CloudWatchStore store() {
    return store;
  }

  // ---- call counting (CountingCloudWatch) ----

  /** How many times the operation was called, failed calls included. */
  public int callCount(String operation) {
    return counts.callCount(operation);
  }

  /** Operation name to call count, for every operation called at least once since the reset. */
  public Map<String, Integer> calls() {
    return counts.callsByOperation();
  }

  /** How many calls were made to operations that change something, failed calls included. */
  public int mutatingCallCount() {
    return counts.mutatingCallCount();
  }

  /**
   * How many mutating calls took effect (not counted, like every other count, from the last reset,
   * but from the start): a refused create changes nothing and is not among them.
   */
  public int writeCount() {
    return faults.acceptedMutations();
  }

  /** How many calls were made in this region, of any operation, failed calls included. */
  public int callCountInRegion(String region) {
    return counts.callCountInRegion(region);
  }

  /** Forgets the call and throttling counts. */
  public void resetCalls() {
    counts.reset();
    quotas.resetThrottledCounts();
  }

  // ---- failure switches and latency (FaultyCloudWatch) ----

  /** See {@link FaultyCloudWatch#failNext}. */
  public void failNext(String operation, Kind kind, int times) {
    faults.failNext(operation, kind, times);
  }

  /** See {@link FaultyCloudWatch#failAlways}. */
  public void failAlways(String operation, Kind kind) {
    faults.failAlways(operation, kind);
  }

  /** See {@link FaultyCloudWatch#failAll}. */
  public void failAll(Kind kind) {
    faults.failAll(kind);
  }

  public void clearFailures() {
    faults.clearFailures();
  }

  /** Delays every call of the operation by this duration; zero removes the delay. */
  public void latency(String operation, Duration delay) {
    faults.latency(operation, delay);
  }

  public void clearLatencies() {
    faults.clearLatencies();
  }

  /** Consults this injector before every call; null removes it. */
  public void injectFaults(FaultInjector injector) {
    faults.injectFaults(injector);
  }

  /** See {@link FaultyCloudWatch#afterMutatingCalls}. */
  public void afterMutatingCalls(MutationHook hook) {
    faults.afterMutatingCalls(hook);
  }

  // ---- quotas (ThrottlingCloudWatch) ----

  /**
   * From now on, calls of each named operation above its rate (calls per second, per region and API
   * family, a second's worth of burst allowed) fail as AWS throttles: TRANSIENT with the code
   * Throttling or ThrottlingException. Throttled calls are counted as calls and in {@link
   * #throttledCalls()}. An empty map turns quotas off.
   */
  public void enforceQuotas(Map<String, Double> callsPerSecond) {
    enforceQuotas(callsPerSecond, TimeMeter.SYSTEM_NANOTIME);
  }

  /** As {@link #enforceQuotas(Map)}, on a clock of the test's choice. */
  public void enforceQuotas(Map<String, Double> callsPerSecond, TimeMeter time) {
    quotas.enforceQuotas(callsPerSecond, time);
  }

  /** Operation name to the number of calls throttled, for every operation throttled at all. */
  public Map<String, Integer> throttledCalls() {
    return quotas.throttledCalls();
  }

  public int throttledCallCount() {
    return quotas.throttledCallCount();
  }

  // ---- events (EventEmitter) ----

  /**
   * From now on, publishes to this EventBridge what AWS would: alarm state and configuration
   * changes, and CloudTrail's API-call events of the port's mutating calls (made as {@link
   * InMemoryEvents#CALLER_ARN}) and of the out-of-band changes below (made by someone else).
   */
  public void emitEventsTo(InMemoryEvents events) {
    emitter.emitTo(events);
  }

  // ---- out-of-band changes (OutOfBand): someone else changing AWS; not counted, never failed ----

  /** Every out-of-band change, for the compliance parts' resources among others. */
  public OutOfBand outOfBand() {
    return outOfBand;
  }

  /** Creates a log group as someone else would have, with every attribute of the config. */
  public void seedLogGroup(String region, LogGroupConfig config, Map<String, String> tags) {
    outOfBand.seedLogGroup(region, config, tags);
  }

  /** Creates or replaces an alarm as someone else would have; a new alarm gets these tags. */
  public void seedAlarm(String region, AlarmConfig config, Map<String, String> tags) {
    boolean existed = store.alarm(region, config.alarmName()).isPresent();
    outOfBand.seedAlarm(region, config, tags);
    emitter.alarmConfiguration(region, config.alarmName(), existed ? "update" : "create");
  }

  /**
   * Moves an alarm to a state, as CloudWatch does when it evaluates the metric; the composite
   * alarms over it are evaluated again, and each that moves sends its own state change event.
   */
  public void setAlarmState(String region, String alarmName, String state, String reason) {
    ObservedAlarm before = store.alarm(region, alarmName).orElse(null);
    Map<String, ObservedCompositeAlarm> compositesBefore = compositeAlarms(region);
    outOfBand.setAlarmState(region, alarmName, state, reason);
    if (before != null) {
      emitter.alarmState(region, before, store.alarm(region, alarmName).orElseThrow());
    }
    compositeAlarms(region)
        .forEach(
            (name, after) -> {
              ObservedCompositeAlarm was = compositesBefore.get(name);
              if (was != null && !java.util.Objects.equals(was.state(), after.state())) {
                emitter.compositeState(region, was, after);
              }
            });
  }

  /** The composite alarms of a region, each evaluated on the states of now. */
  private Map<String, ObservedCompositeAlarm> compositeAlarms(String region) {
    Map<String, ObservedCompositeAlarm> composites = new java.util.TreeMap<>();
    for (String name : store.compositeAlarmNames(region)) {
      store.compositeAlarm(region, name).ifPresent(c -> composites.put(name, c));
    }
    return composites;
  }

  public void deleteAlarmOutOfBand(String region, String alarmName) {
    outOfBand.deleteAlarm(region, alarmName);
    emitter.alarmConfiguration(region, alarmName, "delete");
  }

  public void deleteLogGroupOutOfBand(String region, String logGroupName) {
    outOfBand.deleteLogGroup(region, logGroupName);
    emitter.apiCallByOthers(
        region, Service.LOGS, "DeleteLogGroup", Map.of("logGroupName", logGroupName));
  }

  /** Sets the retention of a log group; null means never expire. */
  public void setRetentionOutOfBand(String region, String logGroupName, Integer retentionInDays) {
    outOfBand.setRetention(region, logGroupName, retentionInDays);
    emitter.apiCallByOthers(
        region,
        Service.LOGS,
        retentionInDays == null ? "DeleteRetentionPolicy" : "PutRetentionPolicy",
        Map.of("logGroupName", logGroupName));
  }

  public void deleteLogStreamOutOfBand(String region, String logGroupName, String streamName) {
    outOfBand.deleteLogStream(region, logGroupName, streamName);
    emitter.apiCallByOthers(
        region,
        Service.LOGS,
        "DeleteLogStream",
        Map.of("logGroupName", logGroupName, "logStreamName", streamName));
  }

  public void deleteMetricFilterOutOfBand(String region, String logGroupName, String filterName) {
    outOfBand.deleteMetricFilter(region, logGroupName, filterName);
    emitter.apiCallByOthers(
        region,
        Service.LOGS,
        "DeleteMetricFilter",
        Map.of("logGroupName", logGroupName, "filterName", filterName));
  }

  /** Replaces a metric filter's definition (the filter's group must exist). */
  public void putMetricFilterOutOfBand(String region, MetricFilterConfig filter) {
    outOfBand.putMetricFilter(region, filter);
    emitter.apiCallByOthers(
        region,
        Service.LOGS,
        "PutMetricFilter",
        Map.of("logGroupName", filter.logGroupName(), "filterName", filter.filterName()));
  }

  /** Adds or overwrites one tag on the log group or alarm with this ARN. */
  public void putTagOutOfBand(String arn, String key, String value) {
    outOfBand.putTag(arn, key, value);
    tagCall(arn, "TagResource");
  }

  /** Removes one tag from the log group or alarm with this ARN. */
  public void removeTagOutOfBand(String arn, String key) {
    outOfBand.removeTag(arn, key);
    tagCall(arn, "UntagResource");
  }

  private void tagCall(String arn, String eventName) {
    String region = arn.split(":")[3];
    boolean logs = arn.contains(":logs:");
    emitter.apiCallByOthers(
        region,
        logs ? Service.LOGS : Service.CLOUDWATCH,
        eventName,
        Map.of(logs ? "resourceArn" : "resourceARN", arn));
  }

  // ---- snapshots for assertions (CloudWatchStore): not counted, never failed ----

  /**
   * The port of a region as someone other than the operator uses it: straight to the store, not
   * counted, never throttled or failed (a person in the console, a benchmark's checks).
   */
  public CloudWatchGateway uncounted(String region) {
    return store.forRegion(region);
  }

  public Optional<ObservedLogGroup> logGroup(String region, String logGroupName) {
    return store.logGroup(region, logGroupName);
  }

  /** Names of the group's streams, sorted; empty when the group does not exist. */
  public List<String> logStreams(String region, String logGroupName) {
    return store.logStreams(region, logGroupName);
  }

  /** The group's metric filters sorted by name; empty when the group does not exist. */
  public List<MetricFilterConfig> metricFilters(String region, String logGroupName) {
    return store.metricFilters(region, logGroupName);
  }

  public Optional<ObservedAlarm> alarm(String region, String alarmName) {
    return store.alarm(region, alarmName);
  }

  /** The alarm's tags; empty when the alarm does not exist. */
  public Map<String, String> alarmTags(String region, String alarmName) {
    return store.alarmTags(region, alarmName);
  }

  /** The log group's tags; empty when the group does not exist. */
  public Map<String, String> logGroupTags(String region, String logGroupName) {
    return store.logGroupTags(region, logGroupName);
  }

  public List<String> logGroupNames(String region) {
    return store.logGroupNames(region);
  }

  public List<String> alarmNames(String region) {
    return store.alarmNames(region);
  }

  public Optional<ObservedCompositeAlarm> compositeAlarm(String region, String alarmName) {
    return store.compositeAlarm(region, alarmName);
  }

  public List<String> compositeAlarmNames(String region) {
    return store.compositeAlarmNames(region);
  }

  public Map<String, String> compositeAlarmTags(String region, String alarmName) {
    return store.compositeAlarmTags(region, alarmName);
  }

  public List<ObservedAnomalyDetector> anomalyDetectors(String region) {
    return store.anomalyDetectors(region);
  }

  /** Dashboards are global: no region. */
  public Optional<ObservedDashboard> dashboard(String name) {
    return store.dashboard(name);
  }

  public List<String> dashboardNames() {
    return store.dashboardNames();
  }

  public Map<String, String> dashboardTags(String name) {
    return store.dashboardTags(name);
  }

  public void deleteDashboardOutOfBand(String name) {
    outOfBand.deleteDashboard(name);
  }

  /** Replaces a dashboard's body, as someone editing it in the console would. */
  public void putDashboardBodyOutOfBand(String name, String body) {
    outOfBand.putDashboardBody(name, body);
  }

  public void deleteCompositeAlarmOutOfBand(String region, String alarmName) {
    outOfBand.deleteCompositeAlarm(region, alarmName);
  }
}
