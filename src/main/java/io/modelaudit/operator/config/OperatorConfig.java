package io.modelaudit.operator.config;

import io.modelaudit.operator.cloudwatch.Operations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every setting of the operator, read once from environment variables at start. Defaults are
 * documented in the README's Configuration section.
 *
 * @param defaultRegion region used when spec.region is absent (AWS_REGION, then AWS_DEFAULT_REGION;
 *     default us-east-1)
 * @param watchedNamespaces namespaces to watch; empty means all (MODELAUDIT_NAMESPACES)
 * @param clusterName value of the modelaudit.io/cluster tag (MODELAUDIT_CLUSTER_NAME)
 * @param resyncInterval each ModelAudit is read in full (tags and log streams included) once per
 *     this interval, spread evenly over the drift checks (MODELAUDIT_RESYNC_INTERVAL)
 * @param driftCheckInterval period of the batched inventory pass that finds out-of-band changes
 *     (MODELAUDIT_DRIFT_CHECK_INTERVAL; jittered by up to 10%)
 * @param alarmStateInterval period of the batched read of every alarm's state
 *     (MODELAUDIT_ALARM_STATE_INTERVAL)
 * @param rateLimits client-side limit of each AWS operation in calls per second, per region; AWS's
 *     quotas unless MODELAUDIT_RATE_LIMITS overrides some (e.g.
 *     "PutMetricAlarm=3,DescribeAlarms=9")
 * @param reconcileThreads how many ModelAudits are reconciled at once
 *     (MODELAUDIT_RECONCILE_THREADS)
 * @param logGroupPrefixTemplate prefix every log group name must start with; {namespace} is
 *     replaced by the resource's namespace; empty allows any name (MODELAUDIT_LOG_GROUP_PREFIX)
 * @param allowedActionArnPatterns regular expressions; every alarm action ARN must match one
 *     (MODELAUDIT_ALLOWED_ACTION_ARNS, comma separated)
 * @param alarmNamePrefix prefix of every alarm name the operator creates
 *     (MODELAUDIT_ALARM_NAME_PREFIX)
 * @param retryInitialDelay first delay before a transient failure is retried; it doubles per
 *     attempt (MODELAUDIT_RETRY_INITIAL_DELAY)
 * @param retryMaxDelay longest delay between retries (MODELAUDIT_RETRY_MAX_DELAY)
 * @param httpPort port of /metrics, /healthz and /readyz; 0 picks a free port
 *     (MODELAUDIT_HTTP_PORT)
 * @param leaderElection whether replicas elect a leader through a Lease
 *     (MODELAUDIT_LEADER_ELECTION)
 * @param leaseNamespace namespace of the Lease (MODELAUDIT_LEASE_NAMESPACE, then POD_NAMESPACE);
 *     empty when unknown
 */
public record OperatorConfig(
    String defaultRegion,
    Set<String> watchedNamespaces,
    String clusterName,
    Duration resyncInterval,
    Duration driftCheckInterval,
    Duration alarmStateInterval,
    Map<String, Double> rateLimits,
    int reconcileThreads,
    String logGroupPrefixTemplate,
    List<Pattern> allowedActionArnPatterns,
    String alarmNamePrefix,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    int httpPort,
    boolean leaderElection,
    Optional<String> leaseNamespace) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_CLUSTER_NAME = "default";
  public static final Duration DEFAULT_RESYNC_INTERVAL = Duration.ofHours(24);
  public static final Duration DEFAULT_DRIFT_CHECK_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_ALARM_STATE_INTERVAL = Duration.ofSeconds(60);
  public static final int DEFAULT_RECONCILE_THREADS = 50;
  public static final String DEFAULT_LOG_GROUP_PREFIX = "/modelaudit/{namespace}/";
  public static final String DEFAULT_ALLOWED_ACTION_ARNS = "^arn:aws[a-z-]*:sns:.+$";
  public static final String DEFAULT_ALARM_NAME_PREFIX = "modelaudit";
  public static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofMinutes(5);
  public static final int DEFAULT_HTTP_PORT = 8080;

  public OperatorConfig {
    watchedNamespaces = Set.copyOf(watchedNamespaces);
    allowedActionArnPatterns = List.copyOf(allowedActionArnPatterns);
    requirePositive("MODELAUDIT_RESYNC_INTERVAL", resyncInterval);
    requirePositive("MODELAUDIT_DRIFT_CHECK_INTERVAL", driftCheckInterval);
    requirePositive("MODELAUDIT_ALARM_STATE_INTERVAL", alarmStateInterval);
    rateLimits = Map.copyOf(rateLimits);
    for (Map.Entry<String, Double> limit : rateLimits.entrySet()) {
      if (!Operations.ALL.contains(limit.getKey())) {
        throw new IllegalArgumentException(
            "MODELAUDIT_RATE_LIMITS: unknown operation "
                + limit.getKey()
                + "; known: "
                + new TreeSet<>(Operations.ALL));
      }
      if (!(limit.getValue() > 0) || limit.getValue().isInfinite()) {
        throw new IllegalArgumentException(
            "MODELAUDIT_RATE_LIMITS: "
                + limit.getKey()
                + " must be a positive number of calls per second, got "
                + limit.getValue());
      }
    }
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException(
          "MODELAUDIT_RECONCILE_THREADS must be at least 1, got " + reconcileThreads);
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("MODELAUDIT_HTTP_PORT must be 0-65535, got " + httpPort);
    }
  }

  /** The configuration with every default, as used by tests. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  /**
   * Reads the configuration from these environment variables, applying the defaults; a bad value
   * throws {@link IllegalArgumentException} naming the variable.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return new OperatorConfig(
        firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), DEFAULT_REGION),
        Set.copyOf(splitCsv(env.getOrDefault("MODELAUDIT_NAMESPACES", ""))),
        firstNonBlank(env.get("MODELAUDIT_CLUSTER_NAME"), DEFAULT_CLUSTER_NAME),
        duration(env, "MODELAUDIT_RESYNC_INTERVAL", DEFAULT_RESYNC_INTERVAL),
        duration(env, "MODELAUDIT_DRIFT_CHECK_INTERVAL", DEFAULT_DRIFT_CHECK_INTERVAL),
        duration(env, "MODELAUDIT_ALARM_STATE_INTERVAL", DEFAULT_ALARM_STATE_INTERVAL),
        rateLimits(env.getOrDefault("MODELAUDIT_RATE_LIMITS", "")),
        integer(env, "MODELAUDIT_RECONCILE_THREADS", DEFAULT_RECONCILE_THREADS),
        env.getOrDefault("MODELAUDIT_LOG_GROUP_PREFIX", DEFAULT_LOG_GROUP_PREFIX),
        splitCsv(env.getOrDefault("MODELAUDIT_ALLOWED_ACTION_ARNS", DEFAULT_ALLOWED_ACTION_ARNS))
            .stream()
            .map(p -> compile("MODELAUDIT_ALLOWED_ACTION_ARNS", p))
            .toList(),
        firstNonBlank(env.get("MODELAUDIT_ALARM_NAME_PREFIX"), DEFAULT_ALARM_NAME_PREFIX),
        duration(env, "MODELAUDIT_RETRY_INITIAL_DELAY", DEFAULT_RETRY_INITIAL_DELAY),
        duration(env, "MODELAUDIT_RETRY_MAX_DELAY", DEFAULT_RETRY_MAX_DELAY),
        integer(env, "MODELAUDIT_HTTP_PORT", DEFAULT_HTTP_PORT),
        bool(env, "MODELAUDIT_LEADER_ELECTION", false),
        Optional.ofNullable(
            firstNonBlank(env.get("MODELAUDIT_LEASE_NAMESPACE"), env.get("POD_NAMESPACE"))));
  }

  /** The log group name prefix a resource in this namespace must use; empty allows any. */
  public String logGroupPrefixFor(String namespace) {
    return logGroupPrefixTemplate.replace("{namespace}", namespace);
  }

  /** Whether an alarm action ARN is allowed by the configured patterns. */
  public boolean isAllowedActionArn(String arn) {
    return allowedActionArnPatterns.stream().anyMatch(p -> p.matcher(arn).matches());
  }

  public OperatorConfig withResyncInterval(Duration interval) {
    return toBuilder().resyncInterval(interval).build();
  }

  /** The same configuration with the inventory's drift check and alarm state periods. */
  public OperatorConfig withInventoryIntervals(Duration driftCheck, Duration alarmState) {
    return toBuilder().driftCheckInterval(driftCheck).alarmStateInterval(alarmState).build();
  }

  /** The same configuration with every rate limit multiplied by the factor. */
  public OperatorConfig withRateLimitsScaled(double factor) {
    Map<String, Double> scaled = new TreeMap<>();
    rateLimits.forEach((operation, limit) -> scaled.put(operation, limit * factor));
    return toBuilder().rateLimits(scaled).build();
  }

  /** The limit of an operation in calls per second. */
  public double rateLimit(String operation) {
    Double limit = rateLimits.get(operation);
    if (limit == null) {
      throw new IllegalArgumentException("unknown operation " + operation);
    }
    return limit;
  }

  public OperatorConfig withLogGroupPrefixTemplate(String template) {
    return toBuilder().logGroupPrefixTemplate(template).build();
  }

  public OperatorConfig withAllowedActionArnPatterns(List<Pattern> patterns) {
    return toBuilder().allowedActionArnPatterns(patterns).build();
  }

  public OperatorConfig withRetryDelays(Duration initial, Duration max) {
    return toBuilder().retryInitialDelay(initial).retryMaxDelay(max).build();
  }

  public OperatorConfig withClusterName(String name) {
    return toBuilder().clusterName(name).build();
  }

  public OperatorConfig withWatchedNamespaces(Set<String> namespaces) {
    return toBuilder().watchedNamespaces(namespaces).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a configuration with some settings changed. */
  public static final class Builder {
    private String defaultRegion;
    private Set<String> watchedNamespaces;
    private String clusterName;
    private Duration resyncInterval;
    private Duration driftCheckInterval;
    private Duration alarmStateInterval;
    private Map<String, Double> rateLimits;
    private int reconcileThreads;
    private String logGroupPrefixTemplate;
    private List<Pattern> allowedActionArnPatterns;
    private String alarmNamePrefix;
    private Duration retryInitialDelay;
    private Duration retryMaxDelay;
    private int httpPort;
    private boolean leaderElection;
    private Optional<String> leaseNamespace;

    private Builder(OperatorConfig c) {
      defaultRegion = c.defaultRegion;
      watchedNamespaces = c.watchedNamespaces;
      clusterName = c.clusterName;
      resyncInterval = c.resyncInterval;
      driftCheckInterval = c.driftCheckInterval;
      alarmStateInterval = c.alarmStateInterval;
      rateLimits = c.rateLimits;
      reconcileThreads = c.reconcileThreads;
      logGroupPrefixTemplate = c.logGroupPrefixTemplate;
      allowedActionArnPatterns = c.allowedActionArnPatterns;
      alarmNamePrefix = c.alarmNamePrefix;
      retryInitialDelay = c.retryInitialDelay;
      retryMaxDelay = c.retryMaxDelay;
      httpPort = c.httpPort;
      leaderElection = c.leaderElection;
      leaseNamespace = c.leaseNamespace;
    }

    public Builder defaultRegion(String value) {
      defaultRegion = value;
      return this;
    }

    public Builder watchedNamespaces(Set<String> value) {
      watchedNamespaces = value;
      return this;
    }

    public Builder clusterName(String value) {
      clusterName = value;
      return this;
    }

    public Builder resyncInterval(Duration value) {
      resyncInterval = value;
      return this;
    }

    public Builder driftCheckInterval(Duration value) {
      driftCheckInterval = value;
      return this;
    }

    public Builder alarmStateInterval(Duration value) {
      alarmStateInterval = value;
      return this;
    }

    /** Limits of the named operations; the others keep theirs. */
    public Builder rateLimits(Map<String, Double> value) {
      Map<String, Double> merged = new TreeMap<>(rateLimits);
      merged.putAll(value);
      rateLimits = merged;
      return this;
    }

    public Builder reconcileThreads(int value) {
      reconcileThreads = value;
      return this;
    }

    public Builder logGroupPrefixTemplate(String value) {
      logGroupPrefixTemplate = value;
      return this;
    }

    public Builder allowedActionArnPatterns(List<Pattern> value) {
      allowedActionArnPatterns = value;
      return this;
    }

    public Builder alarmNamePrefix(String value) {
      alarmNamePrefix = value;
      return this;
    }

    public Builder retryInitialDelay(Duration value) {
      retryInitialDelay = value;
      return this;
    }

    public Builder retryMaxDelay(Duration value) {
      retryMaxDelay = value;
      return this;
    }

    public Builder httpPort(int value) {
      httpPort = value;
      return this;
    }

    public Builder leaderElection(boolean value) {
      leaderElection = value;
      return this;
    }

    public Builder leaseNamespace(Optional<String> value) {
      leaseNamespace = value;
      return this;
    }

    public OperatorConfig build() {
      return new OperatorConfig(
          defaultRegion,
          watchedNamespaces,
          clusterName,
          resyncInterval,
          driftCheckInterval,
          alarmStateInterval,
          rateLimits,
          reconcileThreads,
          logGroupPrefixTemplate,
          allowedActionArnPatterns,
          alarmNamePrefix,
          retryInitialDelay,
          retryMaxDelay,
          httpPort,
          leaderElection,
          leaseNamespace);
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static void requirePositive(String variable, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(variable + " must be positive");
    }
  }

  /** AWS's quotas, with the operations named in "Operation=calls per second,..." overridden. */
  private static Map<String, Double> rateLimits(String value) {
    Map<String, Double> limits = new TreeMap<>(Operations.QUOTAS);
    for (String item : splitCsv(value)) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "MODELAUDIT_RATE_LIMITS: expected Operation=callsPerSecond, got " + item);
      }
      String operation = item.substring(0, eq).trim();
      String number = item.substring(eq + 1).trim();
      try {
        limits.put(operation, Double.parseDouble(number));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "MODELAUDIT_RATE_LIMITS: " + operation + ": expected a number, got " + number, e);
      }
    }
    return limits;
  }

  private static List<String> splitCsv(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Pattern compile(String variable, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          variable + ": not a valid regular expression: " + regex, e);
    }
  }

  private static int integer(Map<String, String> env, String variable, int fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + ": expected a number, got " + value, e);
    }
  }

  private static boolean bool(Map<String, String> env, String variable, boolean fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new IllegalArgumentException(variable + ": expected true or false, got " + value);
    };
  }

  private static Duration duration(Map<String, String> env, String variable, Duration fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
      }
      String number = v.replaceAll("(ms|s|m|h)$", "");
      long amount = Long.parseLong(number);
      String unit = v.substring(number.length());
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("missing unit");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          variable + ": expected a duration such as 30s, 5m, 1h or PT5M, got " + value, e);
    }
  }
}
