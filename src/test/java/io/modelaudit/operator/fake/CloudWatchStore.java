package io.modelaudit.operator.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelaudit.operator.api.v1alpha1.SpecRules;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.DashboardEntry;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.MetricQuery;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedAnomalyDetector;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.ObservedDashboard;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Page;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * CloudWatch and CloudWatch Logs in memory: the log groups, streams, metric filters and alarms of
 * every region, and AWS's rules, error codes and limits for each port call. It neither counts nor
 * fails calls on its own; {@link InMemoryCloudWatch} puts counting, quotas and fault switches
 * around it, and {@link OutOfBand} changes it behind the port's back.
 *
 * <p>A port call that AWS would refuse fails with AWS's error code, as a {@link GatewayException}
 * named after the operation the port method declares. Listings page as AWS's largest pages (50 log
 * groups or metric filters, 100 alarms).
 *
 * <p>Thread-safe: all state sits behind one lock, held for the whole of each port call.
 */
public final class CloudWatchStore implements CloudWatchGateways {

  public static final String ACCOUNT_ID = "123456789012";

  /** The values PutRetentionPolicy accepts. */
  public static final Set<Integer> RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /** Page sizes of the listings, as AWS's largest pages. */
  public static final int LOG_GROUP_PAGE = 50;

  public static final int LOG_STREAM_PAGE = 50;
  public static final int METRIC_FILTER_PAGE = 50;
  public static final int ALARM_PAGE = 100;

  public static final int MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;
  public static final int MAX_METRIC_FILTER_DIMENSIONS = 3;
  public static final int MAX_ACTIONS_PER_ALARM_STATE = 5;
  public static final int MAX_ALARM_DIMENSIONS = 30;
  public static final int MAX_ALARM_NAME = 255;
  public static final String INITIAL_ALARM_STATE = "INSUFFICIENT_DATA";
  public static final String INITIAL_ALARM_STATE_REASON = "Unchecked: Initial alarm creation";

  /** AWS's limits on the compliance parts (see the docs of each operation). */
  public static final int MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;

  public static final int QUERY_DEFINITION_PAGE = 1000;
  public static final int MAX_QUERY_STRING = 10_000;
  public static final int MAX_QUERY_DEFINITION_NAME = 255;
  public static final int MAX_INDEX_POLICY = 5_120;
  public static final int MAX_INDEX_FIELDS = 20;
  public static final int MAX_INDEX_FIELD_NAME = 100;
  public static final int MAX_DATA_PROTECTION_POLICY = 30_720;
  public static final int MAX_CUSTOM_IDENTIFIERS = 10;
  private static final Set<String> DISTRIBUTIONS = Set.of("ByLogStream", "Random");
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Set<String> ALARM_STATES = Set.of("OK", "ALARM", "INSUFFICIENT_DATA");

  /** AWS: a composite alarm's rule names at most 100 alarms, in at most 10240 characters. */
  public static final int MAX_COMPOSITE_CHILDREN = 100;

  public static final int MAX_ALARM_RULE = 10_240;

  /** AWS: a metric-math alarm has at most 10 metrics and 10 expressions. */
  public static final int MAX_ALARM_METRIC_STATS = 10;

  public static final int MAX_ALARM_EXPRESSIONS = 10;

  /** AWS: 500 anomaly detection models per region and account; 10 excluded ranges each. */
  public static final int MAX_ANOMALY_DETECTORS = 500;

  public static final int MAX_EXCLUDED_TIME_RANGES = 10;
  public static final int ANOMALY_DETECTOR_PAGE = 100;
  public static final String INITIAL_MODEL_STATE = "PENDING_TRAINING";

  /** AWS: up to 500 widgets per dashboard; ListDashboards pages of 1000. */
  public static final int MAX_DASHBOARD_WIDGETS = 500;

  public static final int DASHBOARD_PAGE = 1000;

  private static final Set<String> BAND_OPERATORS =
      Set.of(
          "LessThanLowerOrGreaterThanUpperThreshold",
          "LessThanLowerThreshold",
          "GreaterThanUpperThreshold");
  private static final Pattern DASHBOARD_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern METRIC_ID = Pattern.compile("[a-z][A-Za-z0-9_]*");
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

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, RegionState> regions = new HashMap<>();

  /** Dashboards are global to the account (AWS's PutDashboard), not regional. */
  private final TreeMap<String, Dashboard> dashboards = new TreeMap<>();

  /** States of alarms kept outside this store, for composite alarms over them; none by default. */
  private volatile AlarmStates outside = (region, names) -> Map.of();

  private final ConcurrentMap<String, CloudWatchGateway> gateways = new ConcurrentHashMap<>();

  /** A store whose alarm state timestamps come from this clock. */
  public CloudWatchStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    // One account: the fake keeps no state per account (multi-account runs on moto).
    String region = target.region();
    requireRegion(region);
    return gateways.computeIfAbsent(region, r -> atomically().around(new RegionGateway(r)));
  }

  public static String logGroupArn(String region, String logGroupName) {
    return "arn:aws:logs:" + region + ":" + ACCOUNT_ID + ":log-group:" + logGroupName;
  }

  public static String alarmArn(String region, String alarmName) {
    return "arn:aws:cloudwatch:" + region + ":" + ACCOUNT_ID + ":alarm:" + alarmName;
  }

  /** A dashboard's ARN: no region, dashboards are global to the account. */
  public static String dashboardArn(String dashboardName) {
    return "arn:aws:cloudwatch::" + ACCOUNT_ID + ":dashboard/" + dashboardName;
  }

  /**
   * The states of alarms that live outside this store (another CloudWatch), by name; composite
   * alarms of this store may name them.
   */
  @FunctionalInterface
  public interface AlarmStates {
    Map<String, String> of(String region, Collection<String> alarmNames);
  }

  /** Lets composite alarms of this store name alarms that live elsewhere, with their states. */
  public void alarmsOutside(AlarmStates states) {
    this.outside = Objects.requireNonNull(states, "states");
  }

  /** Each call under the lock; a refusal leaves named after the operation the method declares. */
  private PortInterceptor atomically() {
    return (operation, args, call) -> {
      synchronized (lock) {
        try {
          return call.get();
        } catch (Refusal refusal) {
          throw new GatewayException(
              refusal.kind, operation.name(), refusal.errorCode, refusal.getMessage());
        }
      }
    };
  }

  // ---- snapshots for assertions: no port call ----

  public Optional<ObservedLogGroup> logGroup(String region, String logGroupName) {
    return locked(
        () -> Optional.ofNullable(state(region).groups.get(logGroupName)).map(LogGroup::observe));
  }

  /** Names of the group's streams, sorted; empty when the group does not exist. */
  public List<String> logStreams(String region, String logGroupName) {
    return locked(
        () -> {
          LogGroup group = state(region).groups.get(logGroupName);
          return group == null ? List.of() : List.copyOf(group.streams);
        });
  }

  /** The group's metric filters sorted by name; empty when the group does not exist. */
  public List<MetricFilterConfig> metricFilters(String region, String logGroupName) {
    return locked(
        () -> {
          LogGroup group = state(region).groups.get(logGroupName);
          return group == null ? List.of() : List.copyOf(group.filters.values());
        });
  }

  public Optional<ObservedAlarm> alarm(String region, String alarmName) {
    return locked(
        () -> Optional.ofNullable(state(region).alarms.get(alarmName)).map(Alarm::observe));
  }

  /** The alarm's tags; empty when the alarm does not exist. */
  public Map<String, String> alarmTags(String region, String alarmName) {
    return locked(
        () -> {
          Alarm alarm = state(region).alarms.get(alarmName);
          return alarm == null ? Map.of() : Map.copyOf(alarm.tags);
        });
  }

  /** The log group's tags; empty when the group does not exist. */
  public Map<String, String> logGroupTags(String region, String logGroupName) {
    return locked(
        () -> {
          LogGroup group = state(region).groups.get(logGroupName);
          return group == null ? Map.of() : Map.copyOf(group.tags);
        });
  }

  /** The group's data protection policy; empty when it has none or does not exist. */
  public Optional<String> dataProtectionPolicy(String region, String logGroupName) {
    return locked(
        () ->
            Optional.ofNullable(state(region).groups.get(logGroupName))
                .map(g -> g.dataProtectionPolicy));
  }

  /** The group's field index policy; empty when it has none or does not exist. */
  public Optional<String> indexPolicy(String region, String logGroupName) {
    return locked(
        () -> Optional.ofNullable(state(region).groups.get(logGroupName)).map(g -> g.indexPolicy));
  }

  /** The group's subscription filters by name; empty when the group does not exist. */
  public List<SubscriptionFilterConfig> subscriptionFilters(String region, String logGroupName) {
    return locked(
        () -> {
          LogGroup group = state(region).groups.get(logGroupName);
          return group == null ? List.of() : List.copyOf(group.subscriptions.values());
        });
  }

  /** Every saved query of the region, by id. */
  public List<QueryDefinition> queryDefinitions(String region) {
    return locked(() -> List.copyOf(state(region).queryDefinitions.values()));
  }

  public List<String> logGroupNames(String region) {
    return locked(() -> List.copyOf(state(region).groups.keySet()));
  }

  public Optional<ObservedCompositeAlarm> compositeAlarm(String region, String alarmName) {
    return locked(
        () ->
            Optional.ofNullable(state(region).composites.get(alarmName))
                .map(c -> observe(region, c)));
  }

  public List<String> compositeAlarmNames(String region) {
    return locked(() -> List.copyOf(state(region).composites.keySet()));
  }

  /** The composite alarm's tags; empty when it does not exist. */
  public Map<String, String> compositeAlarmTags(String region, String alarmName) {
    return locked(
        () -> {
          Composite alarm = state(region).composites.get(alarmName);
          return alarm == null ? Map.of() : Map.copyOf(alarm.tags);
        });
  }

  public List<ObservedAnomalyDetector> anomalyDetectors(String region) {
    return locked(() -> state(region).detectors.values().stream().map(Detector::observe).toList());
  }

  public Optional<ObservedDashboard> dashboard(String name) {
    return locked(() -> Optional.ofNullable(dashboards.get(name)).map(Dashboard::observe));
  }

  public List<String> dashboardNames() {
    return locked(() -> List.copyOf(dashboards.keySet()));
  }

  /** The dashboard's tags; empty when it does not exist. */
  public Map<String, String> dashboardTags(String name) {
    return locked(
        () -> {
          Dashboard dashboard = dashboards.get(name);
          return dashboard == null ? Map.of() : Map.copyOf(dashboard.tags);
        });
  }

  public List<String> alarmNames(String region) {
    return locked(() -> List.copyOf(state(region).alarms.keySet()));
  }

  // ---- the state, for out-of-band edits; run them under locked() ----

  /** Runs the body under the store's lock, as every port call runs. */
  <T> T locked(Supplier<T> body) {
    synchronized (lock) {
      return body.get();
    }
  }

  void locked(Runnable body) {
    synchronized (lock) {
      body.run();
    }
  }

  /** One region's state, made empty on first use; only under the lock. */
  RegionState state(String region) {
    requireRegion(region);
    return regions.computeIfAbsent(region, r -> new RegionState());
  }

  /** Every region's state; only under the lock. */
  Collection<RegionState> states() {
    return regions.values();
  }

  /** The time CloudWatch stamps on an alarm's state change. */
  Instant now() {
    return clock.instant();
  }

  /** A new alarm as AWS creates one: in its initial state, without tags. */
  Alarm newAlarm(String region, AlarmConfig config) {
    Alarm alarm = new Alarm(alarmArn(region, config.alarmName()));
    alarm.config = config;
    alarm.state = INITIAL_ALARM_STATE;
    alarm.stateReason = INITIAL_ALARM_STATE_REASON;
    alarm.stateUpdatedAt = clock.instant();
    return alarm;
  }

  static void putAll(Map<String, String> target, Map<String, String> source) {
    if (source != null) {
      target.putAll(source);
    }
  }

  private static void requireRegion(String region) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
  }

  /**
   * The log groups, alarms, anomaly detectors, saved queries and archive destinations of one
   * region.
   */
  static final class RegionState {
    final TreeMap<String, LogGroup> groups = new TreeMap<>();
    final TreeMap<String, Alarm> alarms = new TreeMap<>();
    final TreeMap<String, Composite> composites = new TreeMap<>();
    final TreeMap<String, Detector> detectors = new TreeMap<>();
    final TreeMap<String, QueryDefinition> queryDefinitions = new TreeMap<>();

    /**
     * ARNs of Firehose delivery streams, Kinesis streams, Lambda functions and CloudWatch Logs
     * destinations that exist (the operator never makes them); S3 buckets as arn:aws:s3:::name.
     */
    final Set<String> destinations = new TreeSet<>();
  }

  /** The account's dashboards; only under the lock. */
  TreeMap<String, Dashboard> dashboards() {
    return dashboards;
  }

  /** A log group with its streams and metric filters. */
  static final class LogGroup {
    final String name;
    final String arn;
    final String logGroupClass;
    Integer retentionInDays;
    String kmsKeyArn;
    boolean deletionProtection;
    final Map<String, String> tags = new TreeMap<>();
    final TreeSet<String> streams = new TreeSet<>();
    final TreeMap<String, MetricFilterConfig> filters = new TreeMap<>();
    final TreeMap<String, SubscriptionFilterConfig> subscriptions = new TreeMap<>();
    String dataProtectionPolicy;
    String indexPolicy;

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
  static final class Alarm {
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

  /** A composite alarm with its state and tags; its state follows its rule when it is read. */
  static final class Composite {
    final String arn;
    CompositeAlarmConfig config;
    AlarmRule rule;
    String state;
    String stateReason;
    Instant stateUpdatedAt;
    final Map<String, String> tags = new TreeMap<>();

    Composite(String arn) {
      this.arn = arn;
    }
  }

  /** An anomaly detection model. */
  static final class Detector {
    AnomalyDetectorConfig config;
    String state = INITIAL_MODEL_STATE;

    ObservedAnomalyDetector observe() {
      return new ObservedAnomalyDetector(config, state);
    }
  }

  /** A dashboard with its body and tags. */
  static final class Dashboard {
    final String name;
    final String arn;
    String body;
    final Map<String, String> tags = new TreeMap<>();

    Dashboard(String name) {
      this.name = name;
      this.arn = dashboardArn(name);
    }

    ObservedDashboard observe() {
      return new ObservedDashboard(name, arn, body);
    }
  }

  /** A composite alarm as read: its state evaluated on its alarms' states now. */
  ObservedCompositeAlarm observe(String region, Composite alarm) {
    evaluate(region, alarm);
    return new ObservedCompositeAlarm(
        alarm.config, alarm.arn, alarm.state, alarm.stateReason, alarm.stateUpdatedAt);
  }

  /**
   * CloudWatch evaluates a composite alarm whenever one of its alarms changes; reading it here
   * evaluates the rule on the states of now: ALARM when it holds, OK otherwise.
   */
  private void evaluate(String region, Composite alarm) {
    Map<String, String> states = statesOf(region, alarm.rule.alarms());
    String next = alarm.rule.holds(states) ? "ALARM" : "OK";
    if (!next.equals(alarm.state)) {
      alarm.state = next;
      alarm.stateReason = "alarm rule evaluated to " + (next.equals("ALARM") ? "TRUE" : "FALSE");
      alarm.stateUpdatedAt = clock.instant();
    }
  }

  /** The states of the named alarms (names or ARNs) that exist, here or outside. */
  Map<String, String> statesOf(String region, Collection<String> references) {
    Map<String, String> states = new HashMap<>();
    List<String> elsewhere = new ArrayList<>();
    for (String reference : references) {
      String name = alarmNameOf(reference);
      RegionState state = state(region);
      if (state.alarms.containsKey(name)) {
        states.put(reference, state.alarms.get(name).state);
      } else if (state.composites.containsKey(name)) {
        Composite child = state.composites.get(name);
        states.put(reference, child.state == null ? INITIAL_ALARM_STATE : child.state);
      } else {
        elsewhere.add(reference);
      }
    }
    if (!elsewhere.isEmpty()) {
      Map<String, String> outsideStates =
          outside.of(region, elsewhere.stream().map(CloudWatchStore::alarmNameOf).toList());
      for (String reference : elsewhere) {
        String state = outsideStates.get(alarmNameOf(reference));
        if (state != null) {
          states.put(reference, state);
        }
      }
    }
    return states;
  }

  /** The alarm name a rule's reference gives: the name itself, or the last part of an ARN. */
  static String alarmNameOf(String reference) {
    int at = reference.indexOf(":alarm:");
    return reference.startsWith("arn:") && at >= 0
        ? reference.substring(at + ":alarm:".length())
        : reference;
  }

  /**
   * AWS's refusal of a request: its error code and message. The lock's interceptor turns it into a
   * {@link GatewayException} of the operation that was called.
   */
  private static final class Refusal extends RuntimeException {
    final Kind kind;
    final String errorCode;

    Refusal(Kind kind, String errorCode, String message) {
      super(message, null, false, false);
      this.kind = kind;
      this.errorCode = errorCode;
    }
  }

  /** The port for one region, backed by that region's state; each call runs under the lock. */
  private final class RegionGateway implements CloudWatchGateway {

    private final String region;

    RegionGateway(String region) {
      this.region = region;
    }

    // ---- log groups ----

    @Override
    public Optional<ObservedLogGroup> describeLogGroup(String name) {
      return Optional.ofNullable(state().groups.get(name)).map(LogGroup::observe);
    }

    @Override
    public Page<ObservedLogGroup> listLogGroupsPage(String namePrefix, String nextToken) {
      String prefix = namePrefix == null ? "" : namePrefix;
      List<ObservedLogGroup> page = new ArrayList<>();
      String last = null;
      for (LogGroup group : after(state().groups, prefix, nextToken).values()) {
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
    }

    /**
     * Like AWS's CreateLogGroup, this takes the class, KMS key, deletion protection and tags from
     * the config but not the retention: CreateLogGroup has no retention parameter, so a new group
     * never expires its events until the caller calls putRetentionPolicy.
     */
    @Override
    public void createLogGroup(LogGroupConfig config, Map<String, String> tags) {
      String name = config.name();
      if (name == null || !LOG_GROUP_NAME.matcher(name).matches()) {
        throw invalid("invalid log group name: " + name);
      }
      String logGroupClass = config.logGroupClass() == null ? "STANDARD" : config.logGroupClass();
      if (!LOG_GROUP_CLASSES.contains(logGroupClass)) {
        throw invalid("invalid log group class: " + logGroupClass);
      }
      if (state().groups.containsKey(name)) {
        throw new Refusal(
            Kind.ALREADY_EXISTS,
            "ResourceAlreadyExistsException",
            "The specified log group already exists");
      }
      LogGroup group = new LogGroup(name, logGroupArn(region, name), logGroupClass);
      group.kmsKeyArn = config.kmsKeyArn();
      group.deletionProtection = config.deletionProtection();
      putAll(group.tags, tags);
      state().groups.put(name, group);
    }

    @Override
    public void deleteLogGroup(String name) {
      LogGroup group = group(name);
      if (group.deletionProtection) {
        // AWS documents this refusal as a ValidationException ("Cannot delete log group with
        // deletion protection enabled. Disable deletion protection first."); the port classifies
        // it as CONFLICT because the group's state forbids the change.
        throw new Refusal(
            Kind.CONFLICT,
            "ValidationException",
            "Cannot delete log group with deletion protection enabled."
                + " Disable deletion protection first.");
      }
      state().groups.remove(name);
    }

    @Override
    public void putRetentionPolicy(String name, int retentionInDays) {
      if (!RETENTION_DAYS.contains(retentionInDays)) {
        throw invalid(
            "retentionInDays "
                + retentionInDays
                + " is not one of "
                + new TreeSet<>(RETENTION_DAYS));
      }
      group(name).retentionInDays = retentionInDays;
    }

    @Override
    public void deleteRetentionPolicy(String name) {
      group(name).retentionInDays = null;
    }

    @Override
    public void associateKmsKey(String name, String kmsKeyArn) {
      // AWS wants a key ARN (not an alias or key id) and checks the key; the fake checks only the
      // shape, which is what the operator can get wrong.
      if (kmsKeyArn == null || !kmsKeyArn.startsWith("arn:") || !kmsKeyArn.contains(":kms:")) {
        throw invalid("kmsKeyId must be a KMS key ARN: " + kmsKeyArn);
      }
      group(name).kmsKeyArn = kmsKeyArn;
    }

    @Override
    public void disassociateKmsKey(String name) {
      group(name).kmsKeyArn = null;
    }

    @Override
    public void putDeletionProtection(String name, boolean enabled) {
      group(name).deletionProtection = enabled;
    }

    @Override
    public Map<String, String> listLogGroupTags(String arn) {
      return Map.copyOf(groupByArn(arn).tags);
    }

    @Override
    public void tagLogGroup(String arn, Map<String, String> tags) {
      putAll(groupByArn(arn).tags, tags);
    }

    @Override
    public void untagLogGroup(String arn, Set<String> keys) {
      groupByArn(arn).tags.keySet().removeAll(keys);
    }

    // ---- log streams ----

    @Override
    public Page<String> listLogStreamsPage(
        String logGroupName, String namePrefix, String nextToken) {
      // Like AWS: in name order, at most 50 a page, only the names with the prefix.
      String prefix = namePrefix == null ? "" : namePrefix;
      TreeSet<String> streams = group(logGroupName).streams;
      List<String> page = new ArrayList<>();
      for (String stream :
          nextToken == null ? streams.tailSet(prefix, true) : streams.tailSet(nextToken, false)) {
        if (!stream.startsWith(prefix)) {
          break;
        }
        if (page.size() == LOG_STREAM_PAGE) {
          return new Page<>(page, page.get(page.size() - 1));
        }
        page.add(stream);
      }
      return new Page<>(page, null);
    }

    @Override
    public void createLogStream(String logGroupName, String streamName) {
      if (streamName == null || !LOG_STREAM_OR_FILTER_NAME.matcher(streamName).matches()) {
        throw invalid("invalid log stream name: " + streamName);
      }
      if (!group(logGroupName).streams.add(streamName)) {
        throw new Refusal(
            Kind.ALREADY_EXISTS,
            "ResourceAlreadyExistsException",
            "The specified log stream already exists");
      }
    }

    @Override
    public void deleteLogStream(String logGroupName, String streamName) {
      LogGroup group = group(logGroupName);
      if (!group.streams.contains(streamName)) {
        throw notFound("The specified log stream does not exist.");
      }
      if (group.deletionProtection) {
        // AWS: deletion protection "blocks all deletion operations" of the group, and
        // DeleteLogStream lists a ValidationException for it. AWS documents the wording of
        // DeleteLogGroup's refusal only; this one follows it. DeleteMetricFilter, which lists no
        // such error and deletes no log data, is not refused.
        throw new Refusal(
            Kind.CONFLICT,
            "ValidationException",
            "Cannot delete log stream of a log group with deletion protection enabled."
                + " Disable deletion protection first.");
      }
      group.streams.remove(streamName);
    }

    // ---- metric filters ----

    @Override
    public List<MetricFilterConfig> describeMetricFilters(String logGroupName) {
      return List.copyOf(group(logGroupName).filters.values());
    }

    @Override
    public Page<MetricFilterConfig> listMetricFiltersPage(
        String logGroupNamePrefix, String nextToken) {
      // Like AWS without a log group name: the region's filters in pages of 50, ordered by group
      // then filter; the group prefix only thins a page out.
      String prefix = logGroupNamePrefix == null ? "" : logGroupNamePrefix;
      List<MetricFilterConfig> page = new ArrayList<>();
      int scanned = 0;
      String last = null;
      for (LogGroup group : state().groups.values()) {
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
    }

    @Override
    public void putMetricFilter(MetricFilterConfig filter) {
      validateMetricFilter(filter);
      LogGroup group = group(filter.logGroupName());
      if ("INFREQUENT_ACCESS".equals(group.logGroupClass)) {
        // AWS refuses metric filters on this class; the exact error code is not documented,
        // InvalidParameterException is the family's code for a bad request.
        throw invalid("Metric filters are not supported for log groups of class INFREQUENT_ACCESS");
      }
      boolean replaces = group.filters.containsKey(filter.filterName());
      if (!replaces && group.filters.size() >= MAX_METRIC_FILTERS_PER_LOG_GROUP) {
        throw new Refusal(
            Kind.LIMIT_EXCEEDED,
            "LimitExceededException",
            "Resource limit exceeded: at most "
                + MAX_METRIC_FILTERS_PER_LOG_GROUP
                + " metric filters per log group");
      }
      group.filters.put(filter.filterName(), normalized(filter));
    }

    @Override
    public void deleteMetricFilter(String logGroupName, String filterName) {
      if (group(logGroupName).filters.remove(filterName) == null) {
        throw notFound("The specified metric filter does not exist.");
      }
    }

    // ---- alarms ----

    @Override
    public List<ObservedAlarm> describeAlarms(Collection<String> alarmNames) {
      return new TreeSet<>(alarmNames)
          .stream().map(state().alarms::get).filter(Objects::nonNull).map(Alarm::observe).toList();
    }

    @Override
    public Page<ObservedAlarm> listAlarmsPage(String namePrefix, String nextToken) {
      String prefix = namePrefix == null ? "" : namePrefix;
      if (prefix.length() > MAX_ALARM_NAME) {
        // AWS: AlarmNamePrefix has a length of 1 to 255, like an alarm name.
        throw cloudWatchInvalid(
            "ValidationError",
            "1 validation error detected: Value at 'alarmNamePrefix' failed to satisfy constraint:"
                + " Member must have length less than or equal to "
                + MAX_ALARM_NAME);
      }
      List<ObservedAlarm> page = new ArrayList<>();
      String last = null;
      for (Alarm alarm : after(state().alarms, prefix, nextToken).values()) {
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
    }

    @Override
    public void putMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate) {
      validateAlarm(alarm);
      Alarm existing = state().alarms.get(alarm.alarmName());
      if (existing != null) {
        // AWS: an update overwrites the whole configuration, leaves the state alone and ignores
        // the tags of the request.
        existing.config = alarm;
        return;
      }
      Alarm created = newAlarm(region, alarm);
      putAll(created.tags, tagsOnCreate);
      state().alarms.put(alarm.alarmName(), created);
    }

    @Override
    public void deleteAlarms(Collection<String> alarmNames) {
      // AWS: at most one composite alarm per call, and no alarm a composite alarm depends on.
      long composites =
          alarmNames.stream().distinct().filter(state().composites::containsKey).count();
      if (composites > 1) {
        throw cloudWatchInvalid(
            "ValidationError",
            "DeleteAlarms can delete at most one composite alarm per call, got " + composites);
      }
      for (String name : alarmNames) {
        for (Composite parent : state().composites.values()) {
          if (!alarmNames.contains(parent.config.alarmName()) && dependsOn(parent, name)) {
            throw cloudWatchInvalid(
                "ValidationError",
                "Cannot delete " + name + " as there are composite alarm(s) depending on it.");
          }
        }
      }
      // AWS deletes the names that exist and says nothing about the others.
      state().alarms.keySet().removeAll(alarmNames);
      state().composites.keySet().removeAll(alarmNames);
    }

    private boolean dependsOn(Composite parent, String alarmName) {
      boolean inRule =
          parent.rule.alarms().stream().anyMatch(r -> alarmNameOf(r).equals(alarmName));
      String suppressor = parent.config.actionsSuppressor();
      return inRule || (suppressor != null && alarmNameOf(suppressor).equals(alarmName));
    }

    @Override
    public Map<String, String> listAlarmTags(String alarmArn) {
      return Map.copyOf(tagsOfAlarm(alarmArn));
    }

    @Override
    public void tagAlarm(String alarmArn, Map<String, String> tags) {
      putAll(tagsOfAlarm(alarmArn), tags);
    }

    @Override
    public void untagAlarm(String alarmArn, Set<String> keys) {
      tagsOfAlarm(alarmArn).keySet().removeAll(keys);
    }

    /** The tags of the metric or composite alarm with this ARN. */
    private Map<String, String> tagsOfAlarm(String arn) {
      for (Composite alarm : state().composites.values()) {
        if (alarm.arn.equals(arn)) {
          return alarm.tags;
        }
      }
      return alarmByArn(arn).tags;
    }

    // ---- composite alarms ----

    @Override
    public List<ObservedCompositeAlarm> describeCompositeAlarms(Collection<String> alarmNames) {
      return new TreeSet<>(alarmNames)
          .stream()
              .map(state().composites::get)
              .filter(Objects::nonNull)
              .map(c -> observe(region, c))
              .toList();
    }

    @Override
    public Page<ObservedCompositeAlarm> listCompositeAlarmsPage(
        String namePrefix, String nextToken) {
      String prefix = namePrefix == null ? "" : namePrefix;
      List<ObservedCompositeAlarm> page = new ArrayList<>();
      String last = null;
      for (Composite alarm : after(state().composites, prefix, nextToken).values()) {
        if (!alarm.config.alarmName().startsWith(prefix)) {
          break;
        }
        if (page.size() == ALARM_PAGE) {
          return new Page<>(page, last);
        }
        page.add(observe(region, alarm));
        last = alarm.config.alarmName();
      }
      return new Page<>(page, null);
    }

    @Override
    public void putCompositeAlarm(CompositeAlarmConfig alarm, Map<String, String> tagsOnCreate) {
      AlarmRule rule = validateComposite(alarm);
      Composite existing = state().composites.get(alarm.alarmName());
      if (existing != null) {
        // AWS: an update overwrites the whole configuration, leaves the state alone and ignores
        // the tags of the request.
        existing.config = alarm;
        existing.rule = rule;
        return;
      }
      Composite created = new Composite(alarmArn(region, alarm.alarmName()));
      created.config = alarm;
      created.rule = rule;
      // AWS: a new composite alarm starts in INSUFFICIENT_DATA, then is evaluated.
      created.state = INITIAL_ALARM_STATE;
      created.stateReason = INITIAL_ALARM_STATE_REASON;
      created.stateUpdatedAt = now();
      putAll(created.tags, tagsOnCreate);
      state().composites.put(alarm.alarmName(), created);
    }

    private AlarmRule validateComposite(CompositeAlarmConfig alarm) {
      if (isBlank(alarm.alarmName()) || alarm.alarmName().length() > 255) {
        throw cloudWatchInvalid("ValidationError", "AlarmName must have 1 to 255 characters");
      }
      if (state().alarms.containsKey(alarm.alarmName())) {
        throw cloudWatchInvalid(
            "ValidationError", "a metric alarm named " + alarm.alarmName() + " exists");
      }
      if (alarm.rule() != null && alarm.rule().length() > MAX_ALARM_RULE) {
        throw cloudWatchInvalid(
            "ValidationError", "AlarmRule must be at most " + MAX_ALARM_RULE + " characters");
      }
      AlarmRule rule;
      try {
        rule = AlarmRule.parse(alarm.rule());
      } catch (AlarmRule.Invalid e) {
        throw cloudWatchInvalid("ValidationError", e.getMessage());
      }
      if (rule.alarms().size() > MAX_COMPOSITE_CHILDREN) {
        throw cloudWatchInvalid(
            "ValidationError", "AlarmRule may name at most " + MAX_COMPOSITE_CHILDREN + " alarms");
      }
      Map<String, String> states = statesOf(region, rule.alarms());
      List<String> missing = rule.alarmList().stream().filter(a -> !states.containsKey(a)).toList();
      if (!missing.isEmpty()) {
        throw cloudWatchInvalid(
            "ValidationError",
            "Could not save the composite alarm as alarms "
                + missing
                + " in the alarm rule do not exist");
      }
      if (alarm.description() != null && alarm.description().length() > 1024) {
        throw cloudWatchInvalid("ValidationError", "AlarmDescription is at most 1024 characters");
      }
      checkActions("AlarmActions", alarm.alarmActions());
      checkActions("OKActions", alarm.okActions());
      checkActions("InsufficientDataActions", alarm.insufficientDataActions());
      String suppressor = alarm.actionsSuppressor();
      if (suppressor != null) {
        if (alarm.suppressorWaitPeriod() == null || alarm.suppressorExtensionPeriod() == null) {
          throw cloudWatchInvalid(
              "ValidationError",
              "ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are required with"
                  + " ActionsSuppressor");
        }
        if (!statesOf(region, List.of(suppressor)).containsKey(suppressor)) {
          throw cloudWatchInvalid(
              "ValidationError", "ActionsSuppressor " + suppressor + " does not exist");
        }
      }
      return rule;
    }

    // ---- anomaly detectors ----

    @Override
    public Page<ObservedAnomalyDetector> describeAnomalyDetectorsPage(
        String namespace, String metricName, String nextToken) {
      List<ObservedAnomalyDetector> page = new ArrayList<>();
      String last = null;
      for (Map.Entry<String, Detector> entry :
          (nextToken == null ? state().detectors : state().detectors.tailMap(nextToken, false))
              .entrySet()) {
        AnomalyDetectorConfig config = entry.getValue().config;
        if ((namespace != null && !namespace.equals(config.namespace()))
            || (metricName != null && !metricName.equals(config.metricName()))) {
          continue;
        }
        if (page.size() == ANOMALY_DETECTOR_PAGE) {
          return new Page<>(page, last);
        }
        page.add(entry.getValue().observe());
        last = entry.getKey();
      }
      return new Page<>(page, null);
    }

    @Override
    public void putAnomalyDetector(AnomalyDetectorConfig detector) {
      validateDetector(detector);
      String key = detectorKey(detector);
      Detector existing = state().detectors.get(key);
      if (existing == null) {
        if (state().detectors.size() >= MAX_ANOMALY_DETECTORS) {
          throw new Refusal(
              Kind.LIMIT_EXCEEDED,
              "LimitExceededException",
              "at most " + MAX_ANOMALY_DETECTORS + " anomaly detection models per region");
        }
        existing = new Detector();
        state().detectors.put(key, existing);
      }
      existing.config = detector;
    }

    @Override
    public void deleteAnomalyDetector(AnomalyDetectorConfig detector) {
      if (state().detectors.remove(detectorKey(detector)) == null) {
        throw new Refusal(
            Kind.NOT_FOUND,
            "ResourceNotFoundException",
            "no anomaly detection model of " + detector.describe());
      }
    }

    private void validateDetector(AnomalyDetectorConfig detector) {
      if (isBlank(detector.namespace())
          || isBlank(detector.metricName())
          || isBlank(detector.stat())) {
        throw cloudWatchInvalid("MissingParameter", "Namespace, MetricName and Stat are required");
      }
      if (!STATISTICS.contains(detector.stat()) && !detector.stat().matches("p\\d+(\\.\\d+)?")) {
        throw cloudWatchInvalid("InvalidParameterValue", "invalid Stat: " + detector.stat());
      }
      if (detector.excludedTimeRanges().size() > MAX_EXCLUDED_TIME_RANGES) {
        throw cloudWatchInvalid(
            "InvalidParameterValue",
            "at most " + MAX_EXCLUDED_TIME_RANGES + " excluded time ranges");
      }
      for (AnomalyDetectorConfig.TimeRange range : detector.excludedTimeRanges()) {
        if (!range.start().isBefore(range.end())) {
          throw cloudWatchInvalid(
              "InvalidParameterValue", "StartTime must be before EndTime: " + range);
        }
      }
      if (detector.metricTimezone() != null && detector.metricTimezone().length() > 50) {
        throw cloudWatchInvalid("ValidationError", "MetricTimezone is at most 50 characters");
      }
    }

    // ---- dashboards: global, the same in every region ----

    @Override
    public Optional<ObservedDashboard> getDashboard(String name) {
      return Optional.ofNullable(dashboards.get(name)).map(Dashboard::observe);
    }

    @Override
    public Page<DashboardEntry> listDashboardsPage(String namePrefix, String nextToken) {
      String prefix = namePrefix == null ? "" : namePrefix;
      List<DashboardEntry> page = new ArrayList<>();
      String last = null;
      for (Dashboard dashboard : after(dashboards, prefix, nextToken).values()) {
        if (!dashboard.name.startsWith(prefix)) {
          break;
        }
        if (page.size() == DASHBOARD_PAGE) {
          return new Page<>(page, last);
        }
        page.add(new DashboardEntry(dashboard.name, dashboard.arn));
        last = dashboard.name;
      }
      return new Page<>(page, null);
    }

    @Override
    public void putDashboard(DashboardConfig dashboard, Map<String, String> tagsOnCreate) {
      if (dashboard.name() == null || !DASHBOARD_NAME.matcher(dashboard.name()).matches()) {
        throw dashboardInvalid("The dashboard name may hold only A-Z a-z 0-9 - _, 1-255 of them");
      }
      validateBody(dashboard.body());
      Dashboard existing = dashboards.get(dashboard.name());
      if (existing != null) {
        // AWS: an update replaces the body and ignores the tags of the request.
        existing.body = dashboard.body();
        return;
      }
      Dashboard created = new Dashboard(dashboard.name());
      created.body = dashboard.body();
      putAll(created.tags, tagsOnCreate);
      dashboards.put(created.name, created);
    }

    private void validateBody(String body) {
      JsonNode tree;
      try {
        tree = body == null ? null : JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw dashboardInvalid("The dashboard body is invalid JSON: " + e.getMessage());
      }
      if (tree == null || !tree.isObject()) {
        throw dashboardInvalid("The dashboard body must be a JSON object");
      }
      JsonNode widgets = tree.path("widgets");
      if (!widgets.isMissingNode() && !widgets.isArray()) {
        throw dashboardInvalid("The field widgets must be a list");
      }
      if (widgets.size() > MAX_DASHBOARD_WIDGETS) {
        throw dashboardInvalid(
            "A dashboard has at most " + MAX_DASHBOARD_WIDGETS + " widgets, got " + widgets.size());
      }
    }

    @Override
    public void deleteDashboards(Collection<String> names) {
      // AWS deletes as many as it can and reports a name that does not exist.
      List<String> missing = names.stream().filter(n -> !dashboards.containsKey(n)).toList();
      dashboards.keySet().removeAll(names);
      if (!missing.isEmpty()) {
        throw new Refusal(
            Kind.NOT_FOUND,
            "ResourceNotFound",
            "The specified dashboard does not exist. " + missing);
      }
    }

    @Override
    public Map<String, String> listDashboardTags(String dashboardArn) {
      return Map.copyOf(dashboardByArn(dashboardArn).tags);
    }

    @Override
    public void tagDashboard(String dashboardArn, Map<String, String> tags) {
      putAll(dashboardByArn(dashboardArn).tags, tags);
    }

    @Override
    public void untagDashboard(String dashboardArn, Set<String> keys) {
      dashboardByArn(dashboardArn).tags.keySet().removeAll(keys);
    }

    private Dashboard dashboardByArn(String arn) {
      for (Dashboard dashboard : dashboards.values()) {
        if (dashboard.arn.equals(arn)) {
          return dashboard;
        }
      }
      throw new Refusal(
          Kind.NOT_FOUND,
          "ResourceNotFoundException",
          "The specified resource does not exist: " + arn);
    }

    // ---- data protection ----

    @Override
    public Optional<String> getDataProtectionPolicy(String logGroupName) {
      return Optional.ofNullable(group(logGroupName).dataProtectionPolicy);
    }

    @Override
    public void putDataProtectionPolicy(String logGroupName, String policyDocument) {
      LogGroup group = group(logGroupName);
      validateDataProtectionPolicy(policyDocument);
      group.dataProtectionPolicy = policyDocument;
    }

    @Override
    public void deleteDataProtectionPolicy(String logGroupName) {
      LogGroup group = group(logGroupName);
      if (group.dataProtectionPolicy == null) {
        throw notFound("The specified data protection policy does not exist.");
      }
      group.dataProtectionPolicy = null;
    }

    // ---- subscription filters ----

    @Override
    public List<SubscriptionFilterConfig> describeSubscriptionFilters(String logGroupName) {
      return List.copyOf(group(logGroupName).subscriptions.values());
    }

    @Override
    public void putSubscriptionFilter(SubscriptionFilterConfig filter) {
      LogGroup group = group(filter.logGroupName());
      if (filter.filterName() == null
          || !LOG_STREAM_OR_FILTER_NAME.matcher(filter.filterName()).matches()) {
        throw invalid("invalid filter name: " + filter.filterName());
      }
      if (filter.pattern() != null && filter.pattern().length() > 1024) {
        throw invalid("filterPattern is at most 1024 characters");
      }
      if (filter.distribution() != null && !DISTRIBUTIONS.contains(filter.distribution())) {
        throw invalid("invalid distribution: " + filter.distribution());
      }
      String arn = filter.destinationArn() == null ? "" : filter.destinationArn();
      if (!state().destinations.contains(arn)) {
        // AWS sends a test message to the destination and refuses when it cannot
        throw invalid("Could not deliver test message to specified destination: " + arn);
      }
      boolean stream = arn.contains(":firehose:") || arn.contains(":kinesis:");
      if (stream && isBlank(filter.roleArn())) {
        throw invalid("roleArn is required to deliver to " + arn);
      }
      if (!group.subscriptions.containsKey(filter.filterName())
          && group.subscriptions.size() >= MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP) {
        throw new Refusal(
            Kind.LIMIT_EXCEEDED,
            "LimitExceededException",
            "Resource limit exceeded: at most 2 subscription filters per log group.");
      }
      group.subscriptions.put(
          filter.filterName(),
          new SubscriptionFilterConfig(
              group.name,
              filter.filterName(),
              filter.pattern() == null ? "" : filter.pattern(),
              arn,
              isBlank(filter.roleArn()) ? null : filter.roleArn(),
              filter.distribution() == null
                  ? SubscriptionFilterConfig.DEFAULT_DISTRIBUTION
                  : filter.distribution()));
    }

    @Override
    public void deleteSubscriptionFilter(String logGroupName, String filterName) {
      if (group(logGroupName).subscriptions.remove(filterName) == null) {
        throw notFound("The specified subscription filter does not exist.");
      }
    }

    // ---- query definitions ----

    @Override
    public Page<QueryDefinition> listQueryDefinitionsPage(String namePrefix, String nextToken) {
      String prefix = namePrefix == null ? "" : namePrefix;
      List<QueryDefinition> matching =
          state().queryDefinitions.values().stream()
              .filter(d -> d.name().startsWith(prefix))
              .sorted(
                  java.util.Comparator.comparing(QueryDefinition::name)
                      .thenComparing(QueryDefinition::id))
              .toList();
      int from = nextToken == null ? 0 : Integer.parseInt(nextToken);
      int to = Math.min(matching.size(), from + QUERY_DEFINITION_PAGE);
      return new Page<>(
          List.copyOf(matching.subList(from, to)),
          to < matching.size() ? Integer.toString(to) : null);
    }

    @Override
    public String putQueryDefinition(QueryDefinition definition) {
      if (isBlank(definition.name()) || definition.name().length() > MAX_QUERY_DEFINITION_NAME) {
        throw invalid("name must have 1 to 255 characters");
      }
      if (isBlank(definition.queryString())
          || definition.queryString().length() > MAX_QUERY_STRING) {
        throw invalid("queryString must have 1 to 10000 characters");
      }
      for (String group : definition.logGroupNames()) {
        if (!LOG_GROUP_NAME.matcher(group).matches()) {
          throw invalid("invalid log group name: " + group);
        }
      }
      String id = definition.id();
      if (id == null) {
        id = UUID.randomUUID().toString();
      } else if (!state().queryDefinitions.containsKey(id)) {
        throw notFound("The specified query definition does not exist: " + id);
      }
      // an update replaces every field
      state().queryDefinitions.put(id, definition.withId(id));
      return id;
    }

    @Override
    public void deleteQueryDefinition(String id) {
      if (id == null || state().queryDefinitions.remove(id) == null) {
        throw notFound("The specified query definition does not exist: " + id);
      }
    }

    // ---- field index policy ----

    @Override
    public Optional<String> getIndexPolicy(String logGroupName) {
      return Optional.ofNullable(group(logGroupName).indexPolicy);
    }

    @Override
    public void putIndexPolicy(String logGroupName, String policyDocument) {
      LogGroup group = group(logGroupName);
      if (!"STANDARD".equals(group.logGroupClass)) {
        throw invalid("Only log groups in the Standard log class support field index policies.");
      }
      validateIndexPolicy(policyDocument);
      group.indexPolicy = policyDocument;
    }

    @Override
    public void deleteIndexPolicy(String logGroupName) {
      LogGroup group = group(logGroupName);
      if (group.indexPolicy == null) {
        throw notFound("The specified index policy does not exist.");
      }
      group.indexPolicy = null;
    }

    /**
     * AWS's rules for a data protection policy document: at most 30,720 characters of JSON with an
     * Audit statement (with FindingsDestination) and a Deidentify statement (with an empty
     * MaskConfig) over the same identifiers - managed ones by ARN, custom ones (at most 10,
     * declared under Configuration) by name - and findings destinations that exist.
     */
    private void validateDataProtectionPolicy(String document) {
      if (document == null || document.length() > MAX_DATA_PROTECTION_POLICY) {
        throw invalid("policyDocument is required and at most 30720 characters");
      }
      JsonNode root;
      try {
        root = JSON.readTree(document);
      } catch (java.io.IOException e) {
        throw invalid("policyDocument is not valid JSON");
      }
      Set<String> custom = new TreeSet<>();
      JsonNode customNodes = root.path("Configuration").path("CustomDataIdentifier");
      if (customNodes.size() > MAX_CUSTOM_IDENTIFIERS) {
        throw invalid("at most 10 custom data identifiers");
      }
      for (JsonNode c : customNodes) {
        String name = c.path("Name").asText("");
        String regex = c.path("Regex").asText("");
        if (!name.matches("[A-Za-z0-9_-]{1,128}") || regex.isEmpty() || regex.length() > 200) {
          throw invalid("invalid custom data identifier " + name);
        }
        custom.add(name);
      }
      JsonNode audit = null;
      JsonNode deidentify = null;
      for (JsonNode statement : root.path("Statement")) {
        JsonNode operation = statement.path("Operation");
        if (operation.has("Audit")) {
          audit = statement;
        } else if (operation.has("Deidentify")) {
          deidentify = statement;
        }
      }
      if (audit == null
          || deidentify == null
          || !audit.path("Operation").path("Audit").has("FindingsDestination")) {
        throw invalid(
            "a policy needs an Audit statement with FindingsDestination and a"
                + " Deidentify statement");
      }
      JsonNode mask = deidentify.path("Operation").path("Deidentify").path("MaskConfig");
      if (!mask.isObject() || mask.size() != 0) {
        throw invalid("MaskConfig must be an empty object");
      }
      Set<String> auditIds = identifiers(audit, custom);
      if (auditIds.isEmpty() || !auditIds.equals(identifiers(deidentify, custom))) {
        throw invalid("the DataIdentifier arrays of both statements must match");
      }
      JsonNode destinations = audit.path("Operation").path("Audit").path("FindingsDestination");
      String logGroup = destinations.path("CloudWatchLogs").path("LogGroup").asText(null);
      if (logGroup != null && !state().groups.containsKey(logGroup)) {
        throw invalid("findings log group does not exist: " + logGroup);
      }
      String stream = destinations.path("Firehose").path("DeliveryStream").asText(null);
      if (stream != null
          && state().destinations.stream()
              .noneMatch(d -> d.endsWith(":deliverystream/" + stream))) {
        throw invalid("findings delivery stream does not exist: " + stream);
      }
      String bucket = destinations.path("S3").path("Bucket").asText(null);
      if (bucket != null && !state().destinations.contains("arn:aws:s3:::" + bucket)) {
        throw invalid("findings bucket does not exist: " + bucket);
      }
    }

    private Set<String> identifiers(JsonNode statement, Set<String> custom) {
      Set<String> ids = new TreeSet<>();
      for (JsonNode node : statement.path("DataIdentifier")) {
        String id = node.asText();
        int at = id.indexOf(":data-identifier/");
        boolean managed =
            id.startsWith("arn:")
                && at >= 0
                && SpecRules.MANAGED_DATA_IDENTIFIERS.contains(
                    id.substring(at + ":data-identifier/".length()));
        if (!managed && !custom.contains(id)) {
          throw invalid("unknown data identifier: " + id);
        }
        ids.add(id);
      }
      return ids;
    }

    private void validateIndexPolicy(String document) {
      if (document == null || document.isEmpty() || document.length() > MAX_INDEX_POLICY) {
        throw invalid("policyDocument must have 1 to 5120 characters");
      }
      JsonNode fields;
      try {
        fields = JSON.readTree(document).path("Fields");
      } catch (java.io.IOException e) {
        throw invalid("policyDocument is not valid JSON");
      }
      if (!fields.isArray() || fields.isEmpty() || fields.size() > MAX_INDEX_FIELDS) {
        throw invalid("a field index policy has 1 to 20 fields");
      }
      for (JsonNode field : fields) {
        if (field.asText().isEmpty() || field.asText().length() > MAX_INDEX_FIELD_NAME) {
          throw invalid("a field name has 1 to 100 characters");
        }
      }
    }

    // ---- helpers ----

    private RegionState state() {
      return CloudWatchStore.this.state(region);
    }

    private LogGroup group(String name) {
      LogGroup group = name == null ? null : state().groups.get(name);
      if (group == null) {
        throw notFound("The specified log group does not exist.");
      }
      return group;
    }

    private LogGroup groupByArn(String arn) {
      for (LogGroup group : state().groups.values()) {
        if (group.arn.equals(arn)) {
          return group;
        }
      }
      throw notFound("The specified resource does not exist: " + arn);
    }

    private Alarm alarmByArn(String arn) {
      for (Alarm alarm : state().alarms.values()) {
        if (alarm.arn.equals(arn)) {
          return alarm;
        }
      }
      throw notFound("The specified resource does not exist: " + arn);
    }

    private void validateMetricFilter(MetricFilterConfig filter) {
      if (filter.filterName() == null
          || !LOG_STREAM_OR_FILTER_NAME.matcher(filter.filterName()).matches()) {
        throw invalid("invalid filter name: " + filter.filterName());
      }
      if (filter.pattern() == null || filter.pattern().length() > 1024) {
        throw invalid("filterPattern is required and at most 1024 characters");
      }
      if (isBlank(filter.metricNamespace())
          || isBlank(filter.metricName())
          || isBlank(filter.metricValue())) {
        throw invalid("metricNamespace, metricName and metricValue are required");
      }
      if (filter.unit() != null && !UNITS.contains(filter.unit())) {
        throw invalid("invalid unit: " + filter.unit());
      }
      if (filter.dimensions().size() > MAX_METRIC_FILTER_DIMENSIONS) {
        throw invalid("a metric filter has at most 3 dimensions");
      }
      // AWS rejects a transformation that has both dimensions and a default value.
      if (!filter.dimensions().isEmpty() && filter.defaultValue() != null) {
        throw invalid("a metric transformation cannot have both dimensions and defaultValue");
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
      if (isBlank(alarm.alarmName()) || alarm.alarmName().length() > MAX_ALARM_NAME) {
        throw cloudWatchInvalid("ValidationError", "AlarmName must have 1 to 255 characters");
      }
      if (state().composites.containsKey(alarm.alarmName())) {
        throw cloudWatchInvalid(
            "ValidationError", "a composite alarm named " + alarm.alarmName() + " exists");
      }
      if (alarm.isMetricMath()) {
        validateMetricMath(alarm);
      } else {
        validateSingleMetric(alarm);
      }
      boolean band = BAND_OPERATORS.contains(alarm.comparisonOperator());
      if (!COMPARISON_OPERATORS.contains(alarm.comparisonOperator()) && !band) {
        throw cloudWatchInvalid(
            "ValidationError", "invalid ComparisonOperator: " + alarm.comparisonOperator());
      }
      if (band != (alarm.thresholdMetricId() != null)) {
        // AWS: the band operators are used only for alarms based on anomaly detection models
        throw cloudWatchInvalid(
            "ValidationError",
            "ComparisonOperator "
                + alarm.comparisonOperator()
                + (band ? " needs ThresholdMetricId" : " cannot be used with ThresholdMetricId"));
      }
      if (alarm.evaluationPeriods() < 1) {
        throw cloudWatchInvalid("ValidationError", "EvaluationPeriods must be at least 1");
      }
      Integer datapoints = alarm.datapointsToAlarm();
      if (datapoints != null && (datapoints < 1 || datapoints > alarm.evaluationPeriods())) {
        throw cloudWatchInvalid(
            "ValidationError", "DatapointsToAlarm must be between 1 and EvaluationPeriods");
      }
      if (alarm.treatMissingData() != null
          && !TREAT_MISSING_DATA.contains(alarm.treatMissingData())) {
        throw cloudWatchInvalid(
            "InvalidParameterValue", "invalid TreatMissingData: " + alarm.treatMissingData());
      }
      if (alarm.description() != null && alarm.description().length() > 1024) {
        throw cloudWatchInvalid("ValidationError", "AlarmDescription is at most 1024 characters");
      }
      checkActions("AlarmActions", alarm.alarmActions());
      checkActions("OKActions", alarm.okActions());
      checkActions("InsufficientDataActions", alarm.insufficientDataActions());
    }

    private void validateSingleMetric(AlarmConfig alarm) {
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
      checkPeriod(alarm.period());
      if (alarm.unit() != null && !UNITS.contains(alarm.unit())) {
        throw cloudWatchInvalid("ValidationError", "invalid Unit: " + alarm.unit());
      }
      if (alarm.dimensions().size() > MAX_ALARM_DIMENSIONS) {
        throw cloudWatchInvalid("ValidationError", "at most 30 dimensions");
      }
      if (alarm.thresholdMetricId() != null) {
        throw cloudWatchInvalid(
            "InvalidParameterCombination", "ThresholdMetricId needs the Metrics parameter");
      }
    }

    /**
     * AWS's rules for Metrics: none of the single-metric parameters next to it, at most 10 metrics
     * and 10 expressions, unique ids, each entry a metric or an expression, one returned series (an
     * anomaly alarm's band named by ThresholdMetricId returns data too).
     */
    private void validateMetricMath(AlarmConfig alarm) {
      if (alarm.metricNamespace() != null
          || alarm.metricName() != null
          || !alarm.dimensions().isEmpty()
          || alarm.statistic() != null
          || alarm.extendedStatistic() != null
          || alarm.period() != 0
          || alarm.unit() != null) {
        throw cloudWatchInvalid(
            "InvalidParameterCombination",
            "Namespace, MetricName, Dimensions, Period, Unit, Statistic and ExtendedStatistic"
                + " cannot be used with Metrics");
      }
      Set<String> ids = new LinkedHashSet<>();
      int stats = 0;
      int expressions = 0;
      List<String> returning = new ArrayList<>();
      for (MetricQuery query : alarm.metrics()) {
        if (query.id() == null || !METRIC_ID.matcher(query.id()).matches()) {
          throw cloudWatchInvalid("ValidationError", "invalid metric id: " + query.id());
        }
        if (!ids.add(query.id())) {
          throw cloudWatchInvalid("ValidationError", "duplicate metric id: " + query.id());
        }
        if (query.isExpression() == (query.namespace() != null)) {
          throw cloudWatchInvalid(
              "ValidationError",
              "entry " + query.id() + " must have exactly one of Expression or MetricStat");
        }
        if (query.isExpression()) {
          expressions++;
        } else {
          stats++;
          if (isBlank(query.metricName()) || isBlank(query.stat()) || query.period() == null) {
            throw cloudWatchInvalid(
                "MissingParameter", "MetricStat of " + query.id() + " needs metric, stat, period");
          }
          checkPeriod(query.period());
        }
        if (query.returnData() && !query.id().equals(alarm.thresholdMetricId())) {
          returning.add(query.id());
        }
      }
      if (stats > MAX_ALARM_METRIC_STATS || expressions > MAX_ALARM_EXPRESSIONS) {
        throw cloudWatchInvalid(
            "ValidationError", "an alarm's Metrics hold at most 10 metrics and 10 expressions");
      }
      if (returning.size() != 1) {
        throw cloudWatchInvalid(
            "ValidationError",
            "exactly one entry of Metrics must have ReturnData true, got " + returning);
      }
      if (alarm.thresholdMetricId() != null) {
        MetricQuery band =
            alarm.metrics().stream()
                .filter(q -> q.id().equals(alarm.thresholdMetricId()))
                .findFirst()
                .orElseThrow(
                    () ->
                        cloudWatchInvalid(
                            "ValidationError",
                            "ThresholdMetricId "
                                + alarm.thresholdMetricId()
                                + " is not in Metrics"));
        if (!band.isExpression() || !band.expression().contains("ANOMALY_DETECTION_BAND")) {
          throw cloudWatchInvalid(
              "ValidationError",
              "ThresholdMetricId must name the ANOMALY_DETECTION_BAND function of Metrics");
        }
      }
    }

    private void checkPeriod(int period) {
      if (!(period == 10 || period == 20 || period == 30 || (period > 0 && period % 60 == 0))) {
        throw cloudWatchInvalid(
            "InvalidParameterValue",
            "Period must be 10, 20, 30 or a multiple of 60, was " + period);
      }
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
  }

  private static Refusal invalid(String message) {
    return new Refusal(Kind.INVALID_INPUT, "InvalidParameterException", message);
  }

  private static Refusal notFound(String message) {
    return new Refusal(Kind.NOT_FOUND, "ResourceNotFoundException", message);
  }

  private static Refusal cloudWatchInvalid(String errorCode, String message) {
    return new Refusal(Kind.INVALID_INPUT, errorCode, message);
  }

  /** PutDashboard's DashboardInvalidInputError, whose code is InvalidParameterInput. */
  private static Refusal dashboardInvalid(String message) {
    return new Refusal(Kind.INVALID_INPUT, "InvalidParameterInput", message);
  }

  /** One model per metric and statistic. */
  static String detectorKey(AnomalyDetectorConfig detector) {
    return detector.namespace()
        + "\u0000"
        + detector.metricName()
        + "\u0000"
        + new TreeMap<>(detector.dimensions())
        + "\u0000"
        + detector.stat();
  }

  /** The entries from the prefix on, or strictly after the token when paging goes on. */
  private static <V> SortedMap<String, V> after(
      TreeMap<String, V> map, String prefix, String nextToken) {
    return nextToken == null ? map.tailMap(prefix, true) : map.tailMap(nextToken, false);
  }

  /** Orders filters by group, then name; NUL sorts before every character a name may hold. */
  private static String filterToken(String group, String filterName) {
    return group + "\u0000" + filterName;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
