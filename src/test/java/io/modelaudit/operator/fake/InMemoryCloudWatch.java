package io.modelaudit.operator.fake;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An in-memory CloudWatch and CloudWatch Logs with AWS's semantics, plus call counting, failure
 * switches, latency and out-of-band changes, so that tests read like scenarios.
 *
 * <p>Every port call is counted under one AWS operation name (see {@link #OPERATIONS}); a port
 * method that AWS serves with the same API shares its name (describeLogGroup and listLogGroups are
 * both DescribeLogGroups; the log group and alarm tag methods are both ListTagsForResource,
 * TagResource and UntagResource, as in AWS). A listing counts once per page (50 log groups or
 * metric filters, 100 alarms), as AWS would; every other port call counts once.
 *
 * <p>Thread-safe: all state sits behind one lock, which is never held while a latency sleeps.
 */
public final class InMemoryCloudWatch implements CloudWatchGateways {

  public static final String ACCOUNT_ID = "123456789012";

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

  /** The operations that change something in AWS. */
  public static final Set<String> MUTATING_OPERATIONS =
      Set.of(
          CREATE_LOG_GROUP,
          DELETE_LOG_GROUP,
          PUT_RETENTION_POLICY,
          DELETE_RETENTION_POLICY,
          ASSOCIATE_KMS_KEY,
          DISASSOCIATE_KMS_KEY,
          PUT_LOG_GROUP_DELETION_PROTECTION,
          TAG_RESOURCE,
          UNTAG_RESOURCE,
          CREATE_LOG_STREAM,
          DELETE_LOG_STREAM,
          PUT_METRIC_FILTER,
          DELETE_METRIC_FILTER,
          PUT_METRIC_ALARM,
          DELETE_ALARMS);

  /** The operations that only read. */
  public static final Set<String> READ_OPERATIONS =
      Set.of(
          DESCRIBE_LOG_GROUPS,
          LIST_TAGS_FOR_RESOURCE,
          DESCRIBE_LOG_STREAMS,
          DESCRIBE_METRIC_FILTERS,
          DESCRIBE_ALARMS);

  /** Every operation name the fake counts and can fail. */
  public static final Set<String> OPERATIONS = union(MUTATING_OPERATIONS, READ_OPERATIONS);

  /** The values PutRetentionPolicy accepts. */
  public static final Set<Integer> RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /** Page sizes of the listings, as AWS's largest pages. */
  public static final int LOG_GROUP_PAGE = 50;

  public static final int METRIC_FILTER_PAGE = 50;
  public static final int ALARM_PAGE = 100;

  public static final int MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;
  public static final int MAX_METRIC_FILTER_DIMENSIONS = 3;
  public static final int MAX_ACTIONS_PER_ALARM_STATE = 5;
  public static final int MAX_ALARM_DIMENSIONS = 30;
  public static final String INITIAL_ALARM_STATE = "INSUFFICIENT_DATA";
  public static final String INITIAL_ALARM_STATE_REASON = "Unchecked: Initial alarm creation";

  private static final Set<String> ALARM_STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");
  private static final Set<String> LOG_GROUP_CLASSES =
      Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
  private static final Set<String> STATISTICS =
      Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
  // Only the static-threshold operators: the other three need an anomaly detection band.
  private static final Set<String> COMPARISON_OPERATORS =
      Set.of(
          "GreaterThanOrEqualToThreshold",
          "GreaterThanThreshold",
          "LessThanThreshold",
          "LessThanOrEqualToThreshold");
  private static final Set<String> TREAT_MISSING_DATA =
      Set.of("breaching", "notBreaching", "ignore", "missing");
  private static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");
  private static final Pattern LOG_GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern LOG_STREAM_OR_FILTER_NAME = Pattern.compile("[^:*]{1,512}");

  /** Which API family an operation belongs to; AWS spells error codes differently in each. */
  private enum Service {
    LOGS,
    CLOUDWATCH
  }

  private static final Map<Kind, String> LOGS_ERROR_CODES = new EnumMap<>(Kind.class);
  private static final Map<Kind, String> CLOUDWATCH_ERROR_CODES = new EnumMap<>(Kind.class);

  static {
    LOGS_ERROR_CODES.put(Kind.INVALID_INPUT, "InvalidParameterException");
    LOGS_ERROR_CODES.put(Kind.TRANSIENT, "ServiceUnavailableException");
    LOGS_ERROR_CODES.put(Kind.ALREADY_EXISTS, "ResourceAlreadyExistsException");
    LOGS_ERROR_CODES.put(Kind.NOT_FOUND, "ResourceNotFoundException");
    LOGS_ERROR_CODES.put(Kind.PERMISSION, "AccessDeniedException");
    LOGS_ERROR_CODES.put(Kind.LIMIT_EXCEEDED, "LimitExceededException");
    LOGS_ERROR_CODES.put(Kind.CONFLICT, "InvalidOperationException");
    CLOUDWATCH_ERROR_CODES.put(Kind.INVALID_INPUT, "InvalidParameterValue");
    CLOUDWATCH_ERROR_CODES.put(Kind.TRANSIENT, "Throttling");
    CLOUDWATCH_ERROR_CODES.put(Kind.ALREADY_EXISTS, "ResourceConflictException");
    CLOUDWATCH_ERROR_CODES.put(Kind.NOT_FOUND, "ResourceNotFoundException");
    CLOUDWATCH_ERROR_CODES.put(Kind.PERMISSION, "AccessDenied");
    CLOUDWATCH_ERROR_CODES.put(Kind.LIMIT_EXCEEDED, "LimitExceeded");
    CLOUDWATCH_ERROR_CODES.put(Kind.CONFLICT, "ConflictException");
  }

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, RegionStore> regions = new HashMap<>();
  private final Map<String, Deque<Kind>> nextFailures = new HashMap<>();
  private final Map<String, Kind> alwaysFailures = new HashMap<>();
  private Kind allFailure;
  private final ConcurrentMap<String, CloudWatchGateway> gateways = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Duration> latencies = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Bucket> quotaBuckets = new ConcurrentHashMap<>();
  private volatile Map<String, Double> quotas = Map.of();
  private volatile TimeMeter quotaTime = TimeMeter.SYSTEM_NANOTIME;
  private final ConcurrentMap<String, AtomicInteger> regionCalls = new ConcurrentHashMap<>();
  private final AtomicInteger mutationsSinceHook = new AtomicInteger();
  private volatile FaultInjector faultInjector;
  private volatile MutationHook mutationHook;

  /**
   * Decides before each call whether it fails, the way a flaky network or a throttling AWS would.
   * It runs outside the fake's lock, so it may also block the caller.
   */
  @FunctionalInterface
  public interface FaultInjector {

    /** The kind to fail this call with, or null to let it through. */
    Kind beforeCall(String region, String operation);
  }

  /**
   * Sees every mutating call after AWS applied it, e.g. to stop the operator right there. It runs
   * outside the fake's lock; when it throws, the caller gets that exception although the change was
   * made, as when AWS's answer is lost on the way back.
   */
  @FunctionalInterface
  public interface MutationHook {

    /**
     * @param number 1 for the first mutating call that took effect since the hook was installed
     */
    void afterMutation(int number, String region, String operation);
  }

  public InMemoryCloudWatch() {
    this(Clock.systemUTC());
  }

  /** A fake whose alarm state timestamps come from this clock. */
  public InMemoryCloudWatch(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CloudWatchGateway forRegion(String region) {
    requireRegion(region);
    return gateways.computeIfAbsent(region, RegionGateway::new);
  }

  public static String logGroupArn(String region, String logGroupName) {
    return "arn:aws:logs:" + region + ":" + ACCOUNT_ID + ":log-group:" + logGroupName;
  }

  public static String alarmArn(String region, String alarmName) {
    return "arn:aws:cloudwatch:" + region + ":" + ACCOUNT_ID + ":alarm:" + alarmName;
  }

  // ---- call counting ----

  /** How many times the operation was called, failed calls included. */
  public int callCount(String operation) {
    requireOperation(operation);
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  /** Operation name to call count, for every operation called at least once since the reset. */
  public Map<String, Integer> calls() {
    Map<String, Integer> snapshot = new TreeMap<>();
    calls.forEach(
        (operation, count) -> {
          if (count.get() > 0) {
            snapshot.put(operation, count.get());
          }
        });
    return Map.copyOf(snapshot);
  }

  /** How many calls were made to operations that change something, failed calls included. */
  public int mutatingCallCount() {
    return MUTATING_OPERATIONS.stream().mapToInt(this::callCount).sum();
  }

  /** How many calls were made in this region, of any operation, failed calls included. */
  public int callCountInRegion(String region) {
    AtomicInteger count = regionCalls.get(region);
    return count == null ? 0 : count.get();
  }

  /** Forgets the call and throttling counts. */
  public void resetCalls() {
    calls.clear();
    regionCalls.clear();
    throttled.clear();
  }

  // ---- failure switches and latency ----

  /**
   * Makes the next {@code times} calls of the operation fail with this kind. Successive calls queue
   * up: failNext(op, TRANSIENT, 2) then failNext(op, PERMISSION, 1) fails three times.
   */
  public void failNext(String operation, Kind kind, int times) {
    requireOperation(operation);
    Objects.requireNonNull(kind, "kind");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    synchronized (lock) {
      Deque<Kind> queue = nextFailures.computeIfAbsent(operation, k -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.addLast(kind);
      }
    }
  }

  /** Makes every call of the operation fail with this kind until {@link #clearFailures()}. */
  public void failAlways(String operation, Kind kind) {
    requireOperation(operation);
    Objects.requireNonNull(kind, "kind");
    synchronized (lock) {
      alwaysFailures.put(operation, kind);
    }
  }

  /**
   * Makes every call of every operation fail with this kind until {@link #clearFailures()}; with
   * TRANSIENT this is AWS being unreachable.
   */
  public void failAll(Kind kind) {
    Objects.requireNonNull(kind, "kind");
    synchronized (lock) {
      allFailure = kind;
    }
  }

  public void clearFailures() {
    synchronized (lock) {
      nextFailures.clear();
      alwaysFailures.clear();
      allFailure = null;
    }
  }

  /** Delays every call of the operation by this duration; zero removes the delay. */
  public void latency(String operation, Duration delay) {
    requireOperation(operation);
    if (delay == null || delay.isZero()) {
      latencies.remove(operation);
    } else if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    } else {
      latencies.put(operation, delay);
    }
  }

  public void clearLatencies() {
    latencies.clear();
  }

  // ---- quotas ----

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
    callsPerSecond.keySet().forEach(InMemoryCloudWatch::requireOperation);
    quotaBuckets.clear();
    quotaTime = Objects.requireNonNull(time, "time");
    quotas = Map.copyOf(callsPerSecond);
  }

  /** Operation name to the number of calls throttled, for every operation throttled at all. */
  public Map<String, Integer> throttledCalls() {
    Map<String, Integer> snapshot = new TreeMap<>();
    throttled.forEach((operation, count) -> snapshot.put(operation, count.get()));
    return Map.copyOf(snapshot);
  }

  public int throttledCallCount() {
    return throttled.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Consults this injector before every call; null removes it. */
  public void injectFaults(FaultInjector injector) {
    faultInjector = injector;
  }

  /**
   * Calls this hook after every mutating call that took effect, numbered from 1; null removes it.
   */
  public void afterMutatingCalls(MutationHook hook) {
    mutationsSinceHook.set(0);
    mutationHook = hook;
  }

  // ---- out-of-band changes: someone else changing AWS; not counted, never failed ----

  /** Creates a log group as someone else would have, with every attribute of the config. */
  public void seedLogGroup(String region, LogGroupConfig config, Map<String, String> tags) {
    synchronized (lock) {
      RegionStore store = store(region);
      if (store.groups.containsKey(config.name())) {
        throw new IllegalStateException("log group already exists: " + config.name());
      }
      LogGroup group =
          new LogGroup(
              config.name(),
              logGroupArn(region, config.name()),
              config.logGroupClass() == null ? "STANDARD" : config.logGroupClass());
      group.retentionInDays = config.retentionInDays();
      group.kmsKeyArn = config.kmsKeyArn();
      group.deletionProtection = config.deletionProtection();
      putAll(group.tags, tags);
      store.groups.put(group.name, group);
    }
  }

  /** Creates or replaces an alarm as someone else would have; a new alarm gets these tags. */
  public void seedAlarm(String region, AlarmConfig config, Map<String, String> tags) {
    synchronized (lock) {
      RegionStore store = store(region);
      Alarm alarm = store.alarms.get(config.alarmName());
      if (alarm == null) {
        alarm = newAlarm(region, config);
        putAll(alarm.tags, tags);
        store.alarms.put(config.alarmName(), alarm);
      } else {
        alarm.config = config;
      }
    }
  }

  /** Moves an alarm to a state, as CloudWatch does when it evaluates the metric. */
  public void setAlarmState(String region, String alarmName, String state, String reason) {
    if (!ALARM_STATES.contains(state)) {
      throw new IllegalArgumentException("unknown alarm state: " + state);
    }
    synchronized (lock) {
      Alarm alarm = existingAlarm(region, alarmName);
      alarm.state = state;
      alarm.stateReason = reason;
      alarm.stateUpdatedAt = clock.instant();
    }
  }

  public void deleteAlarmOutOfBand(String region, String alarmName) {
    synchronized (lock) {
      existingAlarm(region, alarmName);
      store(region).alarms.remove(alarmName);
    }
  }

  public void deleteLogGroupOutOfBand(String region, String logGroupName) {
    synchronized (lock) {
      existingGroup(region, logGroupName);
      store(region).groups.remove(logGroupName);
    }
  }

  /** Sets the retention of a log group; null means never expire. */
  public void setRetentionOutOfBand(String region, String logGroupName, Integer retentionInDays) {
    synchronized (lock) {
      existingGroup(region, logGroupName).retentionInDays = retentionInDays;
    }
  }

  public void deleteLogStreamOutOfBand(String region, String logGroupName, String streamName) {
    synchronized (lock) {
      if (!existingGroup(region, logGroupName).streams.remove(streamName)) {
        throw new IllegalStateException("no log stream " + streamName + " in " + logGroupName);
      }
    }
  }

  public void deleteMetricFilterOutOfBand(String region, String logGroupName, String filterName) {
    synchronized (lock) {
      if (existingGroup(region, logGroupName).filters.remove(filterName) == null) {
        throw new IllegalStateException("no metric filter " + filterName + " in " + logGroupName);
      }
    }
  }

  /** Replaces a metric filter's definition (the filter's group must exist). */
  public void putMetricFilterOutOfBand(String region, MetricFilterConfig filter) {
    synchronized (lock) {
      existingGroup(region, filter.logGroupName()).filters.put(filter.filterName(), filter);
    }
  }

  /** Adds or overwrites one tag on the log group or alarm with this ARN. */
  public void putTagOutOfBand(String arn, String key, String value) {
    synchronized (lock) {
      taggedResource(arn).put(key, value);
    }
  }

  /** Removes one tag from the log group or alarm with this ARN. */
  public void removeTagOutOfBand(String arn, String key) {
    synchronized (lock) {
      taggedResource(arn).remove(key);
    }
  }

  // ---- snapshots for assertions: not counted, never failed ----

  public Optional<ObservedLogGroup> logGroup(String region, String logGroupName) {
    synchronized (lock) {
      return Optional.ofNullable(store(region).groups.get(logGroupName)).map(LogGroup::observe);
    }
  }

  /** Names of the group's streams, sorted; empty when the group does not exist. */
  public List<String> logStreams(String region, String logGroupName) {
    synchronized (lock) {
      LogGroup group = store(region).groups.get(logGroupName);
      return group == null ? List.of() : List.copyOf(group.streams);
    }
  }

  /** The group's metric filters sorted by name; empty when the group does not exist. */
  public List<MetricFilterConfig> metricFilters(String region, String logGroupName) {
    synchronized (lock) {
      LogGroup group = store(region).groups.get(logGroupName);
      return group == null ? List.of() : List.copyOf(group.filters.values());
    }
  }

  public Optional<ObservedAlarm> alarm(String region, String alarmName) {
    synchronized (lock) {
      return Optional.ofNullable(store(region).alarms.get(alarmName)).map(Alarm::observe);
    }
  }

  /** The alarm's tags; empty when the alarm does not exist. */
  public Map<String, String> alarmTags(String region, String alarmName) {
    synchronized (lock) {
      Alarm alarm = store(region).alarms.get(alarmName);
      return alarm == null ? Map.of() : Map.copyOf(alarm.tags);
    }
  }

  /** The log group's tags; empty when the group does not exist. */
  public Map<String, String> logGroupTags(String region, String logGroupName) {
    synchronized (lock) {
      LogGroup group = store(region).groups.get(logGroupName);
      return group == null ? Map.of() : Map.copyOf(group.tags);
    }
  }

  public List<String> logGroupNames(String region) {
    synchronized (lock) {
      return List.copyOf(store(region).groups.keySet());
    }
  }

  public List<String> alarmNames(String region) {
    synchronized (lock) {
      return List.copyOf(store(region).alarms.keySet());
    }
  }

  // ---- the machinery of a call ----

  private <T> T invoke(String region, String operation, Service service, Supplier<T> body) {
    calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    regionCalls.computeIfAbsent(region, k -> new AtomicInteger()).incrementAndGet();
    throttleAboveQuota(region, operation, service);
    FaultInjector injector = faultInjector;
    if (injector != null) {
      Kind injected = injector.beforeCall(region, operation);
      if (injected != null) {
        throw error(
            injected, operation, errorCode(service, injected), "failure injected by the test");
      }
    }
    Duration delay = latencies.get(operation);
    if (delay != null) {
      sleep(operation, delay);
    }
    T result;
    synchronized (lock) {
      Kind injected = takeInjectedFailure(operation);
      if (injected != null) {
        throw error(
            injected, operation, errorCode(service, injected), "failure injected by the test");
      }
      result = body.get();
    }
    MutationHook hook = mutationHook;
    if (hook != null && MUTATING_OPERATIONS.contains(operation)) {
      hook.afterMutation(mutationsSinceHook.incrementAndGet(), region, operation);
    }
    return result;
  }

  /** Like AWS: a call above the operation's quota in its region and service is throttled. */
  private void throttleAboveQuota(String region, String operation, Service service) {
    Double perSecond = quotas.get(operation);
    if (perSecond == null) {
      return;
    }
    Bucket bucket =
        quotaBuckets.computeIfAbsent(
            region + "|" + service + "|" + operation, k -> quotaBucket(perSecond));
    if (!bucket.tryConsume(1)) {
      throttled.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      throw error(
          Kind.TRANSIENT,
          operation,
          service == Service.LOGS ? "ThrottlingException" : "Throttling",
          "Rate exceeded");
    }
  }

  /** A second's worth of calls may come at once, as AWS's token buckets allow. */
  private Bucket quotaBucket(double perSecond) {
    long burst = Math.max(1L, (long) Math.ceil(perSecond));
    long nanosPerCall = Math.max(1L, Math.round(1_000_000_000d / perSecond));
    return Bucket.builder()
        .addLimit(l -> l.capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerCall)))
        .withCustomTimePrecision(quotaTime)
        .build();
  }

  private Kind takeInjectedFailure(String operation) {
    Deque<Kind> queue = nextFailures.get(operation);
    if (queue != null && !queue.isEmpty()) {
      return queue.removeFirst();
    }
    Kind always = alwaysFailures.get(operation);
    return always != null ? always : allFailure;
  }

  private static void sleep(String operation, Duration delay) {
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(
          Kind.TRANSIENT, operation, null, "interrupted while waiting for the response", e);
    }
  }

  private static String errorCode(Service service, Kind kind) {
    return (service == Service.LOGS ? LOGS_ERROR_CODES : CLOUDWATCH_ERROR_CODES).get(kind);
  }

  private static GatewayException error(
      Kind kind, String operation, String errorCode, String message) {
    return new GatewayException(kind, operation, errorCode, message);
  }

  private RegionStore store(String region) {
    requireRegion(region);
    return regions.computeIfAbsent(region, RegionStore::new);
  }

  private LogGroup existingGroup(String region, String logGroupName) {
    LogGroup group = store(region).groups.get(logGroupName);
    if (group == null) {
      throw new IllegalStateException("no log group " + logGroupName + " in " + region);
    }
    return group;
  }

  private Alarm existingAlarm(String region, String alarmName) {
    Alarm alarm = store(region).alarms.get(alarmName);
    if (alarm == null) {
      throw new IllegalStateException("no alarm " + alarmName + " in " + region);
    }
    return alarm;
  }

  private Map<String, String> taggedResource(String arn) {
    for (RegionStore store : regions.values()) {
      for (LogGroup group : store.groups.values()) {
        if (group.arn.equals(arn)) {
          return group.tags;
        }
      }
      for (Alarm alarm : store.alarms.values()) {
        if (alarm.arn.equals(arn)) {
          return alarm.tags;
        }
      }
    }
    throw new IllegalStateException("no log group or alarm with ARN " + arn);
  }

  private Alarm newAlarm(String region, AlarmConfig config) {
    Alarm alarm = new Alarm(alarmArn(region, config.alarmName()));
    alarm.config = config;
    alarm.state = INITIAL_ALARM_STATE;
    alarm.stateReason = INITIAL_ALARM_STATE_REASON;
    alarm.stateUpdatedAt = clock.instant();
    return alarm;
  }

  /** The entries from the prefix on, or strictly after the token when paging goes on. */
  private static <V> java.util.SortedMap<String, V> after(
      TreeMap<String, V> map, String prefix, String nextToken) {
    return nextToken == null ? map.tailMap(prefix, true) : map.tailMap(nextToken, false);
  }

  /** Orders filters by group, then name; NUL sorts before every character a name may hold. */
  private static String filterToken(String group, String filterName) {
    return group + "\u0000" + filterName;
  }

  private static void putAll(Map<String, String> target, Map<String, String> source) {
    if (source != null) {
      target.putAll(source);
    }
  }

  private static void requireOperation(String operation) {
    if (!OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException(
          "unknown operation " + operation + "; known: " + new TreeSet<>(OPERATIONS));
    }
  }

  private static void requireRegion(String region) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** The log groups and alarms of one region. */
  private static final class RegionStore {
    final String region;
    final TreeMap<String, LogGroup> groups = new TreeMap<>();
    final TreeMap<String, Alarm> alarms = new TreeMap<>();

    RegionStore(String region) {
      this.region = region;
    }
  }

  /** A log group with its streams and metric filters. */
  private static final class LogGroup {
    final String name;
    final String arn;
    final String logGroupClass;
    Integer retentionInDays;
    String kmsKeyArn;
    boolean deletionProtection;
    final Map<String, String> tags = new TreeMap<>();
    final TreeSet<String> streams = new TreeSet<>();
    final TreeMap<String, MetricFilterConfig> filters = new TreeMap<>();

    LogGroup(String name, String arn, String logGroupClass) {
      this.name = name;
      this.arn = arn;
      this.logGroupClass = logGroupClass;
    }

    ObservedLogGroup observe() {
      return new ObservedLogGroup(
          new LogGroupConfig(name, retentionInDays, kmsKeyArn, logGroupClass, deletionProtection),
          arn);
    }
  }

  /** A metric alarm with its state and tags. */
  private static final class Alarm {
    final String arn;
    AlarmConfig config;
    String state;
    String stateReason;
    Instant stateUpdatedAt;
    final Map<String, String> tags = new TreeMap<>();

    Alarm(String arn) {
      this.arn = arn;
    }

    ObservedAlarm observe() {
      return new ObservedAlarm(config, arn, state, stateReason, stateUpdatedAt);
    }
  }

  /** The port for one region, backed by that region's store. */
  private final class RegionGateway implements CloudWatchGateway {

    private final String region;

    RegionGateway(String region) {
      this.region = region;
    }

    private <T> T call(String operation, Service service, Supplier<T> body) {
      return invoke(region, operation, service, body);
    }

    private void run(String operation, Service service, Runnable body) {
      invoke(
          region,
          operation,
          service,
          () -> {
            body.run();
            return null;
          });
    }

    // ---- log groups ----

    @Override
    public Optional<ObservedLogGroup> describeLogGroup(String name) {
      return call(
          DESCRIBE_LOG_GROUPS,
          Service.LOGS,
          () -> Optional.ofNullable(store().groups.get(name)).map(LogGroup::observe));
    }

    @Override
    public Page<ObservedLogGroup> listLogGroupsPage(String namePrefix, String nextToken) {
      return call(
          DESCRIBE_LOG_GROUPS,
          Service.LOGS,
          () -> {
            String prefix = namePrefix == null ? "" : namePrefix;
            List<ObservedLogGroup> page = new ArrayList<>();
            String last = null;
            for (LogGroup group : after(store().groups, prefix, nextToken).values()) {
              if (!group.name.startsWith(prefix)) {
                break;
              }
              if (page.size() == LOG_GROUP_PAGE) {
                return new Page<>(page, last);
              }
              page.add(group.observe());
              last = group.name;
            }
            return new Page<>(page, null);
          });
    }

    /**
     * Like AWS's CreateLogGroup, this takes the class, KMS key, deletion protection and tags from
     * the config but not the retention: CreateLogGroup has no retention parameter, so a new group
     * never expires its events until the caller calls putRetentionPolicy.
     */
    @Override
    public void createLogGroup(LogGroupConfig config, Map<String, String> tags) {
      run(
          CREATE_LOG_GROUP,
          Service.LOGS,
          () -> {
            String name = config.name();
            if (name == null || !LOG_GROUP_NAME.matcher(name).matches()) {
              throw invalid(CREATE_LOG_GROUP, "invalid log group name: " + name);
            }
            String logGroupClass =
                config.logGroupClass() == null ? "STANDARD" : config.logGroupClass();
            if (!LOG_GROUP_CLASSES.contains(logGroupClass)) {
              throw invalid(CREATE_LOG_GROUP, "invalid log group class: " + logGroupClass);
            }
            if (store().groups.containsKey(name)) {
              throw error(
                  Kind.ALREADY_EXISTS,
                  CREATE_LOG_GROUP,
                  "ResourceAlreadyExistsException",
                  "The specified log group already exists");
            }
            LogGroup group = new LogGroup(name, logGroupArn(region, name), logGroupClass);
            group.kmsKeyArn = config.kmsKeyArn();
            group.deletionProtection = config.deletionProtection();
            putAll(group.tags, tags);
            store().groups.put(name, group);
          });
    }

    @Override
    public void deleteLogGroup(String name) {
      run(
          DELETE_LOG_GROUP,
          Service.LOGS,
          () -> {
            LogGroup group = group(DELETE_LOG_GROUP, name);
            if (group.deletionProtection) {
              // AWS documents this refusal as a ValidationException ("Cannot delete log group
              // with deletion protection enabled. Disable deletion protection first."); the
              // port classifies it as CONFLICT because the group's state forbids the change.
              throw error(
                  Kind.CONFLICT,
                  DELETE_LOG_GROUP,
                  "ValidationException",
                  "Cannot delete log group with deletion protection enabled."
                      + " Disable deletion protection first.");
            }
            store().groups.remove(name);
          });
    }

    @Override
    public void putRetentionPolicy(String name, int retentionInDays) {
      run(
          PUT_RETENTION_POLICY,
          Service.LOGS,
          () -> {
            if (!RETENTION_DAYS.contains(retentionInDays)) {
              throw invalid(
                  PUT_RETENTION_POLICY,
                  "retentionInDays "
                      + retentionInDays
                      + " is not one of "
                      + new TreeSet<>(RETENTION_DAYS));
            }
            group(PUT_RETENTION_POLICY, name).retentionInDays = retentionInDays;
          });
    }

    @Override
    public void deleteRetentionPolicy(String name) {
      run(
          DELETE_RETENTION_POLICY,
          Service.LOGS,
          () -> group(DELETE_RETENTION_POLICY, name).retentionInDays = null);
    }

    @Override
    public void associateKmsKey(String name, String kmsKeyArn) {
      run(
          ASSOCIATE_KMS_KEY,
          Service.LOGS,
          () -> {
            // AWS wants a key ARN (not an alias or key id) and checks the key; the fake checks
            // only the shape, which is what the operator can get wrong.
            if (kmsKeyArn == null
                || !kmsKeyArn.startsWith("arn:")
                || !kmsKeyArn.contains(":kms:")) {
              throw invalid(ASSOCIATE_KMS_KEY, "kmsKeyId must be a KMS key ARN: " + kmsKeyArn);
            }
            group(ASSOCIATE_KMS_KEY, name).kmsKeyArn = kmsKeyArn;
          });
    }

    @Override
    public void disassociateKmsKey(String name) {
      run(
          DISASSOCIATE_KMS_KEY,
          Service.LOGS,
          () -> group(DISASSOCIATE_KMS_KEY, name).kmsKeyArn = null);
    }

    @Override
    public void putDeletionProtection(String name, boolean enabled) {
      run(
          PUT_LOG_GROUP_DELETION_PROTECTION,
          Service.LOGS,
          () -> group(PUT_LOG_GROUP_DELETION_PROTECTION, name).deletionProtection = enabled);
    }

    @Override
    public Map<String, String> listLogGroupTags(String arn) {
      return call(
          LIST_TAGS_FOR_RESOURCE,
          Service.LOGS,
          () -> Map.copyOf(groupByArn(LIST_TAGS_FOR_RESOURCE, arn).tags));
    }

    @Override
    public void tagLogGroup(String arn, Map<String, String> tags) {
      run(TAG_RESOURCE, Service.LOGS, () -> putAll(groupByArn(TAG_RESOURCE, arn).tags, tags));
    }

    @Override
    public void untagLogGroup(String arn, Set<String> keys) {
      run(
          UNTAG_RESOURCE,
          Service.LOGS,
          () -> groupByArn(UNTAG_RESOURCE, arn).tags.keySet().removeAll(keys));
    }

    // ---- log streams ----

    @Override
    public List<String> listLogStreams(String logGroupName) {
      return call(
          DESCRIBE_LOG_STREAMS,
          Service.LOGS,
          () -> List.copyOf(group(DESCRIBE_LOG_STREAMS, logGroupName).streams));
    }

    @Override
    public void createLogStream(String logGroupName, String streamName) {
      run(
          CREATE_LOG_STREAM,
          Service.LOGS,
          () -> {
            if (streamName == null || !LOG_STREAM_OR_FILTER_NAME.matcher(streamName).matches()) {
              throw invalid(CREATE_LOG_STREAM, "invalid log stream name: " + streamName);
            }
            if (!group(CREATE_LOG_STREAM, logGroupName).streams.add(streamName)) {
              throw error(
                  Kind.ALREADY_EXISTS,
                  CREATE_LOG_STREAM,
                  "ResourceAlreadyExistsException",
                  "The specified log stream already exists");
            }
          });
    }

    @Override
    public void deleteLogStream(String logGroupName, String streamName) {
      run(
          DELETE_LOG_STREAM,
          Service.LOGS,
          () -> {
            if (!group(DELETE_LOG_STREAM, logGroupName).streams.remove(streamName)) {
              throw notFound(DELETE_LOG_STREAM, "The specified log stream does not exist.");
            }
          });
    }

    // ---- metric filters ----

    @Override
    public List<MetricFilterConfig> describeMetricFilters(String logGroupName) {
      return call(
          DESCRIBE_METRIC_FILTERS,
          Service.LOGS,
          () -> List.copyOf(group(DESCRIBE_METRIC_FILTERS, logGroupName).filters.values()));
    }

    @Override
    public Page<MetricFilterConfig> listMetricFiltersPage(
        String logGroupNamePrefix, String nextToken) {
      return call(
          DESCRIBE_METRIC_FILTERS,
          Service.LOGS,
          () -> {
            // Like AWS without a log group name: the region's filters in pages of 50, ordered by
            // group then filter; the group prefix only thins a page out.
            String prefix = logGroupNamePrefix == null ? "" : logGroupNamePrefix;
            List<MetricFilterConfig> page = new ArrayList<>();
            int scanned = 0;
            String last = null;
            for (LogGroup group : store().groups.values()) {
              for (MetricFilterConfig filter : group.filters.values()) {
                String token = filterToken(group.name, filter.filterName());
                if (nextToken != null && token.compareTo(nextToken) <= 0) {
                  continue;
                }
                if (scanned == METRIC_FILTER_PAGE) {
                  return new Page<>(page, last);
                }
                scanned++;
                last = token;
                if (group.name.startsWith(prefix)) {
                  page.add(filter);
                }
              }
            }
            return new Page<>(page, null);
          });
    }

    @Override
    public void putMetricFilter(MetricFilterConfig filter) {
      run(
          PUT_METRIC_FILTER,
          Service.LOGS,
          () -> {
            validateMetricFilter(filter);
            LogGroup group = group(PUT_METRIC_FILTER, filter.logGroupName());
            if ("INFREQUENT_ACCESS".equals(group.logGroupClass)) {
              // AWS refuses metric filters on this class; the exact error code is not
              // documented, InvalidParameterException is the family's code for a bad request.
              throw invalid(
                  PUT_METRIC_FILTER,
                  "Metric filters are not supported for log groups of class INFREQUENT_ACCESS");
            }
            boolean replaces = group.filters.containsKey(filter.filterName());
            if (!replaces && group.filters.size() >= MAX_METRIC_FILTERS_PER_LOG_GROUP) {
              throw error(
                  Kind.LIMIT_EXCEEDED,
                  PUT_METRIC_FILTER,
                  "LimitExceededException",
                  "Resource limit exceeded: at most "
                      + MAX_METRIC_FILTERS_PER_LOG_GROUP
                      + " metric filters per log group");
            }
            group.filters.put(filter.filterName(), normalized(filter));
          });
    }

    @Override
    public void deleteMetricFilter(String logGroupName, String filterName) {
      run(
          DELETE_METRIC_FILTER,
          Service.LOGS,
          () -> {
            if (group(DELETE_METRIC_FILTER, logGroupName).filters.remove(filterName) == null) {
              throw notFound(DELETE_METRIC_FILTER, "The specified metric filter does not exist.");
            }
          });
    }

    // ---- alarms ----

    @Override
    public List<ObservedAlarm> describeAlarms(Collection<String> alarmNames) {
      return call(
          DESCRIBE_ALARMS,
          Service.CLOUDWATCH,
          () -> {
            Set<String> names = new TreeSet<>(alarmNames);
            return names.stream()
                .map(store().alarms::get)
                .filter(Objects::nonNull)
                .map(Alarm::observe)
                .toList();
          });
    }

    @Override
    public Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken) {
      return call(
          DESCRIBE_ALARMS,
          Service.CLOUDWATCH,
          () -> {
            String prefix = namePrefix == null ? "" : namePrefix;
            List<ObservedAlarm> page = new ArrayList<>();
            String last = null;
            for (Alarm alarm : after(store().alarms, prefix, nextToken).values()) {
              if (!alarm.config.alarmName().startsWith(prefix)) {
                break;
              }
              if (page.size() == ALARM_PAGE) {
                return new Page<>(page, last);
              }
              page.add(alarm.observe());
              last = alarm.config.alarmName();
            }
            return new Page<>(page, null);
          });
    }

    @Override
    public void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate) {
      run(
          PUT_METRIC_ALARM,
          Service.CLOUDWATCH,
          () -> {
            validateAlarm(alarm);
            Alarm existing = store().alarms.get(alarm.alarmName());
            if (existing != null) {
              // AWS: an update overwrites the whole configuration, leaves the state alone and
              // ignores the tags of the request.
              existing.config = alarm;
              return;
            }
            Alarm created = newAlarm(region, alarm);
            putAll(created.tags, tagsOnCreate);
            store().alarms.put(alarm.alarmName(), created);
          });
    }

    @Override
    public void deleteAlarms(Collection<String> alarmNames) {
      // AWS deletes the names that exist and says nothing about the others.
      run(DELETE_ALARMS, Service.CLOUDWATCH, () -> store().alarms.keySet().removeAll(alarmNames));
    }

    @Override
    public Map<String, String> listAlarmTags(String alarmArn) {
      return call(
          LIST_TAGS_FOR_RESOURCE,
          Service.CLOUDWATCH,
          () -> Map.copyOf(alarmByArn(LIST_TAGS_FOR_RESOURCE, alarmArn).tags));
    }

    @Override
    public void tagAlarm(String alarmArn, Map<String, String> tags) {
      run(
          TAG_RESOURCE,
          Service.CLOUDWATCH,
          () -> putAll(alarmByArn(TAG_RESOURCE, alarmArn).tags, tags));
    }

    @Override
    public void untagAlarm(String alarmArn, Set<String> keys) {
      run(
          UNTAG_RESOURCE,
          Service.CLOUDWATCH,
          () -> alarmByArn(UNTAG_RESOURCE, alarmArn).tags.keySet().removeAll(keys));
    }

    // ---- helpers; all run under the lock ----

    private RegionStore store() {
      return InMemoryCloudWatch.this.store(region);
    }

    private LogGroup group(String operation, String name) {
      LogGroup group = name == null ? null : store().groups.get(name);
      if (group == null) {
        throw notFound(operation, "The specified log group does not exist.");
      }
      return group;
    }

    private LogGroup groupByArn(String operation, String arn) {
      for (LogGroup group : store().groups.values()) {
        if (group.arn.equals(arn)) {
          return group;
        }
      }
      throw notFound(operation, "The specified resource does not exist: " + arn);
    }

    private Alarm alarmByArn(String operation, String arn) {
      for (Alarm alarm : store().alarms.values()) {
        if (alarm.arn.equals(arn)) {
          return alarm;
        }
      }
      throw error(
          Kind.NOT_FOUND,
          operation,
          "ResourceNotFoundException",
          "The specified resource does not exist: " + arn);
    }

    private void validateMetricFilter(MetricFilterConfig filter) {
      String op = PUT_METRIC_FILTER;
      if (filter.filterName() == null
          || !LOG_STREAM_OR_FILTER_NAME.matcher(filter.filterName()).matches()) {
        throw invalid(op, "invalid filter name: " + filter.filterName());
      }
      if (filter.pattern() == null || filter.pattern().length() > 1024) {
        throw invalid(op, "filterPattern is required and at most 1024 characters");
      }
      if (isBlank(filter.metricNamespace())
          || isBlank(filter.metricName())
          || isBlank(filter.metricValue())) {
        throw invalid(op, "metricNamespace, metricName and metricValue are required");
      }
      if (filter.unit() != null && !UNITS.contains(filter.unit())) {
        throw invalid(op, "invalid unit: " + filter.unit());
      }
      if (filter.dimensions().size() > MAX_METRIC_FILTER_DIMENSIONS) {
        throw invalid(op, "a metric filter has at most 3 dimensions");
      }
      // AWS rejects a transformation that has both dimensions and a default value.
      if (!filter.dimensions().isEmpty() && filter.defaultValue() != null) {
        throw invalid(op, "a metric transformation cannot have both dimensions and defaultValue");
      }
    }

    /** The filter as AWS describes it: an explicit unit None reads back as no unit. */
    private MetricFilterConfig normalized(MetricFilterConfig filter) {
      if (!"None".equals(filter.unit())) {
        return filter;
      }
      return new MetricFilterConfig(
          filter.logGroupName(),
          filter.filterName(),
          filter.pattern(),
          filter.metricNamespace(),
          filter.metricName(),
          filter.metricValue(),
          filter.defaultValue(),
          null,
          filter.dimensions());
    }

    // CloudWatch's documented codes: ValidationError for constraint violations,
    // InvalidParameterCombination for mutually exclusive parameters, InvalidParameterValue for
    // values it does not support, MissingParameter for absent required ones.
    private void validateAlarm(AlarmConfig alarm) {
      if (isBlank(alarm.alarmName()) || alarm.alarmName().length() > 255) {
        throw cloudWatchInvalid("ValidationError", "AlarmName must have 1 to 255 characters");
      }
      if (isBlank(alarm.metricNamespace()) || isBlank(alarm.metricName())) {
        throw cloudWatchInvalid("MissingParameter", "Namespace and MetricName are required");
      }
      if ((alarm.statistic() == null) == (alarm.extendedStatistic() == null)) {
        throw cloudWatchInvalid(
            "InvalidParameterCombination",
            "Exactly one of Statistic and ExtendedStatistic must be specified");
      }
      if (alarm.statistic() != null && !STATISTICS.contains(alarm.statistic())) {
        throw cloudWatchInvalid("ValidationError", "invalid Statistic: " + alarm.statistic());
      }
      if (alarm.extendedStatistic() != null && alarm.extendedStatistic().isBlank()) {
        throw cloudWatchInvalid("InvalidParameterValue", "ExtendedStatistic must not be blank");
      }
      int period = alarm.period();
      if (!(period == 10 || period == 20 || period == 30 || (period > 0 && period % 60 == 0))) {
        throw cloudWatchInvalid(
            "InvalidParameterValue",
            "Period must be 10, 20, 30 or a multiple of 60, was " + period);
      }
      if (alarm.evaluationPeriods() < 1) {
        throw cloudWatchInvalid("ValidationError", "EvaluationPeriods must be at least 1");
      }
      Integer datapoints = alarm.datapointsToAlarm();
      if (datapoints != null && (datapoints < 1 || datapoints > alarm.evaluationPeriods())) {
        throw cloudWatchInvalid(
            "ValidationError", "DatapointsToAlarm must be between 1 and EvaluationPeriods");
      }
      if (!COMPARISON_OPERATORS.contains(alarm.comparisonOperator())) {
        throw cloudWatchInvalid(
            "ValidationError", "invalid ComparisonOperator: " + alarm.comparisonOperator());
      }
      if (alarm.treatMissingData() != null
          && !TREAT_MISSING_DATA.contains(alarm.treatMissingData())) {
        throw cloudWatchInvalid(
            "InvalidParameterValue", "invalid TreatMissingData: " + alarm.treatMissingData());
      }
      if (alarm.unit() != null && !UNITS.contains(alarm.unit())) {
        throw cloudWatchInvalid("ValidationError", "invalid Unit: " + alarm.unit());
      }
      if (alarm.dimensions().size() > MAX_ALARM_DIMENSIONS) {
        throw cloudWatchInvalid("ValidationError", "at most 30 dimensions");
      }
      if (alarm.description() != null && alarm.description().length() > 1024) {
        throw cloudWatchInvalid("ValidationError", "AlarmDescription is at most 1024 characters");
      }
      checkActions("AlarmActions", alarm.alarmActions());
      checkActions("OKActions", alarm.okActions());
      checkActions("InsufficientDataActions", alarm.insufficientDataActions());
    }

    private void checkActions(String parameter, List<String> actions) {
      if (actions.size() > MAX_ACTIONS_PER_ALARM_STATE) {
        throw cloudWatchInvalid(
            "ValidationError",
            "1 validation error detected: Value at '"
                + parameter
                + "' failed to satisfy constraint: Member must have length less than or equal"
                + " to "
                + MAX_ACTIONS_PER_ALARM_STATE);
      }
    }

    private GatewayException cloudWatchInvalid(String errorCode, String message) {
      return error(Kind.INVALID_INPUT, PUT_METRIC_ALARM, errorCode, message);
    }
  }

  private static GatewayException invalid(String operation, String message) {
    return error(Kind.INVALID_INPUT, operation, "InvalidParameterException", message);
  }

  private static GatewayException notFound(String operation, String message) {
    return error(Kind.NOT_FOUND, operation, "ResourceNotFoundException", message);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
