package io.modelaudit.operator.validation;

import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.ComparisonOperator;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.LogGroupClass;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.MetricUnit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelRef;
import io.modelaudit.operator.api.v1alpha1.NotificationsSpec;
import io.modelaudit.operator.api.v1alpha1.Statistic;
import io.modelaudit.operator.api.v1alpha1.TreatMissingData;
import io.modelaudit.operator.api.v1alpha1.UnreadableField;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a ModelAudit spec against the CRD's rules, AWS's own limits and the operator's tenancy
 * policy, and reports every violation with the path of its field.
 *
 * <p>The API server normally enforces the CRD schema, but not every cluster (nor the test mock
 * server) does, and AWS rejects some specs the schema lets through; so the operator checks every
 * spec itself before it makes any AWS call.
 */
public final class SpecValidator {

  /** AWS allows 50 tags; the operator adds up to 4 of its own (owner, cluster, model, version). */
  public static final int MAX_USER_TAGS = 46;

  public static final int MAX_LOG_STREAMS = 50;
  public static final int MAX_METRIC_FILTERS = 100;
  public static final int MAX_ALARMS = 100;
  public static final int MAX_ACTIONS_PER_STATE = 5;
  public static final int MAX_FILTER_DIMENSIONS = 3;
  public static final int MAX_ALARM_DIMENSIONS = 30;
  public static final int MAX_PERIOD_SECONDS = 604_800;
  public static final int MAX_EVALUATION_PERIODS = 10_080;
  public static final int MAX_EVALUATION_RANGE_SECONDS = 86_400;
  public static final int MAX_EVALUATION_RANGE_SECONDS_LONG_PERIODS = 604_800;
  public static final int LONG_PERIOD_SECONDS = 3_600;

  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$");
  private static final Pattern LOG_GROUP_NAME = Pattern.compile("^[.\\-_/#A-Za-z0-9]+$");
  private static final Pattern KMS_KEY_ARN =
      Pattern.compile("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$");
  private static final Pattern ALARM_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
  private static final Pattern EXTENDED_STATISTIC =
      Pattern.compile("^(p|tm|wm|tc|ts)(100|[0-9]{1,2}(\\.[0-9]{1,10})?)$|^IQM$");
  // The account field is not always an account: EC2 actions read
  // arn:aws:automate:<region>:ec2:stop.
  private static final Pattern ACTION_ARN =
      Pattern.compile("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[a-z0-9]*:.+$");
  private static final Pattern SNS_TOPIC_ARN =
      Pattern.compile("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$");
  private static final Pattern TAG_TEXT = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");

  private static final String TAG_TEXT_RULE =
      "must contain only letters, digits, spaces and _ . : / = + - @";
  private static final String FILTER_NAME_FORBIDDEN = ":*";
  private static final String FILTER_METRIC_FORBIDDEN = ":*$";
  private static final String ALARM_NAMESPACE_FORBIDDEN = ":";

  private static final List<String> LOG_GROUP_CLASSES = names(LogGroupClass.values());
  private static final List<String> STATISTICS = names(Statistic.values());
  private static final List<String> COMPARISON_OPERATORS = names(ComparisonOperator.values());
  private static final List<String> TREAT_MISSING_DATA = names(TreatMissingData.values());
  private static final List<String> DELETION_POLICIES = names(DeletionPolicy.values());
  private static final List<String> METRIC_UNITS =
      Arrays.stream(MetricUnit.values()).map(MetricUnit::awsName).toList();

  private SpecValidator() {}

  /**
   * Every violation of this spec, in the order of the spec's fields; empty when the spec is valid.
   *
   * @param spec the spec to check; null is itself a violation
   * @param namespace namespace of the ModelAudit, for the default log group name and its prefix
   * @param name name of the ModelAudit, for the default log group name
   * @param config the operator's configuration, for the tenancy policy
   */
  public static List<Violation> validate(
      ModelAuditSpec spec, String namespace, String name, OperatorConfig config) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Scope root = Scope.root();
    if (!present(root, spec)) {
      return root.violations();
    }
    validateRegion(root.field("region"), spec.getRegion());
    validateModel(root.field("model"), spec.getModel());
    validateLogGroup(root.field("logGroup"), spec.getLogGroup());
    validateLogGroupPolicy(root.field("logGroup").field("name"), spec, namespace, name, config);
    validateLogStreams(root.field("logStreams"), spec.getLogStreams());
    validateMetricFilters(root.field("metricFilters"), spec.getMetricFilters(), spec.getLogGroup());
    validateAlarms(root.field("alarms"), spec.getAlarms(), filterNames(spec), config);
    validateAlarmMetrics(root.field("alarms"), spec, namespace, config);
    validateNotifications(root.field("notifications"), spec.getNotifications(), config);
    validateTags(root.field("tags"), spec.getTags());
    validateDeletionPolicy(root.field("deletionPolicy"), spec.getDeletionPolicy());
    return withUnreadable(spec.getUnreadableFields(), root.violations());
  }

  /**
   * Puts the fields whose JSON had the wrong type first; a violation at such a field (it reads as
   * absent, so "required") or inside it would only repeat the problem and is left out.
   */
  private static List<Violation> withUnreadable(
      List<UnreadableField> unreadable, List<Violation> violations) {
    if (unreadable.isEmpty()) {
      return violations;
    }
    List<Violation> all = new ArrayList<>();
    unreadable.forEach(
        u -> all.add(new Violation(u.field(), u.message(), Violation.Kind.INVALID_SPEC)));
    violations.stream()
        .filter(v -> unreadable.stream().noneMatch(u -> within(v.field(), u.field())))
        .forEach(all::add);
    return List.copyOf(all);
  }

  private static boolean within(String field, String container) {
    return field.equals(container)
        || field.startsWith(container + ".")
        || field.startsWith(container + "[");
  }

  // ---- parts of the spec ----

  private static void validateRegion(Scope at, String region) {
    if (region != null && length(at, region, 1, 32)) {
      matches(at, region, REGION, "must be an AWS region such as us-east-1");
    }
  }

  private static void validateModel(Scope at, ModelRef model) {
    if (model == null) {
      return;
    }
    validateModelField(at.field("name"), model.getName());
    validateModelField(at.field("version"), model.getVersion());
  }

  /** Model name and version become tag values, so they also follow AWS's tag value rules. */
  private static void validateModelField(Scope at, String value) {
    if (value != null && length(at, value, 1, 128)) {
      matches(at, value, TAG_TEXT, TAG_TEXT_RULE + " (it becomes a tag value)");
    }
  }

  private static void validateLogGroup(Scope at, LogGroupSpec logGroup) {
    if (logGroup == null) {
      return;
    }
    String name = logGroup.getName();
    if (name != null && length(at.field("name"), name, 1, 512)) {
      matches(
          at.field("name"),
          name,
          LOG_GROUP_NAME,
          "must contain only letters, digits and _ - / . #");
    }
    Integer retention = logGroup.getRetentionInDays();
    if (retention != null && !LogGroupSpec.ALLOWED_RETENTION_DAYS.contains(retention)) {
      at.field("retentionInDays")
          .invalid(
              "must be one of "
                  + choices(LogGroupSpec.ALLOWED_RETENTION_DAYS)
                  + " (or absent to never expire), got "
                  + retention);
    }
    String kmsKeyArn = logGroup.getKmsKeyArn();
    if (kmsKeyArn != null && length(at.field("kmsKeyArn"), kmsKeyArn, 1, 2048)) {
      matches(
          at.field("kmsKeyArn"),
          kmsKeyArn,
          KMS_KEY_ARN,
          "must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key-id>");
    }
    if (logGroup.getLogGroupClass() != null) {
      oneOf(at.field("class"), logGroup.getLogGroupClass(), LOG_GROUP_CLASSES);
    }
  }

  private static void validateLogGroupPolicy(
      Scope at, ModelAuditSpec spec, String namespace, String name, OperatorConfig config) {
    String prefix = config.logGroupPrefixFor(namespace);
    if (prefix.isEmpty()) {
      return;
    }
    String explicit = spec.getLogGroup() == null ? null : spec.getLogGroup().getName();
    if (explicit != null && !explicit.startsWith(prefix)) {
      at.policy(
          "must start with "
              + quote(prefix)
              + ": the operator allows a ModelAudit in namespace "
              + namespace
              + " only log groups under that prefix, got "
              + quote(explicit));
    } else if (explicit == null && !Names.defaultLogGroupName(namespace, name).startsWith(prefix)) {
      at.policy(
          "is required here: the default name "
              + quote(Names.defaultLogGroupName(namespace, name))
              + " does not start with "
              + quote(prefix)
              + ", the only prefix the operator allows in namespace "
              + namespace);
    }
  }

  private static void validateLogStreams(Scope at, List<String> streams) {
    if (streams == null) {
      return;
    }
    maxItems(at, streams, MAX_LOG_STREAMS, "log streams");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < streams.size(); i++) {
      Scope item = at.index(i);
      String stream = streams.get(i);
      if (present(item, stream)
          && length(item, stream, 1, 512)
          && excludes(item, stream, FILTER_NAME_FORBIDDEN)) {
        unique(item, stream, seen);
      }
    }
  }

  private static void validateMetricFilters(
      Scope at, List<MetricFilterSpec> filters, LogGroupSpec logGroup) {
    if (filters == null) {
      return;
    }
    if (!filters.isEmpty()
        && logGroup != null
        && LogGroupClass.INFREQUENT_ACCESS.name().equals(logGroup.getLogGroupClass())) {
      at.invalid(
          "must be empty: AWS does not allow metric filters on an INFREQUENT_ACCESS log group;"
              + " use class STANDARD or remove the filters");
    }
    maxItems(at, filters, MAX_METRIC_FILTERS, "metric filters (the AWS limit per log group)");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < filters.size(); i++) {
      Scope item = at.index(i);
      if (present(item, filters.get(i))) {
        validateFilter(item, filters.get(i), seen);
      }
    }
  }

  private static void validateFilter(Scope at, MetricFilterSpec filter, Map<String, String> seen) {
    Scope name = at.field("name");
    if (present(name, filter.getName())
        && length(name, filter.getName(), 1, 512)
        && excludes(name, filter.getName(), FILTER_NAME_FORBIDDEN)) {
      unique(name, filter.getName(), seen);
    }
    Scope pattern = at.field("pattern");
    if (present(pattern, filter.getPattern())) {
      length(pattern, filter.getPattern(), 0, 1024);
    }
    Scope metric = at.field("metric");
    if (present(metric, filter.getMetric())) {
      validateTransformation(metric, filter.getMetric());
    }
  }

  private static void validateTransformation(Scope at, MetricTransformationSpec metric) {
    validateFilterMetricName(at.field("namespace"), metric.getNamespace());
    validateFilterMetricName(at.field("name"), metric.getName());
    Scope value = at.field("value");
    if (present(value, metric.getValue())) {
      length(value, metric.getValue(), 1, 100);
    }
    if (metric.getUnit() != null) {
      oneOf(at.field("unit"), metric.getUnit(), METRIC_UNITS);
    }
    Map<String, String> dimensions = metric.getDimensions();
    validateDimensions(at.field("dimensions"), dimensions, MAX_FILTER_DIMENSIONS);
    Double defaultValue = metric.getDefaultValue();
    if (defaultValue != null && finite(at.field("defaultValue"), defaultValue)) {
      if (dimensions != null && !dimensions.isEmpty()) {
        at.field("defaultValue")
            .invalid(
                "must be absent when dimensions are set: AWS does not allow a default value on a"
                    + " metric with dimensions");
      }
    }
  }

  private static void validateFilterMetricName(Scope at, String value) {
    if (present(at, value) && length(at, value, 1, 255)) {
      excludes(at, value, FILTER_METRIC_FORBIDDEN);
    }
  }

  private static void validateAlarms(
      Scope at, List<AlarmSpec> alarms, Set<String> filterNames, OperatorConfig config) {
    if (alarms == null) {
      return;
    }
    maxItems(at, alarms, MAX_ALARMS, "alarms");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < alarms.size(); i++) {
      Scope item = at.index(i);
      if (present(item, alarms.get(i))) {
        validateAlarm(item, alarms.get(i), filterNames, seen, config);
      }
    }
  }

  private static void validateAlarm(
      Scope at,
      AlarmSpec alarm,
      Set<String> filterNames,
      Map<String, String> seen,
      OperatorConfig config) {
    Scope name = at.field("name");
    if (present(name, alarm.getName())
        && length(name, alarm.getName(), 1, 64)
        && matches(
            name,
            alarm.getName(),
            ALARM_NAME,
            "must start with a letter or digit and contain only letters, digits, . _ and -")) {
      unique(name, alarm.getName(), seen);
    }
    if (alarm.getDescription() != null) {
      length(at.field("description"), alarm.getDescription(), 0, 1024);
    }
    validateAlarmSource(at, alarm, filterNames);
    validateStatistic(at, alarm);
    validateTiming(at, alarm);
    Scope operator = at.field("comparisonOperator");
    if (present(operator, alarm.getComparisonOperator())) {
      oneOf(operator, alarm.getComparisonOperator(), COMPARISON_OPERATORS);
    }
    Scope threshold = at.field("threshold");
    if (present(threshold, alarm.getThreshold())) {
      finite(threshold, alarm.getThreshold());
    }
    if (alarm.getTreatMissingData() != null) {
      oneOf(at.field("treatMissingData"), alarm.getTreatMissingData(), TREAT_MISSING_DATA);
    }
    if (alarm.getActions() != null) {
      validateActions(at.field("actions"), alarm.getActions(), config);
    }
  }

  private static void validateAlarmSource(Scope at, AlarmSpec alarm, Set<String> filterNames) {
    String filter = alarm.getMetricFilter();
    AlarmMetricSpec metric = alarm.getMetric();
    if ((filter == null) == (metric == null)) {
      at.invalid(
          "give exactly one of metricFilter or metric, got "
              + (filter == null ? "neither" : "both"));
    }
    if (filter != null && length(at.field("metricFilter"), filter, 1, 512)) {
      if (!filterNames.contains(filter)) {
        at.field("metricFilter")
            .invalid(
                "must name a metric filter of this ModelAudit ("
                    + (filterNames.isEmpty() ? "none is defined" : "one of " + choices(filterNames))
                    + "), got "
                    + quote(filter));
      }
    }
    if (metric != null) {
      validateAlarmMetric(at.field("metric"), metric);
    }
  }

  private static void validateAlarmMetric(Scope at, AlarmMetricSpec metric) {
    Scope namespace = at.field("namespace");
    if (present(namespace, metric.getNamespace())
        && length(namespace, metric.getNamespace(), 1, 255)) {
      excludes(namespace, metric.getNamespace(), ALARM_NAMESPACE_FORBIDDEN);
    }
    Scope name = at.field("name");
    if (present(name, metric.getName())) {
      length(name, metric.getName(), 1, 255);
    }
    validateDimensions(at.field("dimensions"), metric.getDimensions(), MAX_ALARM_DIMENSIONS);
  }

  /**
   * What each alarm watches: a filter's metric only when it has no dimensions (an alarm on the
   * filter watches the metric without dimensions, which a filter with dimensions never publishes);
   * one of this ModelAudit's own metrics with exactly its dimensions; or a metric of a namespace
   * the operator's policy allows this namespace.
   */
  private static void validateAlarmMetrics(
      Scope at, ModelAuditSpec spec, String namespace, OperatorConfig config) {
    if (spec.getAlarms() == null) {
      return;
    }
    Map<String, MetricTransformationSpec> filters = new HashMap<>();
    if (spec.getMetricFilters() != null) {
      for (MetricFilterSpec filter : spec.getMetricFilters()) {
        if (filter != null && filter.getName() != null && filter.getMetric() != null) {
          filters.putIfAbsent(filter.getName(), filter.getMetric());
        }
      }
    }
    for (int i = 0; i < spec.getAlarms().size(); i++) {
      AlarmSpec alarm = spec.getAlarms().get(i);
      if (alarm == null) {
        continue;
      }
      MetricTransformationSpec filtered =
          alarm.getMetricFilter() == null ? null : filters.get(alarm.getMetricFilter());
      if (filtered != null && alarm.getMetric() == null) {
        validateAlarmOnFilter(at.index(i).field("metricFilter"), alarm.getMetricFilter(), filtered);
      }
      if (alarm.getMetric() != null) {
        validateWatchedMetric(
            at.index(i).field("metric"), alarm.getMetric(), spec, namespace, config);
      }
    }
  }

  private static void validateAlarmOnFilter(
      Scope at, String filterName, MetricTransformationSpec metric) {
    List<String> dimensions = dimensionNames(metric.getDimensions());
    if (dimensions.isEmpty() || metric.getNamespace() == null || metric.getName() == null) {
      return;
    }
    at.invalid(
        "filter "
            + quote(filterName)
            + " publishes its metric with "
            + (dimensions.size() == 1 ? "dimension " : "dimensions ")
            + String.join(", ", dimensions)
            + " (a value per event), so an alarm on the filter would watch the metric without"
            + " dimensions, which never gets data; watch one value instead: metric: {namespace: "
            + metric.getNamespace()
            + ", name: "
            + metric.getName()
            + ", dimensions: {"
            + dimensions.stream().map(d -> d + ": <value>").collect(Collectors.joining(", "))
            + "}}");
  }

  private static void validateWatchedMetric(
      Scope at,
      AlarmMetricSpec metric,
      ModelAuditSpec spec,
      String namespace,
      OperatorConfig config) {
    String metricNamespace = metric.getNamespace();
    String metricName = metric.getName();
    if (metricNamespace == null
        || metricName == null
        || codePoints(metricNamespace) < 1
        || codePoints(metricNamespace) > 255
        || metricNamespace.contains(ALARM_NAMESPACE_FORBIDDEN)) {
      return; // reported by validateAlarmMetric
    }
    List<String> watched = dimensionNames(metric.getDimensions());
    Map<String, List<String>> published = new java.util.LinkedHashMap<>();
    if (spec.getMetricFilters() != null) {
      for (MetricFilterSpec filter : spec.getMetricFilters()) {
        MetricTransformationSpec own = filter == null ? null : filter.getMetric();
        if (own != null
            && metricNamespace.equals(own.getNamespace())
            && metricName.equals(own.getName())) {
          published.putIfAbsent(
              String.valueOf(filter.getName()), dimensionNames(own.getDimensions()));
        }
      }
    }
    if (published.containsValue(watched)) {
      return; // one of this ModelAudit's own metrics
    }
    if (!published.isEmpty()) {
      at.field("dimensions")
          .invalid(
              "must name exactly the dimensions this ModelAudit's "
                  + published.entrySet().stream()
                      .map(
                          e ->
                              "filter "
                                  + quote(e.getKey())
                                  + " publishes "
                                  + metricNamespace
                                  + "/"
                                  + metricName
                                  + " with ("
                                  + (e.getValue().isEmpty()
                                      ? "none"
                                      : String.join(", ", e.getValue()))
                                  + ")")
                      .collect(Collectors.joining(" or "))
                  + ", got "
                  + (watched.isEmpty() ? "none" : String.join(", ", watched))
                  + ": no filter publishes the metric the alarm would watch");
      return;
    }
    if (!config.isAllowedAlarmMetricNamespace(namespace, metricNamespace)) {
      List<String> allowed = config.alarmMetricNamespacesFor(namespace);
      at.field("namespace")
          .policy(
              "is not allowed by the operator's policy: an alarm in namespace "
                  + namespace
                  + " may watch the metrics this ModelAudit's filters publish"
                  + (allowed.isEmpty()
                      ? " and no others"
                      : " and those in metric namespace "
                          + choices(allowed.stream().map(SpecValidator::quote).toList())
                          + " or below it")
                  + ", got "
                  + quote(metricNamespace));
    }
  }

  private static List<String> dimensionNames(Map<String, String> dimensions) {
    return dimensions == null
        ? List.of()
        : dimensions.keySet().stream().filter(Objects::nonNull).sorted().toList();
  }

  private static void validateStatistic(Scope at, AlarmSpec alarm) {
    String statistic = alarm.getStatistic();
    String extended = alarm.getExtendedStatistic();
    if ((statistic == null) == (extended == null)) {
      at.invalid(
          "give exactly one of statistic or extendedStatistic, got "
              + (statistic == null ? "neither" : "both"));
    }
    if (statistic != null) {
      oneOf(at.field("statistic"), statistic, STATISTICS);
    }
    if (extended != null) {
      matches(
          at.field("extendedStatistic"),
          extended,
          EXTENDED_STATISTIC,
          "must be a percentile statistic such as p99, p99.9, tm90 or IQM");
    }
  }

  /** Period, evaluation periods and datapoints to alarm, which AWS checks together. */
  private static void validateTiming(Scope at, AlarmSpec alarm) {
    Integer period = alarm.getPeriod();
    Integer evaluations = alarm.getEvaluationPeriods();
    Scope periodAt = at.field("period");
    boolean periodOk = present(periodAt, period) && validatePeriod(periodAt, period);
    Scope evaluationsAt = at.field("evaluationPeriods");
    boolean evaluationsOk =
        present(evaluationsAt, evaluations)
            && between(evaluationsAt, evaluations, 1, MAX_EVALUATION_PERIODS);
    if (periodOk && evaluationsOk) {
      long range = (long) period * evaluations;
      long limit =
          period >= LONG_PERIOD_SECONDS
              ? MAX_EVALUATION_RANGE_SECONDS_LONG_PERIODS
              : MAX_EVALUATION_RANGE_SECONDS;
      if (range > limit) {
        evaluationsAt.invalid(
            "period * evaluationPeriods must be at most 86400 seconds (604800 when period >= 3600),"
                + " got "
                + period
                + " * "
                + evaluations
                + " = "
                + range);
      }
    }
    Integer datapoints = alarm.getDatapointsToAlarm();
    if (datapoints != null) {
      int max = evaluationsOk ? evaluations : MAX_EVALUATION_PERIODS;
      if (datapoints < 1 || datapoints > max) {
        at.field("datapointsToAlarm")
            .invalid(
                "must be between 1 and "
                    + (evaluationsOk ? "evaluationPeriods (" + max + ")" : max)
                    + ", got "
                    + datapoints);
      }
    }
  }

  private static boolean validatePeriod(Scope at, int period) {
    boolean allowed =
        period == 10 || period == 20 || period == 30 || (period > 0 && period % 60 == 0);
    if (!allowed) {
      at.invalid("must be 10, 20, 30 or a multiple of 60, got " + period);
      return false;
    }
    if (period > MAX_PERIOD_SECONDS) {
      at.invalid("must be at most " + MAX_PERIOD_SECONDS + " seconds (7 days), got " + period);
      return false;
    }
    return true;
  }

  private static void validateActions(Scope at, AlarmActionsSpec actions, OperatorConfig config) {
    validateActionList(at.field("alarm"), actions.getAlarm(), config);
    validateActionList(at.field("ok"), actions.getOk(), config);
    validateActionList(at.field("insufficientData"), actions.getInsufficientData(), config);
  }

  private static void validateActionList(Scope at, List<String> arns, OperatorConfig config) {
    if (arns == null) {
      return;
    }
    maxItems(at, arns, MAX_ACTIONS_PER_STATE, "actions per alarm state");
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < arns.size(); i++) {
      Scope item = at.index(i);
      String arn = arns.get(i);
      if (present(item, arn)
          && length(item, arn, 1, 1024)
          && matches(
              item, arn, ACTION_ARN, "must be an ARN such as arn:aws:sns:us-east-1:123456789012:t")
          && unique(item, arn, seen)) {
        validateActionPolicy(item, arn, config);
      }
    }
  }

  private static void validateNotifications(
      Scope at, NotificationsSpec notifications, OperatorConfig config) {
    if (notifications == null || notifications.getSnsTopicArn() == null) {
      return;
    }
    Scope arnAt = at.field("snsTopicArn");
    String arn = notifications.getSnsTopicArn();
    if (length(arnAt, arn, 1, 2048)
        && matches(
            arnAt,
            arn,
            SNS_TOPIC_ARN,
            "must be an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:model-alerts")) {
      validateActionPolicy(arnAt, arn, config);
    }
  }

  private static void validateActionPolicy(Scope at, String arn, OperatorConfig config) {
    if (config.isAllowedActionArn(arn)) {
      return;
    }
    List<String> patterns =
        config.allowedActionArnPatterns().stream().map(Pattern::pattern).toList();
    at.policy(
        patterns.isEmpty()
            ? "is not allowed: the operator's configuration allows no action ARNs, got "
                + quote(arn)
            : "is not allowed by the operator's policy: action ARNs must match "
                + String.join(" or ", patterns)
                + ", got "
                + quote(arn));
  }

  private static void validateTags(Scope at, Map<String, String> tags) {
    if (tags == null) {
      return;
    }
    maxItems(
        at,
        tags.keySet(),
        MAX_USER_TAGS,
        "tags (AWS allows 50 and the operator adds up to 4 of its own)");
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey() == null ? "" : tag.getKey();
      validateTag(at.key(key), key, tag.getValue());
    }
  }

  private static void validateTag(Scope at, String key, String value) {
    int keyLength = codePoints(key);
    String lowerKey = key.toLowerCase(Locale.ROOT);
    if (keyLength < 1 || keyLength > 128) {
      at.invalid("tag key must be 1-128 characters, got " + keyLength);
    } else if (!TAG_TEXT.matcher(key).matches()) {
      at.invalid("tag key " + TAG_TEXT_RULE);
    } else if (lowerKey.startsWith("aws:")) {
      at.invalid("tag key must not start with aws: (reserved by AWS)");
    } else if (lowerKey.startsWith("modelaudit.io/")) {
      at.invalid("tag key must not start with modelaudit.io/ (reserved for the operator's tags)");
    }
    if (value == null) {
      at.invalid("tag value is required; use \"\" for an empty value");
    } else if (codePoints(value) > 256) {
      at.invalid("tag value must be at most 256 characters, got " + codePoints(value));
    } else if (!TAG_TEXT.matcher(value).matches()) {
      at.invalid("tag value " + TAG_TEXT_RULE + ", got " + quote(value));
    }
  }

  private static void validateDeletionPolicy(Scope at, String deletionPolicy) {
    if (deletionPolicy != null) {
      oneOf(at, deletionPolicy, DELETION_POLICIES);
    }
  }

  /** Dimension names and values of a metric; both must be 1-255 characters. */
  private static void validateDimensions(Scope at, Map<String, String> dimensions, int max) {
    if (dimensions == null) {
      return;
    }
    maxItems(at, dimensions.keySet(), max, "dimensions");
    for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
      String key = dimension.getKey() == null ? "" : dimension.getKey();
      Scope entry = at.key(key);
      String value = dimension.getValue();
      if (codePoints(key) < 1 || codePoints(key) > 255) {
        entry.invalid("dimension name must be 1-255 characters, got " + codePoints(key));
      }
      if (value == null) {
        entry.invalid("dimension value is required");
      } else if (codePoints(value) < 1 || codePoints(value) > 255) {
        entry.invalid("dimension value must be 1-255 characters, got " + codePoints(value));
      }
    }
  }

  private static Set<String> filterNames(ModelAuditSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    if (spec.getMetricFilters() != null) {
      for (MetricFilterSpec filter : spec.getMetricFilters()) {
        if (filter != null && filter.getName() != null) {
          names.add(filter.getName());
        }
      }
    }
    return names;
  }

  // ---- single checks: each records at most one violation and says whether the value passed ----

  private static boolean present(Scope at, Object value) {
    if (value == null) {
      at.invalid("required");
      return false;
    }
    return true;
  }

  /** Length in characters as people (and AWS) count them, not in UTF-16 units. */
  private static boolean length(Scope at, String value, int min, int max) {
    int length = codePoints(value);
    if (length >= min && length <= max) {
      return true;
    }
    at.invalid(
        (min == 0 ? "must be at most " + max : "must be " + min + "-" + max)
            + " characters, got "
            + length);
    return false;
  }

  private static boolean matches(Scope at, String value, Pattern pattern, String rule) {
    if (pattern.matcher(value).matches()) {
      return true;
    }
    at.invalid(rule + ", got " + quote(value));
    return false;
  }

  private static boolean excludes(Scope at, String value, String forbidden) {
    for (char c : forbidden.toCharArray()) {
      if (value.indexOf(c) >= 0) {
        List<String> quoted = forbidden.chars().mapToObj(f -> "'" + (char) f + "'").toList();
        at.invalid("must not contain " + choices(quoted) + ", got " + quote(value));
        return false;
      }
    }
    return true;
  }

  private static boolean oneOf(Scope at, String value, List<String> allowed) {
    if (allowed.contains(value)) {
      return true;
    }
    at.invalid("must be one of " + choices(allowed) + ", got " + quote(value));
    return false;
  }

  private static boolean between(Scope at, int value, int min, int max) {
    if (value >= min && value <= max) {
      return true;
    }
    at.invalid("must be between " + min + " and " + max + ", got " + value);
    return false;
  }

  private static boolean finite(Scope at, double value) {
    if (Double.isFinite(value)) {
      return true;
    }
    at.invalid("must be a finite number, got " + value);
    return false;
  }

  private static void maxItems(Scope at, Collection<?> items, int max, String what) {
    if (items.size() > max) {
      at.invalid("must have at most " + max + " " + what + ", got " + items.size());
    }
  }

  /** Reports a value already seen in the same list at the later occurrence. */
  private static boolean unique(Scope at, String value, Map<String, String> seen) {
    String first = seen.putIfAbsent(value, at.path());
    if (first == null) {
      return true;
    }
    at.invalid("must be unique: " + quote(value) + " is also used at " + first);
    return false;
  }

  // ---- formatting ----

  private static int codePoints(String value) {
    return value.codePointCount(0, value.length());
  }

  /** Quotes a value for a message, cut short so a huge value cannot flood the status. */
  private static String quote(String value) {
    String shown =
        codePoints(value) <= 64
            ? value
            : value.substring(0, value.offsetByCodePoints(0, 61)) + "...";
    return "\"" + shown + "\"";
  }

  private static String choices(Collection<?> values) {
    List<String> texts = values.stream().map(String::valueOf).toList();
    if (texts.size() <= 1) {
      return String.join("", texts);
    }
    return String.join(", ", texts.subList(0, texts.size() - 1))
        + " or "
        + texts.get(texts.size() - 1);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableList());
  }

  /** A position in the spec: builds the paths of its children and records violations there. */
  private static final class Scope {
    private final List<Violation> sink;
    private final String path;

    private Scope(List<Violation> sink, String path) {
      this.sink = sink;
      this.path = path;
    }

    static Scope root() {
      return new Scope(new ArrayList<>(), "spec");
    }

    Scope field(String name) {
      return new Scope(sink, path + "." + name);
    }

    Scope index(int index) {
      return new Scope(sink, path + "[" + index + "]");
    }

    Scope key(String key) {
      String escaped = key.replace("\\", "\\\\").replace("\"", "\\\"");
      return new Scope(sink, path + "[\"" + escaped + "\"]");
    }

    String path() {
      return path;
    }

    void invalid(String message) {
      sink.add(new Violation(path, message, Violation.Kind.INVALID_SPEC));
    }

    void policy(String message) {
      sink.add(new Violation(path, message, Violation.Kind.POLICY));
    }

    List<Violation> violations() {
      return List.copyOf(sink);
    }
  }
}
