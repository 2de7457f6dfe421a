package io.modelaudit.operator.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every setting of the operator, read once from environment variables at start. Each component is
 * declared, with its variable, default, description and parser, in {@link Settings}; build a
 * configuration with {@link #fromEnvironment}, {@link #defaults} and the {@code with*} methods,
 * which check every value.
 */
public record OperatorConfig(
    String defaultRegion,
    Set<String> extraRegions,
    Set<String> watchedNamespaces,
    Optional<String> selector,
    AccountMappingMode accountMapping,
    String clusterName,
    Duration resyncInterval,
    Duration driftCheckInterval,
    Duration alarmStateInterval,
    Duration regionIdleTimeout,
    Map<String, Double> rateLimits,
    int reconcileThreads,
    String logGroupPrefixTemplate,
    List<String> allowedActionArnPatterns,
    NamespacedPatterns allowedArchiveDestinations,
    NamespacedPatterns allowedArchiveRoles,
    String findingsNamePrefixTemplate,
    List<String> alarmMetricNamespaceTemplates,
    String alarmNamePrefix,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    int httpPort,
    boolean leaderElection,
    Optional<String> leaseNamespace,
    Optional<String> podName,
    AwsFacts aws) {

  public static final String DEFAULT_REGION = Settings.REGION.defaultText();
  public static final String DEFAULT_ALLOWED_ACTION_ARNS =
      Settings.ALLOWED_ACTION_ARNS.defaultText();

  public OperatorConfig {
    extraRegions = Set.copyOf(extraRegions);
    watchedNamespaces = Set.copyOf(watchedNamespaces);
    rateLimits = Map.copyOf(rateLimits);
    allowedActionArnPatterns = List.copyOf(allowedActionArnPatterns);
    alarmMetricNamespaceTemplates = List.copyOf(alarmMetricNamespaceTemplates);
  }

  /** The configuration with every default, as used by tests. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  /**
   * Reads the configuration from these environment variables, applying the defaults; bad values
   * throw one {@link IllegalArgumentException} naming each variable and what it allows.
   */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    Map<Setting<?>, Object> values = new HashMap<>();
    StringBuilder problems = new StringBuilder();
    for (Setting<?> setting : Settings.ALL) {
      if (setting.isReadByLogback()) {
        continue;
      }
      try {
        values.put(setting, setting.read(env));
      } catch (IllegalArgumentException e) {
        problems.append(problems.isEmpty() ? "" : "; ").append(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.toString());
    }
    return of(values, AwsFacts.UNKNOWN);
  }

  /**
   * The one place that maps the settings' values onto the components; what the operator learned
   * about AWS at start comes on top.
   */
  private static OperatorConfig of(Map<Setting<?>, Object> values, AwsFacts aws) {
    return new OperatorConfig(
        value(values, Settings.REGION),
        value(values, Settings.EXTRA_REGIONS),
        value(values, Settings.NAMESPACES),
        value(values, Settings.SELECTOR),
        value(values, Settings.ACCOUNT_MAPPING),
        value(values, Settings.CLUSTER_NAME),
        value(values, Settings.RESYNC_INTERVAL),
        value(values, Settings.DRIFT_CHECK_INTERVAL),
        value(values, Settings.ALARM_STATE_INTERVAL),
        value(values, Settings.REGION_IDLE_TIMEOUT),
        value(values, Settings.RATE_LIMITS),
        value(values, Settings.RECONCILE_THREADS),
        value(values, Settings.LOG_GROUP_PREFIX),
        value(values, Settings.ALLOWED_ACTION_ARNS),
        value(values, Settings.ALLOWED_ARCHIVE_DESTINATIONS),
        value(values, Settings.ALLOWED_ARCHIVE_ROLES),
        value(values, Settings.FINDINGS_NAME_PREFIX),
        value(values, Settings.ALARM_METRIC_NAMESPACES),
        value(values, Settings.ALARM_NAME_PREFIX),
        value(values, Settings.RETRY_INITIAL_DELAY),
        value(values, Settings.RETRY_MAX_DELAY),
        value(values, Settings.HTTP_PORT),
        value(values, Settings.LEADER_ELECTION),
        value(values, Settings.LEASE_NAMESPACE),
        value(values, Settings.POD_NAME),
        aws);
  }

  @SuppressWarnings("unchecked") // of() puts each setting's own value under it
  private static <T> T value(Map<Setting<?>, Object> values, Setting<T> setting) {
    return (T) values.get(setting);
  }

  /** The same configuration with one setting changed, after checking the new value. */
  private <T> OperatorConfig with(Setting<T> setting, T value) {
    Map<Setting<?>, Object> values = new HashMap<>();
    for (Setting<?> s : Settings.ALL) {
      if (!s.isReadByLogback()) {
        values.put(s, s.field().apply(this));
      }
    }
    values.put(setting, setting.checked(value));
    return of(values, aws);
  }

  /**
   * The configuration as a namespace mapped to this account sees it: the "own account" of the
   * policy ({@code {account}} in MODELAUDIT_ALLOWED_ACTION_ARNS) is the account of its role, where
   * its alarms live; everything else is the same.
   */
  public OperatorConfig inAccount(String account) {
    if (account.equals(aws.account().orElse(null))) {
      return this;
    }
    return withAws(new AwsFacts(aws.regions(), Optional.of(account)));
  }

  /**
   * The same configuration with what the operator learned about AWS at start. Throws {@link
   * IllegalArgumentException} when AWS_REGION is not a region the AWS SDK knows (nor one of
   * MODELAUDIT_EXTRA_REGIONS): every ModelAudit without spec.region would fail.
   */
  public OperatorConfig withAws(AwsFacts facts) {
    OperatorConfig next =
        new OperatorConfig(
            defaultRegion,
            extraRegions,
            watchedNamespaces,
            selector,
            accountMapping,
            clusterName,
            resyncInterval,
            driftCheckInterval,
            alarmStateInterval,
            regionIdleTimeout,
            rateLimits,
            reconcileThreads,
            logGroupPrefixTemplate,
            allowedActionArnPatterns,
            allowedArchiveDestinations,
            allowedArchiveRoles,
            findingsNamePrefixTemplate,
            alarmMetricNamespaceTemplates,
            alarmNamePrefix,
            retryInitialDelay,
            retryMaxDelay,
            httpPort,
            leaderElection,
            leaseNamespace,
            podName,
            Objects.requireNonNull(facts, "facts"));
    if (!next.isKnownRegion(defaultRegion)) {
      throw new IllegalArgumentException(
          Settings.REGION.variable()
              + ": "
              + defaultRegion
              + " is not a region the operator's AWS SDK knows; correct it, or add it to "
              + Settings.EXTRA_REGIONS.variable()
              + " if AWS launched it after this build");
    }
    return next;
  }

  /**
   * Whether AWS has this region, as far as the operator knows: one its AWS SDK knows or one of
   * MODELAUDIT_EXTRA_REGIONS; any region when the SDK's list was not learned (tests).
   */
  public boolean isKnownRegion(String region) {
    return aws.regions().isEmpty()
        || aws.regions().contains(region)
        || extraRegions.contains(region);
  }

  /** The regions the operator knows, the SDK's and the extra ones; empty when not learned. */
  public Set<String> knownRegions() {
    if (aws.regions().isEmpty()) {
      return Set.of();
    }
    Set<String> known = new java.util.TreeSet<>(aws.regions());
    known.addAll(extraRegions);
    return known;
  }

  /** The log group name prefix a resource in this namespace must use; empty allows any. */
  public String logGroupPrefixFor(String namespace) {
    return logGroupPrefixTemplate.replace("{namespace}", namespace);
  }

  /** The prefix of findings streams and buckets in this namespace; empty allows any. */
  public String findingsNamePrefixFor(String namespace) {
    return findingsNamePrefixTemplate.replace(NamespacedPatterns.NAMESPACE, namespace);
  }

  /**
   * Whether an alarm action ARN is allowed by the configured patterns, {@code {account}} standing
   * for the operator's own account; a pattern with {@code {account}} matches nothing while that
   * account is not known.
   */
  public boolean isAllowedActionArn(String arn) {
    for (String pattern : allowedActionArnPatterns) {
      boolean needsAccount = pattern.contains(Settings.ACCOUNT_PLACEHOLDER);
      if (needsAccount && aws.account().isEmpty()) {
        continue;
      }
      String regex =
          needsAccount
              ? pattern.replace(Settings.ACCOUNT_PLACEHOLDER, Pattern.quote(aws.account().get()))
              : pattern;
      if (Pattern.compile(regex).matcher(arn).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The metric namespaces an alarm's {@code metric} may watch in this namespace; "*" is any. */
  public List<String> alarmMetricNamespacesFor(String namespace) {
    return alarmMetricNamespaceTemplates.stream()
        .map(t -> t.replace("{namespace}", namespace))
        .toList();
  }

  /**
   * Whether an alarm of a ModelAudit in this namespace may watch a metric of this metric namespace
   * that its own filters do not publish: an allowed namespace allows itself and the namespaces
   * below it ("A/b" allows "A/b" and "A/b/c", not "A/bc").
   */
  public boolean isAllowedAlarmMetricNamespace(String namespace, String metricNamespace) {
    return alarmMetricNamespacesFor(namespace).stream()
        .anyMatch(
            allowed ->
                allowed.equals("*")
                    || metricNamespace.equals(allowed)
                    || metricNamespace.startsWith(allowed.endsWith("/") ? allowed : allowed + "/"));
  }

  /** The limit of an operation in calls per second. */
  public double rateLimit(String operation) {
    Double limit = rateLimits.get(operation);
    if (limit == null) {
      throw new IllegalArgumentException("unknown operation " + operation);
    }
    return limit;
  }

  public OperatorConfig withResyncInterval(Duration interval) {
    return with(Settings.RESYNC_INTERVAL, interval);
  }

  /** The same configuration with the inventory's drift check and alarm state periods. */
  public OperatorConfig withInventoryIntervals(Duration driftCheck, Duration alarmState) {
    return with(Settings.DRIFT_CHECK_INTERVAL, driftCheck)
        .with(Settings.ALARM_STATE_INTERVAL, alarmState);
  }

  /** The same configuration with every rate limit multiplied by the factor. */
  public OperatorConfig withRateLimitsScaled(double factor) {
    Map<String, Double> scaled = new TreeMap<>();
    rateLimits.forEach((operation, limit) -> scaled.put(operation, limit * factor));
    return with(Settings.RATE_LIMITS, scaled);
  }

  public OperatorConfig withReconcileThreads(int threads) {
    return with(Settings.RECONCILE_THREADS, threads);
  }

  public OperatorConfig withLogGroupPrefixTemplate(String template) {
    return with(Settings.LOG_GROUP_PREFIX, template);
  }

  public OperatorConfig withAllowedActionArnPatterns(List<String> patterns) {
    return with(Settings.ALLOWED_ACTION_ARNS, patterns);
  }

  /** The same configuration with the archive's tenancy policy (regular expression templates). */
  public OperatorConfig withArchivePolicy(List<String> destinations, List<String> roles) {
    return with(Settings.ALLOWED_ARCHIVE_DESTINATIONS, new NamespacedPatterns(destinations))
        .with(Settings.ALLOWED_ARCHIVE_ROLES, new NamespacedPatterns(roles));
  }

  public OperatorConfig withFindingsNamePrefixTemplate(String template) {
    return with(Settings.FINDINGS_NAME_PREFIX, template);
  }

  public OperatorConfig withAlarmMetricNamespaces(List<String> templates) {
    return with(Settings.ALARM_METRIC_NAMESPACES, templates);
  }

  public OperatorConfig withRetryDelays(Duration initial, Duration max) {
    return with(Settings.RETRY_INITIAL_DELAY, initial).with(Settings.RETRY_MAX_DELAY, max);
  }

  public OperatorConfig withClusterName(String name) {
    return with(Settings.CLUSTER_NAME, name);
  }

  public OperatorConfig withWatchedNamespaces(Set<String> namespaces) {
    return with(Settings.NAMESPACES, namespaces);
  }

  public OperatorConfig withAccountMapping(AccountMappingMode mode) {
    return with(Settings.ACCOUNT_MAPPING, mode);
  }

  /** The same configuration managing only the ModelAudits this label selector selects. */
  public OperatorConfig withSelector(String selector) {
    return with(Settings.SELECTOR, Optional.of(selector));
  }
}
