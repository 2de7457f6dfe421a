package io.modelaudit.operator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of the operator, read once from environment variables at start. Defaults are
 * documented in the README's Configuration section.
 *
 * @param defaultRegion region used when spec.region is absent (AWS_REGION)
 * @param watchedNamespaces namespaces to watch; empty means all (MODELAUDIT_NAMESPACES)
 * @param clusterName value of the modelaudit.io/cluster tag (MODELAUDIT_CLUSTER_NAME)
 * @param resyncInterval period of the drift check of every resource (MODELAUDIT_RESYNC_INTERVAL)
 * @param logGroupPrefixTemplate prefix every log group name must start with; {namespace} is
 *     replaced by the resource's namespace; empty allows any name (MODELAUDIT_LOG_GROUP_PREFIX)
 * @param allowedActionArnPatterns regular expressions; every alarm action ARN must match one
 *     (MODELAUDIT_ALLOWED_ACTION_ARNS, comma separated)
 * @param alarmNamePrefix prefix of every alarm name the operator creates
 *     (MODELAUDIT_ALARM_NAME_PREFIX)
 * @param retryInitialDelay first delay before a transient failure is retried; it doubles per
 *     attempt (MODELAUDIT_RETRY_INITIAL_DELAY)
 * @param retryMaxDelay longest delay between retries (MODELAUDIT_RETRY_MAX_DELAY)
 */
public record OperatorConfig(
    String defaultRegion,
    Set<String> watchedNamespaces,
    String clusterName,
    Duration resyncInterval,
    String logGroupPrefixTemplate,
    List<Pattern> allowedActionArnPatterns,
    String alarmNamePrefix,
    Duration retryInitialDelay,
    Duration retryMaxDelay) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_CLUSTER_NAME = "default";
  public static final Duration DEFAULT_RESYNC_INTERVAL = Duration.ofMinutes(5);
  public static final String DEFAULT_LOG_GROUP_PREFIX = "/modelaudit/{namespace}/";
  public static final String DEFAULT_ALLOWED_ACTION_ARNS = "^arn:aws[a-z-]*:sns:.+$";
  public static final String DEFAULT_ALARM_NAME_PREFIX = "modelaudit";
  public static final Duration DEFAULT_RETRY_INITIAL_DELAY = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofMinutes(5);

  public OperatorConfig {
    watchedNamespaces = Set.copyOf(watchedNamespaces);
    allowedActionArnPatterns = List.copyOf(allowedActionArnPatterns);
  }

  /** The configuration with every default, as used by tests. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  /** Reads the configuration from these environment variables, applying the defaults. */
  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    String region =
        firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), DEFAULT_REGION);
    Set<String> namespaces = Set.copyOf(splitCsv(env.getOrDefault("MODELAUDIT_NAMESPACES", "")));
    String cluster = firstNonBlank(env.get("MODELAUDIT_CLUSTER_NAME"), DEFAULT_CLUSTER_NAME);
    Duration resync =
        parseDuration(
            "MODELAUDIT_RESYNC_INTERVAL",
            env.get("MODELAUDIT_RESYNC_INTERVAL"),
            DEFAULT_RESYNC_INTERVAL);
    String prefix = env.getOrDefault("MODELAUDIT_LOG_GROUP_PREFIX", DEFAULT_LOG_GROUP_PREFIX);
    List<Pattern> actions =
        splitCsv(env.getOrDefault("MODELAUDIT_ALLOWED_ACTION_ARNS", DEFAULT_ALLOWED_ACTION_ARNS))
            .stream()
            .map(p -> compile("MODELAUDIT_ALLOWED_ACTION_ARNS", p))
            .toList();
    String alarmPrefix =
        firstNonBlank(env.get("MODELAUDIT_ALARM_NAME_PREFIX"), DEFAULT_ALARM_NAME_PREFIX);
    Duration retryInitial =
        parseDuration(
            "MODELAUDIT_RETRY_INITIAL_DELAY",
            env.get("MODELAUDIT_RETRY_INITIAL_DELAY"),
            DEFAULT_RETRY_INITIAL_DELAY);
    Duration retryMax =
        parseDuration(
            "MODELAUDIT_RETRY_MAX_DELAY",
            env.get("MODELAUDIT_RETRY_MAX_DELAY"),
            DEFAULT_RETRY_MAX_DELAY);
    return new OperatorConfig(
        region, namespaces, cluster, resync, prefix, actions, alarmPrefix, retryInitial, retryMax);
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
    return new OperatorConfig(
        defaultRegion,
        watchedNamespaces,
        clusterName,
        interval,
        logGroupPrefixTemplate,
        allowedActionArnPatterns,
        alarmNamePrefix,
        retryInitialDelay,
        retryMaxDelay);
  }

  public OperatorConfig withLogGroupPrefixTemplate(String template) {
    return new OperatorConfig(
        defaultRegion,
        watchedNamespaces,
        clusterName,
        resyncInterval,
        template,
        allowedActionArnPatterns,
        alarmNamePrefix,
        retryInitialDelay,
        retryMaxDelay);
  }

  public OperatorConfig withAllowedActionArnPatterns(List<Pattern> patterns) {
    return new OperatorConfig(
        defaultRegion,
        watchedNamespaces,
        clusterName,
        resyncInterval,
        logGroupPrefixTemplate,
        patterns,
        alarmNamePrefix,
        retryInitialDelay,
        retryMaxDelay);
  }

  public OperatorConfig withRetryDelays(Duration initial, Duration max) {
    return new OperatorConfig(
        defaultRegion,
        watchedNamespaces,
        clusterName,
        resyncInterval,
        logGroupPrefixTemplate,
        allowedActionArnPatterns,
        alarmNamePrefix,
        initial,
        max);
  }

  public OperatorConfig withClusterName(String name) {
    return new OperatorConfig(
        defaultRegion,
        watchedNamespaces,
        name,
        resyncInterval,
        logGroupPrefixTemplate,
        allowedActionArnPatterns,
        alarmNamePrefix,
        retryInitialDelay,
        retryMaxDelay);
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static List<String> splitCsv(String value) {
    return java.util.Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static Pattern compile(String variable, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          variable + ": not a valid regular expression: " + regex, e);
    }
  }

  private static Duration parseDuration(String variable, String value, Duration fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v);
      }
      char unit = v.charAt(v.length() - 1);
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("unit");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          variable + ": expected a duration such as 30s, 5m, 1h or PT5M, got " + value, e);
    }
  }
}
